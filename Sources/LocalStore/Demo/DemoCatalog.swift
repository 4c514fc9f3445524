import StoreCore
import UsageCore

/// The fixed metrics and name parts of the demo dataset.
enum DemoCatalog {
    /// Six metrics covering every aggregation.
    static let metrics: [Metric] = [
        Metric(code: "api_calls", name: "API calls", aggregation: .count, unit: "calls"),
        Metric(code: "compute_seconds", name: "Compute time", aggregation: .sum, field: "seconds", unit: "s"),
        Metric(code: "storage_gb", name: "Peak storage", aggregation: .max, field: "gb", unit: "GB"),
        Metric(code: "active_users", name: "Active users", aggregation: .uniqueCount, field: "user_id", unit: "users"),
        Metric(code: "data_transfer_gb", name: "Data transfer", aggregation: .sum, field: "gb", unit: "GB"),
        Metric(code: "emails_sent", name: "Emails sent", aggregation: .count, unit: "emails"),
    ]

    /// Share of a customer's events per metric, in `metrics` order.
    static let mix: [Double] = [0.55, 0.15, 0.04, 0.14, 0.07, 0.05]

    static let prefixes = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Pied Piper", "Vandelay", "Soylent",
        "Cyberdyne", "Tyrell", "Wonka", "Gringotts", "Aperture", "Black Mesa", "Oscorp", "Massive Dynamic", "Dunder",
        "Sterling", "Bluth", "Prestige", "Monarch", "Nakatomi", "Virtucon", "Gekko", "Blue Sun", "Weyland", "Yoyodyne",
        "Contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip", "Adventure", "Litware", "Proseware", "Lucerne",
        "Margie", "Alpine", "Coho", "Fourth Coffee", "Graphic Design", "Humongous", "Trey", "Woodgrove", "Zenith",
        "Quantum", "Helix", "Nimbus", "Orbital", "Polar", "Redwood", "Summit", "Tidal", "Vertex", "Willow", "Krios",
        "Lumen", "Mosaic",
    ]

    static let suffixes = [
        "Labs", "Systems", "Analytics", "Logistics", "Health", "Robotics", "Media", "Payments", "Cloud", "Energy",
        "Foods", "Studios", "Networks", "Security", "Bio", "Motors", "Retail", "Capital", "Games", "AI",
    ]

    static let regions = ["", " EU", " APAC", " US", " LATAM", " Nordics"]

    static let endpoints = ["/v1/orders", "/v1/search", "/v1/users", "/v1/invoices", "/v2/graphql", "/v1/webhooks"]
    /// The regions API calls are served from (the `region` property).
    static let serviceRegions = ["eu-west", "us-east", "ap-south"]
    static let instances = ["c6.large", "c6.xlarge", "m6.large", "g5.xlarge"]
    static let templates = ["welcome", "receipt", "reset-password", "digest", "alert"]

    /// A realistic company name for customer number `index`, unique for any index.
    static func companyName(_ index: Int) -> String {
        let p = prefixes.count, s = suffixes.count
        let base = "\(prefixes[index % p]) \(suffixes[(index / p) % s])"
        let round = index / (p * s)
        if round == 0 { return base }
        let region = regions[round % regions.count]
        let generation = round / regions.count
        return base + region + (generation > 0 ? " \(generation + 1)" : "")
    }
}
