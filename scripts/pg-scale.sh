#!/usr/bin/env bash
# PostgreSQL at team scale: loads EVENTS events (default 100,000,000) for 100,000 customers over 2026 into the
# database of $1 through `usagetop ingest` (a load of 5,000,000 at a time, each timed, the next one generated while
# one loads), then measures the screens' queries on it (`usagetop-bench --only postgres --queries-on`) and prints
# the database's size. A database that already holds events is only measured. The first 100,000-customer table
# on it: `SCALE_POSTGRES=<the same URL> scripts/scale.sh`.
#
# The events are skewed as a real account's are: customer n (from 0) gets about n^(-2/3) of the events, so cus_00001
# holds about 2 % of them and the quietest customers a few hundred; six metrics (the demo's) with their properties.
#
#   PGPASSWORD=… scripts/pg-scale.sh postgres://usagetop@127.0.0.1/scale
#   EVENTS=10000000 PGPASSWORD=… scripts/pg-scale.sh postgres://usagetop@127.0.0.1/scale10m
set -euo pipefail

url=${1:?usage: scripts/pg-scale.sh postgres://user@host/database (password in PGPASSWORD)}
events=${EVENTS:-100000000}
chunk=${CHUNK:-5000000}
dir=${SCALE_DIR:-/tmp/usagetop-pg-scale}
source "$(dirname "$0")/common.sh"
require psql python3
build_release usagetop usagetop-bench
mkdir -p "$dir"

generate() { # generate FIRST COUNT FILE
    python3 - "$1" "$2" "$events" >"$3.part" <<'PY'
import random, sys
first, count, total = map(int, sys.argv[1:4])
start, span = 1767225600000, 1796083200000 - 1767225600000  # 2026-01-01 to 2026-12-01, UTC
rng = random.Random(first)
codes = ["api_calls"] * 8 + ["compute_seconds"] * 4 + ["storage_gb", "emails_sent"] + ["active_users"] * 4 \
    + ["data_transfer_gb"] * 2
out = sys.stdout
for i in range(first, first + count):
    ts = start + i * span // total + rng.randrange(60000)
    customer = 1 + int(100000 * rng.random() ** 3)
    code = codes[rng.randrange(20)]
    if code == "api_calls": props = '{"endpoint": "/v1/items", "region": "eu"}'
    elif code == "compute_seconds": props = '{"seconds": %d.%d}' % (rng.randrange(600), rng.randrange(10))
    elif code == "storage_gb": props = '{"gb": %d.%02d}' % (rng.randrange(500), rng.randrange(100))
    elif code == "active_users": props = '{"user_id": "u%d"}' % rng.randrange(5000)
    elif code == "data_transfer_gb": props = '{"gb": 0.%03d}' % rng.randrange(1000)
    else: props = '{"template": "welcome"}'
    out.write('{"transaction_id": "t%d", "external_customer_id": "cus_%05d", "code": "%s", "timestamp": %d.%03d, '
              '"properties": %s}\n' % (i, customer, code, ts // 1000, ts % 1000, props))
PY
    mv "$3.part" "$3"
}

held=$(psql -qtA "$url" -c "SELECT count(*) FROM event" 2>/dev/null || echo 0)
if [ "${held:-0}" -eq 0 ]; then
    python3 - >"$dir/customers.json" <<'PY'
import json
print(json.dumps([{"id": "cus_%05d" % n, "name": "Customer %d" % n, "currency": "EUR"} for n in range(1, 100001)]))
PY
    cat >"$dir/metrics.json" <<'JSON'
[{"code": "api_calls", "name": "API calls", "aggregation": "count", "field": null, "unit": "calls"},
 {"code": "compute_seconds", "name": "Compute time", "aggregation": "sum", "field": "seconds", "unit": "s"},
 {"code": "storage_gb", "name": "Peak storage", "aggregation": "max", "field": "gb", "unit": "GB"},
 {"code": "active_users", "name": "Active users", "aggregation": "unique_count", "field": "user_id", "unit": "users"},
 {"code": "data_transfer_gb", "name": "Data transfer", "aggregation": "sum", "field": "gb", "unit": "GB"},
 {"code": "emails_sent", "name": "Emails sent", "aggregation": "count", "field": null, "unit": "emails"}]
JSON
    generate 0 "$chunk" "$dir/load-0.jsonl"
    for ((first = 0; first < events; first += chunk)); do
        next=$((first + chunk))
        [ "$next" -lt "$events" ] && { generate "$next" "$chunk" "$dir/load-$next.jsonl" & }
        extra=()
        [ "$first" -eq 0 ] && extra=(--metrics "$dir/metrics.json" --customers "$dir/customers.json")
        /usr/bin/time -f "events $first-$((next - 1)) loaded in %e s" \
            "$bin" ingest --db "$url" "${extra[@]}" "$dir/load-$first.jsonl" >/dev/null
        rm -f "$dir/load-$first.jsonl"
        wait
    done
    psql -qtA "$url" -c "VACUUM ANALYZE"
fi
psql -qtA "$url" -c "SELECT 'events: ' || count(*) FROM event" \
    -c "SELECT 'database: ' || pg_size_pretty(pg_database_size(current_database()))"
"$root/.build/release/usagetop-bench" --only postgres --postgres "$url" --queries-on "$url"
