#!/usr/bin/env bash
# Time from launch to the first frame with data: the usagetop dashboard on the demo store (a customer row on screen)
# next to htop (a process row), each started in a fresh tmux pane of the same size, runs interleaved, medians.
#
# The clock starts when tmux is asked to start the program and stops when `capture-pane` first shows the data,
# polled every 5 ms; both programs pay the same tmux and polling overhead.
#
#   scripts/first-frame.sh          # 7 runs each at 120x40
#   RUNS=11 scripts/first-frame.sh
set -euo pipefail

runs=${RUNS:-7}
source "$(dirname "$0")/common.sh"
work=$(mktemp -d /tmp/usagetop-first.XXXXXX)
socket="usagetop-first-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
require tmux htop python3
build_release usagetop
XDG_STATE_HOME="$work/state" "$bin" demo --db "$work/usage.sqlite" >/dev/null 2>&1

python3 - "$socket" "$bin" "$work" "$runs" <<'PY'
import statistics, subprocess, sys, time
socket, binary, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
programs = {
    "usagetop": (f"env XDG_STATE_HOME={work}/state TERM=xterm-256color LANG=C.UTF-8 {binary} --db {work}/usage.sqlite",
                 lambda screen: "cus_0" in screen),
    "htop": (f"env -i HOME={work} PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 htop",
             lambda screen: "PID" in screen and "USER" in screen and "root" in screen.split("PID", 1)[1]),
}
def tmux(*args, capture=False):
    out = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True)
    return out.stdout if capture else None
times = {name: [] for name in programs}
for run in range(runs):
    for name, (command, ready) in programs.items():
        tmux("kill-server")
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "sleep 600")
        start = time.perf_counter()
        tmux("new-window", "-t", "idle", "-n", name, command)
        while True:
            if ready(tmux("capture-pane", "-p", "-t", f"idle:{name}", capture=True) or ""):
                break
            if time.perf_counter() - start > 10:
                raise SystemExit(f"{name}: no data on screen after 10 s")
            time.sleep(0.005)
        times[name].append(time.perf_counter() - start)
        tmux("kill-server")
print("| program | first frame with data, median | runs (s) |")
print("|---|---|---|")
for name, values in times.items():
    print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | {', '.join(f'{v:.3f}' for v in values)} |")
print(f"({runs} runs each, interleaved, 120x40)")
ratio = statistics.median(times["usagetop"]) / statistics.median(times["htop"])
print(f"\nratio usagetop / htop: **{ratio:.2f}** (target 1.0)")
PY
