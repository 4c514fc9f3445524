/// What both stores' tables share, written once: the embedded store (`StoreSchema`) and the PostgreSQL one
/// (`PostgresSchema`) create the same tables in their own dialects.
package enum StoreTables {
    /// The customer id under which all-customer rollups are kept.
    package static let allCustomers = ""
}
