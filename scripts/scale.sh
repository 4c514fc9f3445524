#!/usr/bin/env bash
# The dashboard on 100,000 customers, end to end through tmux: time from launch to the first customer rows on screen,
# to the whole table (its title counting every customer), each keystroke (move, sort, filter) from the moment tmux is
# given the key to the moment the screen has changed, and the peak resident memory (VmHWM) over the whole run.
#
# The store (100,000 customers, 30 days, about 2.5 M events) is built once with `usagetop demo` and kept in
# $SCALE_DIR (default /tmp/usagetop-scale) for later runs.
#
# With SCALE_POSTGRES set to a database URL (its password in PGPASSWORD), the same events are loaded once into that
# PostgreSQL database through `usagetop ingest` (the demo's customers and metrics with them) and the dashboard reads
# the store there instead.
#
#   scripts/scale.sh                 # 3 runs at 120x40
#   RUNS=5 CUSTOMERS=20000 scripts/scale.sh
#   SCALE_POSTGRES=postgres://usagetop@127.0.0.1/scale PGPASSWORD=… scripts/scale.sh
set -euo pipefail

runs=${RUNS:-3}
customers=${CUSTOMERS:-100000}
dir=${SCALE_DIR:-/tmp/usagetop-scale}
source "$(dirname "$0")/common.sh"
socket="usagetop-scale-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT
require tmux python3
build_release usagetop
store="$dir/customers-$customers.sqlite"
mkdir -p "$dir/state"
held=0
if [ -n "${SCALE_POSTGRES:-}" ]; then
    held=$(psql -qtA "$SCALE_POSTGRES" -c "SELECT EXISTS (SELECT 1 FROM event)" 2>/dev/null || echo f)
    [ "$held" = t ] && held=1 || held=0
fi
# A PostgreSQL store that already holds events (scripts/pg-scale.sh makes one) needs no demo store to load from.
if [ ! -f "$store" ] && [ "$held" -eq 0 ]; then
    echo "building a store of $customers customers in $store (once; a few minutes)…" >&2
    /usr/bin/time -f "built in %e s" env XDG_STATE_HOME="$dir/state" "$bin" demo --db "$store" \
        --customers "$customers" --days 30 --events-per-day 1 >/dev/null
fi

if [ -n "${SCALE_POSTGRES:-}" ]; then
    require sqlite3 psql
    if [ "$held" -eq 0 ]; then
        echo "loading the store's events into $SCALE_POSTGRES (once)…" >&2
        sqlite3 "$store" "SELECT json_group_array(json_object('code', code, 'name', name, 'aggregation', aggregation,
            'field', field, 'unit', unit)) FROM (SELECT * FROM metric ORDER BY position)" >"$dir/metrics.json"
        sqlite3 "$store" "SELECT json_group_array(json_object('id', id, 'name', name, 'currency', currency))
            FROM customer" >"$dir/customers.json"
        sqlite3 "$store" "SELECT json_object('transaction_id', transaction_id, 'external_customer_id', customer_id,
            'code', metric_code, 'timestamp', ts_ms / 1000.0, 'properties', json(properties)) FROM event" \
            >"$dir/events.jsonl"
        /usr/bin/time -f "loaded in %e s" "$bin" ingest --db "$SCALE_POSTGRES" --metrics "$dir/metrics.json" \
            --customers "$dir/customers.json" "$dir/events.jsonl" >&2
        rm -f "$dir/events.jsonl"
    fi
    store=$SCALE_POSTGRES
fi

python3 - "$socket" "$bin" "$dir" "$store" "$runs" "$customers" <<'PY'
import shlex, statistics, subprocess, sys, time
socket, binary, work, store, runs, customers = sys.argv[1:7]
runs, customers = int(runs), int(customers)
total_text = f"{customers:,}"

def tmux(*args):
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

def screen():
    return tmux("capture-pane", "-p", "-e", "-t", "scale:ui")  # with attributes: a move changes only colours

def wait_for(predicate, since, limit=30.0):
    while True:
        text = screen()
        if predicate(text):
            return time.perf_counter() - since, text
        if time.perf_counter() - since > limit:
            raise SystemExit("no change on screen after %.0f s:\n%s" % (limit, text))
        time.sleep(0.001)

def peak_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def key(name):
    before = screen()
    start = time.perf_counter()
    tmux("send-keys", "-t", "scale:ui", name)
    took, _ = wait_for(lambda text: text != before, start, limit=10)
    return took

first, whole, peaks = [], [], []
keys = {"move (j)": [], "sort (s)": [], "filter (one letter)": []}
for run in range(runs):
    tmux("kill-server")
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "scale", "-x", "120", "-y", "40", "sleep 600")
    start = time.perf_counter()
    tmux("new-window", "-t", "scale", "-n", "ui",
         f"exec env XDG_STATE_HOME={work}/state TERM=xterm-256color LANG=C.UTF-8 {binary} --db {shlex.quote(store)}")
    pid = int(tmux("display", "-p", "-t", "scale:ui", "#{pane_pid}").strip())
    took, _ = wait_for(lambda text: "cus_0" in text, start)
    first.append(took)
    took, _ = wait_for(lambda text: f"{total_text} of {total_text}" in text, start)
    whole.append(took)
    time.sleep(0.5)
    for _ in range(5):
        keys["move (j)"].append(key("j"))
    for _ in range(3):
        keys["sort (s)"].append(key("s"))
        time.sleep(0.2)
    tmux("send-keys", "-t", "scale:ui", "/")
    time.sleep(0.3)
    for letter in "acme":
        keys["filter (one letter)"].append(key(letter))
        time.sleep(0.2)
    peaks.append(peak_kb(pid) / 1024)
    tmux("kill-server")

def row(name, values, unit="ms", scale=1000):
    shown = ", ".join(f"{v * scale:.0f}" for v in values)
    print(f"| {name} | {statistics.median(values) * scale:.0f} {unit} | {max(values) * scale:.0f} {unit} | {shown} |")

print(f"| {customers:,} customers, 120x40 | median | worst | all |")
print("|---|---|---|---|")
row("first rows on screen", first)
row(f"whole table (\"{total_text} of {total_text}\" in the title)", whole)
for name, values in keys.items():
    row(f"keystroke: {name}", values)
row("peak resident memory (VmHWM)", [p / 1000 for p in peaks], unit="MB")
print(f"({runs} runs)")
PY
