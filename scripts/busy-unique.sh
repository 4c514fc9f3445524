#!/usr/bin/env bash
# One customer whose users come back through the day: the unique-count reads where they grow with the customer's
# sessions. Writes 505,000 events (cus_00001: 8,000 sessions a day for 45 days, each day from 600 of 5,000 users,
# plus compute and calls; 200 quiet customers), loads them with `usagetop ingest` into a new SQLite store in $DIR
# and, with a URL, into that PostgreSQL database (only if it holds no events), then measures the screens' queries on each
# (`usagetop-bench --only store --store …`, `--only postgres --queries-on …`).
#
#   scripts/busy-unique.sh                                          # SQLite only
#   PGPASSWORD=… scripts/busy-unique.sh postgres://user@127.0.0.1/busy_unique
set -euo pipefail

url=${1:-}
dir=${DIR:-/tmp/usagetop-busy-unique}
source "$(dirname "$0")/common.sh"
require python3 sqlite3
build_release usagetop usagetop-bench
mkdir -p "$dir"
write_catalog "$dir" 201
python3 - "$dir" <<'PY'
import json, random, sys, time
folder = sys.argv[1]
random.seed(11)
now, day = int(time.time() * 1000), 86_400_000
stamp = lambda ms: time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".%03dZ" % (ms % 1000)
with open(f"{folder}/events.jsonl", "w") as out:
    n = 0
    def put(customer, code, ms, properties):
        global n
        out.write(json.dumps({"transaction_id": f"t{n}", "external_customer_id": customer, "code": code,
                              "timestamp": stamp(ms), "properties": properties}) + "\n")
        n += 1
    start = now - 45 * day
    for d in range(45):
        active = random.sample(range(5000), 600)
        for _ in range(8000):
            put("cus_00001", "active_users", start + d * day + random.randrange(day), {"user_id": "u%d" % random.choice(active)})
        for _ in range(500):
            put("cus_00001", "compute_seconds", start + d * day + random.randrange(day), {"seconds": random.randrange(600)})
            put("cus_00001", "api_calls", start + d * day + random.randrange(day), {"region": random.choice(["eu", "us"])})
    for c in range(2, 202):
        for _ in range(500):
            put("cus_%05d" % c, random.choice(["api_calls", "active_users", "compute_seconds"]),
                now - random.randrange(45 * day), {"user_id": "u%d" % random.randrange(50), "seconds": 3, "region": "eu"})
PY
rm -f "$dir"/usage.sqlite*
load=(ingest --metrics "$dir/metrics.json" --customers "$dir/customers.json" "$dir/events.jsonl")
"$bin" "${load[@]}" --db "$dir/usage.sqlite"
"$root/.build/release/usagetop-bench" --only store --store "$dir/usage.sqlite" --events 500000
if [ -n "$url" ]; then
    require psql
    held=$(psql -qtAX "$url" -c "SELECT count(*) FROM event" 2>/dev/null || echo 0)
    if [ "${held:-0}" -eq 0 ]; then
        "$bin" "${load[@]}" --db "$url"
        psql -q "$url" -c "VACUUM ANALYZE"
    fi
    "$root/.build/release/usagetop-bench" --only postgres --postgres "$url" --queries-on "$url"
fi
