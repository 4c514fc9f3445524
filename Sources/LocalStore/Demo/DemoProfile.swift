import UsageCore
/// How one demo customer behaves: size, quiet spells and spike days.
struct DemoProfile {
    var weight: Double
    var quietAfterDay: Int?
    var spikeDays: Set<Int>
    var userPool: Int
    var storageBase: Double

    /// Draws a profile for a customer over `days` days.
    static func draw(days: Int, random: inout SeededRandom) -> DemoProfile {
        let size = random.unit()
        let weight = 0.05 + 3.0 * size * size * size + random.unit() * 0.6
        let quiet = random.unit() < 0.06 ? Swift.max(0, days - 15 - random.below(40)) : nil
        var spikes: Set<Int> = []
        if random.unit() < 0.08 {
            for _ in 0..<(1 + random.below(3)) { spikes.insert(random.below(Swift.max(1, days))) }
        }
        return DemoProfile(
            weight: weight, quietAfterDay: quiet, spikeDays: spikes, userPool: 3 + Int(weight * 40),
            storageBase: 5 + weight * 200)
    }

    /// Expected events on day `day` (0 = oldest) that falls on `weekday` (0 = Monday).
    func expected(day: Int, weekday: Int, eventsPerDay: Int) -> Double {
        if let quietAfterDay, day > quietAfterDay { return 0 }
        var value = Double(eventsPerDay) * weight * (weekday >= 5 ? 0.35 : 1.0)
        if spikeDays.contains(day) { value *= 8 }
        return value
    }

    /// Relative activity per UTC hour: office hours peak, nights low.
    static let hourly: [Double] = [
        0.2, 0.15, 0.1, 0.1, 0.12, 0.2, 0.4, 0.7, 1.0, 1.3, 1.5, 1.5, 1.3, 1.4, 1.5, 1.5, 1.4, 1.2, 0.9, 0.7, 0.55,
        0.45, 0.35, 0.25,
    ]
    static let hourlyTotal = hourly.reduce(0, +)
}
