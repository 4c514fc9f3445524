#!/usr/bin/env bash
# Idle cost of `usagetop monitor` and of the auto-refreshing dashboard next to htop and btop, measured side by side
# in one run.
#
# Each program runs alone in its own tmux pane of the same size and TERM. After a warm-up, for SECONDS seconds we
# measure: CPU (utime + stime from /proc/PID/stat), resident memory (VmRSS at the end, PSS from smaps_rollup, which
# divides shared library pages among the processes using them, and the peak VmHWM) and the
# bytes the program wrote to its terminal (tmux pipe-pane records everything written to the pane).
# usagetop refreshes every 2 s from the local demo store; htop and btop run with their default refresh
# (htop 1.5 s, btop 2 s).
#
#   scripts/idle-cost.sh            # 60 s, 120x40, TERM=xterm-256color
#   SECONDS_TO_MEASURE=120 COLS=200 ROWS=60 scripts/idle-cost.sh
set -euo pipefail

measure=${SECONDS_TO_MEASURE:-60}
warmup=${WARMUP:-10}
cols=${COLS:-120}
rows=${ROWS:-40}
term=${TERM_UNDER_TEST:-xterm-256color}
source "$(dirname "$0")/common.sh"
work=$(mktemp -d /tmp/usagetop-idle.XXXXXX)
socket="usagetop-idle-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

require tmux htop btop

build_release usagetop
echo "creating the demo store…" >&2
XDG_STATE_HOME="$work/state" "$bin" demo --db "$work/usage.sqlite" >/dev/null 2>&1

declare -A commands=(
    [usagetop]="exec env XDG_STATE_HOME=$work/state $bin monitor --db $work/usage.sqlite --refresh 2"
    [dashboard]="exec env XDG_STATE_HOME=$work/state $bin --db $work/usage.sqlite --refresh 2"
    [htop]="exec htop"
    [btop]="exec btop"
)
names=(usagetop dashboard htop btop)
for name in "${names[@]}"; do
    # A config-free home so btop and htop start from their defaults.
    mkdir -p "$work/home-$name"
    tmux -L "$socket" -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
        "env -i HOME=$work/home-$name PATH=$PATH TERM=$term LANG=C.UTF-8 LC_ALL=C.UTF-8 bash -c '${commands[$name]}'"
    tmux -L "$socket" pipe-pane -o -t "$name" "cat > $work/$name.out"
done

sleep "$warmup"
ticks=$(getconf CLK_TCK)
declare -A pid cpu0 bytes0
for name in "${names[@]}"; do
    pid[$name]=$(tmux -L "$socket" display-message -p -t "$name" '#{pane_pid}')
    cpu0[$name]=$(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat")
    bytes0[$name]=$(stat -c %s "$work/$name.out")
done
sleep "$measure"

printf '| program | CPU over %ss | CPU %% of one core | RSS at end | PSS at end | peak RSS | terminal bytes/s |\n' "$measure"
printf '|---|---|---|---|---|---|---|\n'
for name in "${names[@]}"; do
    p=${pid[$name]}
    cpu1=$(awk '{print $14 + $15}' "/proc/$p/stat")
    bytes1=$(stat -c %s "$work/$name.out")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$p/status")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$p/status")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
    awk -v n="$name" -v c0="${cpu0[$name]}" -v c1="$cpu1" -v t="$ticks" -v s="$measure" -v r="$rss" -v h="$hwm" \
        -v b0="${bytes0[$name]}" -v b1="$bytes1" -v q="$pss" 'BEGIN {
            cpu = (c1 - c0) / t
            printf "| %s | %.2f s | %.2f %% | %.1f MB | %.1f MB | %.1f MB | %.0f |\n", n, cpu, 100 * cpu / s, r / 1024, q / 1024, h / 1024, (b1 - b0) / s
        }'
done
echo "(${cols}x${rows}, TERM=$term, warm-up ${warmup}s, $(nproc) cores, $(uname -r))"
