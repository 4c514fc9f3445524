/// The two stores the same tests run against: SQLite always, PostgreSQL when it is installed (else its cases are
/// left out, and `PostgresAvailabilityTests` reports them skipped with `TestPostgres.absent`).
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The kinds this machine can test.
    public static var available: [StoreKind] { TestPostgres.isInstalled ? allCases : [.sqlite] }
}
