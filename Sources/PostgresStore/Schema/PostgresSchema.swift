/// The PostgreSQL store's tables, the same ideas as the embedded store's (`StoreSchema`): raw events for the events
/// view, hourly and daily rollups in exact `numeric` for totals and series, the distinct values of each hour and
/// each day for unique counts, a revision counted by every write transaction, the sync cursors, and the provider's
/// own totals of the metrics the store cannot add up from events (`BilledRow`). Ids and codes compare byte by byte
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
        ("v5-monthly-partitions", monthlyPartitions),
        (
            // Each day's distinct values, so that whole days of a period are read without their hours.
            "v6-distinct-days",
            """
            CREATE TABLE distinct_day (
                metric_code text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL, slot bigint NOT NULL,
                value text COLLATE "C" NOT NULL, PRIMARY KEY (metric_code, customer_id, slot, value));
            INSERT INTO distinct_day (metric_code, customer_id, slot, value)
                SELECT DISTINCT metric_code, customer_id, (slot - ((slot % 24) + 24) % 24) / 24, value FROM distinct_hour
                ORDER BY 1, 2, 3, 4;
            """
        ),
    ]

    /// The events in one partition a UTC month (`usagetop_event_month` makes a month's when a load first reaches it),
    /// so that pruning drops whole months. A partitioned table's unique keys must hold its partition key, so each
    /// event's identity (subscription, transaction id) moves to `event_key`, with the event's `seq`; `seq` comes from
    /// a sequence of its own. The events already held move over with their `seq`.
    static let monthlyPartitions = """
        ALTER TABLE event RENAME TO event_v4;
        ALTER INDEX event_by_customer RENAME TO event_v4_by_customer;
        ALTER INDEX event_by_metric RENAME TO event_v4_by_metric;
        CREATE SEQUENCE event_seq AS bigint;
        SELECT setval('event_seq', max(seq)) FROM event_v4 HAVING max(seq) IS NOT NULL;
        CREATE TABLE event (
            seq bigint NOT NULL DEFAULT nextval('event_seq'), subscription_id text COLLATE "C" NOT NULL DEFAULT '',
            transaction_id text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL,
            metric_code text COLLATE "C" NOT NULL, ts_ms bigint NOT NULL, value text COLLATE "C", properties text NOT NULL
        ) PARTITION BY RANGE (ts_ms);
        ALTER SEQUENCE event_seq OWNED BY event.seq;
        CREATE INDEX event_by_customer ON event (customer_id, metric_code, ts_ms);
        CREATE INDEX event_by_metric ON event (metric_code, ts_ms);
        CREATE TABLE event_key (
            subscription_id text COLLATE "C" NOT NULL, transaction_id text COLLATE "C" NOT NULL, seq bigint NOT NULL,
            PRIMARY KEY (subscription_id, transaction_id));
        CREATE FUNCTION usagetop_event_month(at_ms bigint) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE
            first timestamp := date_trunc('month', to_timestamp(floor(at_ms / 1000.0)) AT TIME ZONE 'UTC');
            name text := 'event_' || to_char(first, 'YYYY_MM');
        BEGIN
            IF to_regclass(quote_ident(name)) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF event FOR VALUES FROM (%s) TO (%s)', name,
                    (extract(epoch FROM first) * 1000)::bigint,
                    (extract(epoch FROM first + interval '1 month') * 1000)::bigint);
            END IF;
            RETURN name;
        END
        $$;
        SELECT usagetop_event_month(min(ts_ms)) FROM event_v4
            GROUP BY date_trunc('month', to_timestamp(floor(ts_ms / 1000.0)) AT TIME ZONE 'UTC');
        INSERT INTO event (seq, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
            SELECT seq, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties FROM event_v4;
        INSERT INTO event_key (subscription_id, transaction_id, seq)
            SELECT subscription_id, transaction_id, seq FROM event_v4;
        DROP TABLE event_v4;
        """
}
