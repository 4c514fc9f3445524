#!/usr/bin/env bash
# PostgreSQL at team scale: a store of EVENTS events (default 100,000,000) for 100,000 customers over 2026 in the
# database of $1, then the screens' queries on it (`usagetop-bench --only postgres --queries-on`) and its size. The
# first 100,000-customer table on it: `SCALE_POSTGRES=<the same URL> scripts/scale.sh`.
#
# No load path puts 100 million events in within an afternoon on two cores (`usagetop ingest` does about 5 million
# in 6 minutes here), so the events are made by the server (generate_series, in loads of 10 million, each timed) into
# the store's own tables: each in its month's partition with its identity in event_key. The rollups are then made
# by the store's own statements over every event (`usagetop-bench --roll-up`), and one more million events, in
# December, go through `usagetop ingest` (timed: a load into the full store, its month's partition made on the way).
# Last, the store is checked: its daily rollups count every event.
#
# The events are skewed as a real account's are: customer n (from 1) gets a share that falls with n (a cube of a
# uniform draw), so cus_00001 holds about 2 % of them and the quietest customers a few hundred; six metrics (the
# demo's) with their properties. A database that already holds events is only measured.
#
#   PGPASSWORD=… scripts/pg-scale.sh postgres://usagetop@127.0.0.1/scale
#   EVENTS=10000000 PGPASSWORD=… scripts/pg-scale.sh postgres://usagetop@127.0.0.1/scale10m
set -euo pipefail

url=${1:?usage: scripts/pg-scale.sh postgres://user@host/database (password in PGPASSWORD)}
events=${EVENTS:-100000000}
chunk=${CHUNK:-10000000}
dir=${SCALE_DIR:-/tmp/usagetop-pg-scale}
source "$(dirname "$0")/common.sh"
require psql python3
build_release usagetop usagetop-bench
bench="$root/.build/release/usagetop-bench"
mkdir -p "$dir"
sql() { psql -qtAX -v ON_ERROR_STOP=1 "$url" "$@"; }

held=$(sql -c "SELECT count(*) FROM event" 2>/dev/null || echo 0)
if [ "${held:-0}" -eq 0 ]; then
    write_catalog "$dir" 100000
    # The store's tables, metrics and customers, through usagetop itself.
    : >"$dir/none.jsonl"
    "$bin" ingest --db "$url" --metrics "$dir/metrics.json" --customers "$dir/customers.json" "$dir/none.jsonl"
    sql -c "SELECT count(usagetop_event_month(1767225600000 + d * 86400000::int8)) FROM generate_series(0, 334) AS d" >/dev/null
    for ((first = 0; first < events; first += chunk)); do
        last=$((first + chunk < events ? first + chunk : events))
        start=$SECONDS
        sql <<SQL
SELECT setseed($first::float8 / $events);
INSERT INTO event (seq, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
SELECT i + 1, '', 't' || i, 'cus_' || to_char(1 + floor(100000 * r ^ 3)::int, 'FM00000'), code, ts,
    CASE code WHEN 'compute_seconds' THEN seconds WHEN 'storage_gb' THEN gb WHEN 'active_users' THEN who
        WHEN 'data_transfer_gb' THEN moved END,
    CASE code WHEN 'api_calls' THEN '{"endpoint":"/v1/items","region":"eu"}'
        WHEN 'compute_seconds' THEN '{"seconds":' || seconds || '}' WHEN 'storage_gb' THEN '{"gb":' || gb || '}'
        WHEN 'active_users' THEN '{"user_id":"' || who || '"}' WHEN 'data_transfer_gb' THEN '{"gb":' || moved || '}'
        ELSE '{"template":"welcome"}' END
FROM (
    SELECT i, random() AS r, 1767225600000 + i * 28857600000 / $events + floor(random() * 60000)::bigint AS ts,
        (ARRAY['api_calls', 'api_calls', 'api_calls', 'api_calls', 'api_calls', 'api_calls', 'api_calls',
            'api_calls', 'compute_seconds', 'compute_seconds', 'compute_seconds', 'compute_seconds', 'storage_gb',
            'emails_sent', 'active_users', 'active_users', 'active_users', 'active_users', 'data_transfer_gb',
            'data_transfer_gb'])[1 + floor(random() * 20)::int] AS code,
        floor(random() * 600)::int || '.' || floor(random() * 10)::int AS seconds,
        floor(random() * 500)::int || '.' || lpad(floor(random() * 100)::int::text, 2, '0') AS gb,
        'u' || floor(random() * 5000)::int AS who,
        '0.' || lpad(floor(random() * 1000)::int::text, 3, '0') AS moved
    FROM generate_series($first, $last - 1) AS i
) AS x;
INSERT INTO event_key (subscription_id, transaction_id, seq)
SELECT '', 't' || i, i + 1 FROM generate_series($first, $last - 1) AS i;
SELECT setval('event_seq', $last);
SQL
        echo "events $first-$((last - 1)) made in $((SECONDS - start)) s"
    done
    "$bench" --only postgres --postgres "$url" --roll-up "$url"
    # One more million, in December, through usagetop ingest.
    python3 - "$events" >"$dir/december.jsonl" <<'PY'
import random, sys
first = int(sys.argv[1])
rng = random.Random(7)
for i in range(first, first + 1000000):
    ts = 1796083200000 + (i - first) * 259 + rng.randrange(60000)  # 2026-12-01 to 12-04
    print('{"transaction_id": "t%d", "external_customer_id": "cus_%05d", "code": "api_calls", "timestamp": %d.%03d, '
          '"properties": {"endpoint": "/v1/items", "region": "eu"}}' % (i, 1 + int(100000 * rng.random() ** 3),
                                                                         ts // 1000, ts % 1000))
PY
    /usr/bin/time -f "1,000,000 more events (December) through usagetop ingest in %e s" \
        "$bin" ingest --db "$url" "$dir/december.jsonl"
    rm -f "$dir/december.jsonl"
    sql -c "ANALYZE"
fi
sql -c "SELECT 'events: ' || count(*) FROM event" \
    -c "SELECT 'every event counted by the daily rollups: ' || ((SELECT count(*) FROM event) =
        (SELECT sum(event_count) FROM rollup_day WHERE customer_id <> ''))" \
    -c "SELECT 'partitions: ' || count(*) FROM pg_inherits WHERE inhparent = 'event'::regclass" \
    -c "SELECT 'database: ' || pg_size_pretty(pg_database_size(current_database()))"
"$bench" --only postgres --postgres "$url" --queries-on "$url"
