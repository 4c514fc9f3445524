/// The PostgreSQL store's tables, the same ideas as the embedded store's (`StoreSchema`): raw events for the events
/// view, hourly and daily rollups in exact `numeric` for totals and series, the distinct values of each hour for unique
/// counts, a revision counted by every write transaction, the sync cursors, and the provider's own totals of the
/// metrics the store cannot add up from events (`BilledRow`). Ids and codes compare byte by byte
/// (`COLLATE "C"`), as SQLite's do, so both stores list customers in the same order.
enum PostgresSchema {
    /// The advisory lock key that serialises migrations and writers (readers never take it).
    static let writerLock: Int64 = 0x7573_6167_6574_6f70  // "usagetop"

    /// Migrations in order, each applied once in its own transaction; never edit a shipped one, add a new one.
    static let migrations: [(name: String, sql: String)] = [
        (
            "v1",
            """
            CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
            CREATE TABLE metric (
                code text COLLATE "C" PRIMARY KEY, name text NOT NULL, aggregation text NOT NULL,
                field text, unit text, position integer NOT NULL);
            CREATE TABLE customer (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, currency text);
            CREATE TABLE event (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, transaction_id text COLLATE "C" NOT NULL UNIQUE,
                customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL, ts_ms bigint NOT NULL,
                value text COLLATE "C", properties text NOT NULL);
            CREATE INDEX event_by_customer ON event (customer_id, metric_code, ts_ms);
            CREATE INDEX event_by_metric ON event (metric_code, ts_ms);
            CREATE TABLE rollup_hour (
                metric_code text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, slot bigint NOT NULL,
                event_count bigint NOT NULL, sum_value numeric, max_value numeric,
                PRIMARY KEY (metric_code, customer_id, slot));
            CREATE TABLE rollup_day (
                metric_code text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, slot bigint NOT NULL,
                event_count bigint NOT NULL, sum_value numeric, max_value numeric,
                PRIMARY KEY (metric_code, customer_id, slot));
            CREATE TABLE distinct_hour (
                metric_code text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, slot bigint NOT NULL,
                value text COLLATE "C" NOT NULL, PRIMARY KEY (metric_code, customer_id, slot, value));
            CREATE TABLE sync_cursor (
                source text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL,
                copied_from_ms bigint NOT NULL, copied_until_ms bigint NOT NULL,
                PRIMARY KEY (source, customer_id, metric_code));
            INSERT INTO meta (key, value) VALUES ('generation', md5(random()::text || clock_timestamp()::text)), ('revision', '0');
            """
        ),
        (
            "v2-billed-totals",
            """
            ALTER TABLE metric ADD COLUMN billed_by text;
            CREATE TABLE billed_total (
                metric_code text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, source text COLLATE "C" NOT NULL,
                charge text COLLATE "C" NOT NULL, period_start_ms bigint NOT NULL, period_end_ms bigint NOT NULL,
                kept_day bigint NOT NULL, taken_ms bigint NOT NULL, value numeric NOT NULL, event_count bigint,
                amount_cents bigint, currency text,
                PRIMARY KEY (customer_id, metric_code, source, charge, period_start_ms, period_end_ms, kept_day));
            """
        ),
        (
            "v3-subscriptions",
            """
            ALTER TABLE event ADD COLUMN subscription_id text COLLATE "C" NOT NULL DEFAULT '';
            ALTER TABLE event DROP CONSTRAINT event_transaction_id_key;
            ALTER TABLE event ADD CONSTRAINT event_identity UNIQUE (subscription_id, transaction_id);
            ALTER TABLE billed_total ADD COLUMN subscription text COLLATE "C" NOT NULL DEFAULT '',
                ADD COLUMN charge_id text COLLATE "C" NOT NULL DEFAULT '';
            ALTER TABLE billed_total DROP CONSTRAINT billed_total_pkey;
            ALTER TABLE billed_total ADD PRIMARY KEY (customer_id, metric_code, source, subscription, charge_id, charge,
                period_start_ms, period_end_ms, kept_day);
            """
        ),
        (
            // Sync checks its copy against the provider's own counts instead of keeping cursors.
            "v4-unused", "DROP TABLE sync_cursor;"
        ),
    ]
}
