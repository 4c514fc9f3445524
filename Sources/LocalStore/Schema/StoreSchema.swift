import GRDB

/// The store's tables. Raw events are kept for the events view; hourly and daily rollups (and each hour's and each
/// day's distinct values) answer totals and timeseries without scanning events. The customer id `""` holds
/// the rollups over all customers.
package enum StoreSchema {
    /// The event table's indexes besides its transaction ids, as the migrations create them (a first load drops and
    /// rebuilds them: `EventWriter.prepare`).
    package static let secondaryEventIndexes: [(name: String, create: String)] = [
        ("event_by_customer", "CREATE INDEX event_by_customer ON event(customer_id, metric_code, ts_ms)"),
        ("event_by_metric", "CREATE INDEX event_by_metric ON event(metric_code, ts_ms)"),
    ]

    /// Migrations in order; never edit a shipped one, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE metric (
                        code TEXT PRIMARY KEY, name TEXT NOT NULL, aggregation TEXT NOT NULL,
                        field TEXT, unit TEXT, position INTEGER NOT NULL);
                    CREATE TABLE customer (
                        id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT, last_event_ms INTEGER);
                    CREATE TABLE event (
                        seq INTEGER PRIMARY KEY, transaction_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
                        metric_code TEXT NOT NULL, ts_ms INTEGER NOT NULL, value TEXT, properties TEXT NOT NULL);
                    CREATE INDEX event_by_customer ON event(customer_id, metric_code, ts_ms);
                    CREATE INDEX event_by_metric ON event(metric_code, ts_ms);
                    CREATE TABLE rollup_hour (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, slot INTEGER NOT NULL,
                        event_count INTEGER NOT NULL, sum_value TEXT, max_value TEXT,
                        PRIMARY KEY (metric_code, customer_id, slot)) WITHOUT ROWID;
                    CREATE TABLE rollup_day (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, slot INTEGER NOT NULL,
                        event_count INTEGER NOT NULL, sum_value TEXT, max_value TEXT,
                        PRIMARY KEY (metric_code, customer_id, slot)) WITHOUT ROWID;
                    CREATE TABLE distinct_hour (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, slot INTEGER NOT NULL, value TEXT NOT NULL,
                        PRIMARY KEY (metric_code, customer_id, slot, value)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-identity") { db in
            // Marks the file as a usagetop store (StoreFile refuses other files) and gives it a generation, renewed
            // whenever the store is emptied, so change tokens never repeat for different contents.
            try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
            try Catalog.renewGeneration(in: db)
        }
        migrator.registerMigration("v3-sync-cursor") { db in
            // Which stretch `usagetop sync` has copied of each customer's events of each metric from each source.
            try db.execute(
                sql: """
                    CREATE TABLE sync_cursor (
                        source TEXT NOT NULL, customer_id TEXT NOT NULL, metric_code TEXT NOT NULL,
                        copied_from_ms INTEGER NOT NULL, copied_until_ms INTEGER NOT NULL,
                        PRIMARY KEY (source, customer_id, metric_code)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v4-billed-totals") { db in
            // The provider's own totals of the metrics the store cannot add up from events, as `usagetop sync` read
            // them: the last reading of a closed period, one a day of a period still open (BilledRow).
            try db.execute(
                sql: """
                    ALTER TABLE metric ADD COLUMN billed_by TEXT;
                    CREATE TABLE billed_total (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, source TEXT NOT NULL, charge TEXT NOT NULL,
                        period_start_ms INTEGER NOT NULL, period_end_ms INTEGER NOT NULL, kept_day INTEGER NOT NULL,
                        taken_ms INTEGER NOT NULL, value TEXT NOT NULL, event_count INTEGER, amount_cents INTEGER, currency TEXT,
                        PRIMARY KEY (customer_id, metric_code, source, charge, period_start_ms, period_end_ms, kept_day)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v5-subscriptions") { db in
            // An event is its subscription's transaction id, as in Lago (the same id on two subscriptions is billed
            // twice), and a billed reading is its subscription's and its charge's (two subscriptions with the same
            // charge and period are two readings): both tables are rebuilt, since SQLite cannot change a key.
            try db.execute(
                sql: """
                    CREATE TABLE event_v5 (
                        seq INTEGER PRIMARY KEY, subscription_id TEXT NOT NULL DEFAULT '', transaction_id TEXT NOT NULL,
                        customer_id TEXT NOT NULL, metric_code TEXT NOT NULL, ts_ms INTEGER NOT NULL, value TEXT,
                        properties TEXT NOT NULL, UNIQUE (subscription_id, transaction_id));
                    INSERT INTO event_v5 (seq, transaction_id, customer_id, metric_code, ts_ms, value, properties)
                        SELECT seq, transaction_id, customer_id, metric_code, ts_ms, value, properties FROM event ORDER BY seq;
                    DROP TABLE event;
                    ALTER TABLE event_v5 RENAME TO event;
                    CREATE TABLE billed_total_v5 (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, source TEXT NOT NULL,
                        subscription TEXT NOT NULL DEFAULT '', charge_id TEXT NOT NULL DEFAULT '', charge TEXT NOT NULL,
                        period_start_ms INTEGER NOT NULL, period_end_ms INTEGER NOT NULL, kept_day INTEGER NOT NULL,
                        taken_ms INTEGER NOT NULL, value TEXT NOT NULL, event_count INTEGER, amount_cents INTEGER, currency TEXT,
                        PRIMARY KEY (customer_id, metric_code, source, subscription, charge_id, charge, period_start_ms,
                                     period_end_ms, kept_day)
                    ) WITHOUT ROWID;
                    INSERT INTO billed_total_v5 (metric_code, customer_id, source, charge, period_start_ms, period_end_ms, kept_day,
                                                 taken_ms, value, event_count, amount_cents, currency)
                        SELECT metric_code, customer_id, source, charge, period_start_ms, period_end_ms, kept_day, taken_ms, value,
                               event_count, amount_cents, currency FROM billed_total;
                    DROP TABLE billed_total;
                    ALTER TABLE billed_total_v5 RENAME TO billed_total;
                    """)
            for index in secondaryEventIndexes { try db.execute(sql: index.create) }
        }
        migrator.registerMigration("v6-unused") { db in
            // Sync checks its copy against the provider's own counts instead of keeping cursors, and the customers
            // table reads a customer's last event from the events: neither was read or written any more, and the
            // PostgreSQL store never had the column (StoreTables describes what both hold).
            try db.execute(
                sql: """
                    DROP TABLE sync_cursor;
                    ALTER TABLE customer DROP COLUMN last_event_ms;
                    """)
        }
        migrator.registerMigration("v7-distinct-days") { db in
            // Each day's distinct values, so that a period's unique count reads its whole days' values once instead
            // of every hour's (a busy customer's 30-day series read 720 hours of them); made from the hours held.
            try db.execute(
                sql: """
                    CREATE TABLE distinct_day (
                        metric_code TEXT NOT NULL, customer_id TEXT NOT NULL, slot INTEGER NOT NULL, value TEXT NOT NULL,
                        PRIMARY KEY (metric_code, customer_id, slot, value)) WITHOUT ROWID;
                    INSERT OR IGNORE INTO distinct_day (metric_code, customer_id, slot, value)
                        SELECT metric_code, customer_id, (slot - ((slot % 24) + 24) % 24) / 24, value FROM distinct_hour
                        ORDER BY 1, 2, 3, 4;
                    """)
        }
        return migrator
    }
}
