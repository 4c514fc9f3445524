#!/usr/bin/env bash
# One very busy customer on PostgreSQL: the drill-down's reads where they grow with a customer's volume, not the
# store's. Loads, through `usagetop ingest`, cus_00001 with 150,000 API calls over the last 45 days (about 99,000 in
# the last 30, as the busiest customer of the 100-million-event store has) and 200 customers with 2,000 each, into
# the database of $1, then measures the screens' queries on it (`usagetop-bench --only postgres --queries-on`). A
# database that already holds events is only measured.
#
#   PGPASSWORD=… scripts/pg-busy-customer.sh postgres://usagetop@127.0.0.1/busy
set -euo pipefail

url=${1:?usage: scripts/pg-busy-customer.sh postgres://user@host/database (password in PGPASSWORD)}
dir=${BUSY_DIR:-/tmp/usagetop-pg-busy}
source "$(dirname "$0")/common.sh"
require psql python3
build_release usagetop usagetop-bench
mkdir -p "$dir"
held=$(psql -qtAX "$url" -c "SELECT count(*) FROM event" 2>/dev/null || echo 0)
if [ "${held:-0}" -eq 0 ]; then
    write_catalog "$dir" 201
    python3 - "$dir" <<'PY'
import json, random, sys, time
folder = sys.argv[1]
random.seed(7)
now, day = int(time.time() * 1000), 86_400_000
with open(f"{folder}/events.jsonl", "w") as out:
    n = 0
    for customer in range(1, 202):
        for _ in range(150_000 if customer == 1 else 2_000):
            ms = now - random.randrange(45 * day)
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".%03dZ" % (ms % 1000)
            properties = {"endpoint": random.choice(["/v1/items", "/v1/search", "/v1/users"]),
                          "region": random.choice(["eu", "us"])}
            out.write(json.dumps({"transaction_id": f"t{n}", "external_customer_id": "cus_%05d" % customer,
                                  "code": "api_calls", "timestamp": stamp, "properties": properties}) + "\n")
            n += 1
PY
    "$bin" ingest --db "$url" --metrics "$dir/metrics.json" --customers "$dir/customers.json" "$dir/events.jsonl"
fi
"$root/.build/release/usagetop-bench" --only postgres --postgres "$url" --queries-on "$url"
