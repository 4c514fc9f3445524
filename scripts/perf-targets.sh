#!/usr/bin/env bash
# Every performance target of usagetop next to its reference, measured in one sitting on this machine, with the
# ratios: ingest against sqlite3's own import, start-up on a large store against the demo store, the dashboard on
# 100,000 customers, the first frame against htop's, idle cost against htop's and sync passes over 20,000
# customers against a whole pass. Prints markdown for BENCHMARKS.md.
#
#   scripts/perf-targets.sh                      # everything (about 20 minutes; builds what it needs once)
#   ONLY="ingest startup" scripts/perf-targets.sh
#   LARGE_STORE=/path/to/10M.sqlite scripts/perf-targets.sh   # start-up needs a large store:
#       .build/release/usagetop-bench --only store builds one of 10 million events in /tmp/usagetop-bench
#   PERF_POSTGRES=postgres://user@127.0.0.1/postgres PGPASSWORD=… scripts/perf-targets.sh   # part 7 needs a server
#       (the benchmark makes and drops its own databases there; psql from postgresql-client)
set -euo pipefail

source "$(dirname "$0")/common.sh"
only=${ONLY:-"ingest startup scale first-frame idle sync postgres"}
large=${LARGE_STORE:-/tmp/usagetop-bench/large.sqlite}
runs=${RUNS:-3}
wants() { [[ " $only " == *" $1 "* ]]; }

require python3 sqlite3
build_release usagetop usagetop-bench
echo "# usagetop performance targets, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if wants ingest; then
    # Both shapes: the project's wide rows, then narrow 5-column rows against .import with a primary key.
    for events in 1000000 200000; do
        echo; echo "## 1. Ingest of $events events (target: at most 2x sqlite3 .import of the same rows, on both shapes)"
        for _ in $(seq "$runs"); do
            "$root/.build/release/usagetop-bench" --only ingest --ingest "$events" |
                grep "events in"
        done | python3 -c '
import re, statistics, sys
rows = {}
for line in sys.stdin:
    name, seconds = re.match(r"(.*?)\s+[0-9]+ events in", line).group(1), float(re.search(r"in ([0-9.]+) s", line).group(1))
    rows.setdefault(name, []).append(seconds)
print("| what | median | runs |"); print("|---|---|---|")
for name, values in rows.items():
    shown = ", ".join("%.2f" % v for v in values)
    print(f"| {name} | {statistics.median(values):.2f} s | {shown} |")
median = {name: statistics.median(values) for name, values in rows.items()}
wide = [n for n in rows if "narrow" not in n]
narrow = [n for n in rows if "narrow" in n]
print(f"\nwide rows, usagetop / sqlite3 .import: **{median[wide[0]] / median[wide[1]]:.2f}** (target 2.0)")
for name in wide[2:]: print(f"wide rows, usagetop / {name}: {median[wide[0]] / median[name]:.2f}")
print(f"narrow rows, usagetop / sqlite3 .import with a primary key: **{median[narrow[0]] / median[narrow[1]]:.2f}** (target 2.0)")
for name in narrow[2:]: print(f"narrow rows, usagetop / {name}: {median[narrow[0]] / median[name]:.2f}")'
    done
fi

if wants startup; then
    echo; echo "## 2. Start-up: one-customer snapshot, large store against the demo store (target: at most 1.2x)"
    if [ ! -f "$large" ]; then
        echo "skipped: no large store at $large (build one: .build/release/usagetop-bench --only store)"
    else
        demo=$(mktemp -d /tmp/usagetop-startup.XXXXXX)
        XDG_STATE_HOME="$demo/state" "$bin" demo --db "$demo/usage.sqlite" >/dev/null 2>&1
        python3 - "$bin" "$large" "$demo/usage.sqlite" <<'PY'
import statistics, subprocess, sys, time
binary, large, demo = sys.argv[1:4]
times = {"large": [], "demo": []}
for _ in range(21):
    for name, store in (("large", large), ("demo", demo)):
        start = time.perf_counter()
        subprocess.run([binary, "snapshot", "--db", store, "--customer", "cus_00001", "--format", "json"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
size = subprocess.run(["sqlite3", large, "SELECT COUNT(*) FROM event"], capture_output=True, text=True).stdout.strip()
print("| store | median | runs |"); print("|---|---|---|")
print(f"| large ({int(size):,} events) | {statistics.median(times['large']) * 1000:.1f} ms | 21 |")
print(f"| demo | {statistics.median(times['demo']) * 1000:.1f} ms | 21 |")
print(f"\nratio large / demo: **{statistics.median(times['large']) / statistics.median(times['demo']):.2f}** (target 1.2)")
PY
        rm -rf "$demo"
    fi
fi

if wants scale; then
    echo; echo "## 3. 100,000 customers (targets: first rows under 500 ms, every key under 16 ms, memory under 100 MB)"
    RUNS=$runs "$root/scripts/scale.sh" 2>/dev/null
fi

if wants first-frame; then
    echo; echo "## 4. First frame with data (target: no slower than htop)"
    "$root/scripts/first-frame.sh" 2>/dev/null
fi

if wants idle; then
    echo; echo "## 5. Idle cost over 60 s (target: CPU no higher than htop's; terminal bytes a tenth of htop's)"
    for run in $(seq "$runs"); do echo; echo "run $run:"; "$root/scripts/idle-cost.sh" 2>/dev/null; done
fi

if wants sync; then
    echo; echo "## 6. Sync over 20,000 customers at 50 ms a call (target: a quiet pass costs a few calls whatever the"
    echo "customers; new events cost calls in proportion to them), beside a whole pass of 200 customers"
    "$root/.build/release/usagetop-bench" --only sync --sync-customers 20000 | grep -v "^usagetop benchmarks"
fi

if wants postgres; then
    echo; echo "## 7. PostgreSQL ingest of 1,000,000 events (target: at most 1.5x psql's \\copy of the same rows into the same tables)"
    if [ -z "${PERF_POSTGRES:-}" ]; then
        echo "skipped: set PERF_POSTGRES=postgres://user@host/db (any database on the server) and PGPASSWORD"
    else
        "$root/.build/release/usagetop-bench" --only postgres --ingest-only --postgres "$PERF_POSTGRES" |
            grep "events in" | python3 -c '
import re, sys
rows = [(re.match(r"(.*?)\s+[0-9]+ events in", line).group(1), float(re.search(r"in ([0-9.]+) s", line).group(1)))
        for line in sys.stdin]
print("| what (median of three rounds) | time |"); print("|---|---|")
for name, seconds in rows: print(f"| {name} | {seconds:.2f} s |")
print(f"\nusagetop / \\copy of the rows and their identities: **{rows[0][1] / rows[2][1]:.2f}** (target 1.5)")'
    fi
fi
