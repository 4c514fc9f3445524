import Foundation
import GRDB
import StoreCore
import UsageCore

/// Fills a store with a deterministic, realistic demo dataset (daily and weekly rhythm, spikes, quiet customers).
public struct DemoGenerator {
    private let options: DemoOptions
    private let now: Date

    /// Creates a generator whose history ends at `now`.
    public init(options: DemoOptions, now: Date) {
        self.options = options
        self.now = now
    }

    /// Replaces everything in `store` with demo data; `progress` gets the fraction done (0...1). With
    /// `onlyIfEmpty`, a store that holds metrics or events when the write begins (another process filled it while
    /// this one waited for the lock) is left as it is, and nothing is written.
    @discardableResult
    public func generate(
        into store: UsageStore, onlyIfEmpty: Bool = false, progress: (Double) -> Void = { _ in }
    ) throws(UsageError) -> Int {
        try store.write { db in
            if onlyIfEmpty, try !UsageStore.isEmpty(db) { return 0 }
            try Catalog.clearAll(in: db)
            try Catalog.upsert(metrics: DemoCatalog.metrics, in: db)
            try Catalog.setOrigin("demo", in: db)
            var random = SeededRandom(seed: options.seed)
            // Every customer is billed in the plan's currency (EUR), as a billing provider requires; the draw that once
            // chose a currency is kept so that every other value of the demo stays as it was.
            let customers = (0..<options.customers).map { index in
                _ = random.below(5)
                return Customer(
                    id: String(format: "cus_%05d", index + 1), name: DemoCatalog.companyName(index), currency: "EUR")
            }
            try Catalog.upsert(customers: customers, in: db)
            var writer = EventWriter()
            try writer.prepare(in: db)
            var rollups = RollupAccumulator()
            var written = 0
            var sequence = 0
            let firstDay = UTCTime.startOfDay(now).addingTimeInterval(-Double(options.days - 1) * 86_400)
            for (index, customer) in customers.enumerated() {
                var events: [NewEvent] = []
                appendEvents(for: customer, index: index, random: &random, sequence: &sequence, into: &events)
                written += try writer.write(events, into: db).inserted
                if let bill = DemoBilling.bill(
                    customer: customer, index: index, events: events, firstDay: firstDay, now: now)
                {
                    try BilledSQL.upsert(bill, source: DemoBilling.source, in: .sqlite).execute(db)
                }
                for event in events { rollups.add(event) }
                if rollups.pendingRows >= RollupAccumulator.maxPendingRows { try writer.merge(&rollups, into: db) }
                progress(Double(index + 1) / Double(max(1, customers.count)))
            }
            try writer.merge(&rollups, into: db)
            try writer.flush(into: db)
            try PlanSQL.upsert(subscription: "", json: DemoBilling.planJSON, in: .sqlite).execute(db)
            return written
        }
    }

    private func appendEvents(
        for customer: Customer, index: Int, random: inout SeededRandom, sequence: inout Int,
        into events: inout [NewEvent]
    ) {
        let profile = DemoProfile.draw(days: options.days, random: &random)
        let today = UTCTime.startOfDay(now)
        let firstDay = today.addingTimeInterval(-Double(options.days - 1) * 86_400)
        let nowMs = UTCTime.milliseconds(now)
        for day in 0..<options.days {
            let dayStart = firstDay.addingTimeInterval(Double(day) * 86_400)
            let dayIndex = Int(dayStart.timeIntervalSince1970 / 86_400)
            let weekday = (dayIndex + 3) % 7
            let expected = profile.expected(day: day, weekday: weekday, eventsPerDay: options.eventsPerDay)
            let count = Int((expected * (0.75 + random.unit() * 0.5)).rounded())
            for _ in 0..<count {
                let ms =
                    UTCTime.milliseconds(dayStart) + Int64(pickHour(&random)) * 3_600_000
                    + Int64(random.below(3_600_000))
                sequence += 1
                // Drawn whether or not its time has come, so that the data (and every id) is the same all day long:
                // only the events still to come today are left out.
                let event = makeEvent(
                    customer: customer, index: index, profile: profile, day: day, ms: ms, sequence: sequence,
                    random: &random)
                if ms <= nowMs { events.append(event) }
            }
        }
        if index == DemoBilling.disagreeing.index {
            events += DemoBilling.spike(
                customer: customer, base: profile.storageBase, firstDayMs: UTCTime.milliseconds(firstDay),
                nowMs: nowMs, sequence: &sequence, seed: options.seed, now: now)
        }
        if index == DemoSupportTicket.index {
            events += DemoSupportTicket.spike(
                customer: customer, firstDayMs: UTCTime.milliseconds(firstDay), seed: options.seed, now: now)
        }
    }

    private func pickHour(_ random: inout SeededRandom) -> Int {
        var target = random.unit() * DemoProfile.hourlyTotal
        for (hour, weight) in DemoProfile.hourly.enumerated() {
            target -= weight
            if target < 0 { return hour }
        }
        return 23
    }

    private func pickMetric(_ random: inout SeededRandom) -> Int {
        var target = random.unit()
        for (index, share) in DemoCatalog.mix.enumerated() {
            target -= share
            if target < 0 { return index }
        }
        return 0
    }

    private func makeEvent(
        customer: Customer, index: Int, profile: DemoProfile, day: Int, ms: Int64, sequence: Int,
        random: inout SeededRandom
    ) -> NewEvent {
        let metric = DemoCatalog.metrics[pickMetric(&random)]
        var value: String?
        let properties: JSONValue
        switch metric.code {
        case "api_calls":
            let status = random.unit() < 0.94 ? "200" : (random.unit() < 0.7 ? "404" : "500")
            properties = .object([
                ("endpoint", .string(DemoCatalog.endpoints[random.below(DemoCatalog.endpoints.count)])),
                ("status", .number(status)), ("latency_ms", .number(String(8 + random.below(400)))),
                ("region", .string(region(sequence))),
            ])
        case "compute_seconds":
            value = Self.decimalText(units: 1 + random.below(360_000), scale: 3)
            properties = .object([
                ("seconds", .number(value!)),
                ("instance", .string(DemoCatalog.instances[random.below(DemoCatalog.instances.count)])),
            ])
        case "storage_gb":
            let growth = profile.storageBase * (1 + Double(day) / 180) * (0.9 + random.unit() * 0.2)
            value = Self.decimalText(units: Int(growth * 100), scale: 2)
            properties = .object([
                ("gb", .number(value!)), ("bucket", .string("prod-\(index % 7)")),
                ("region", .string(region(sequence))),
            ])
        case "active_users":
            value = "u\(index + 1)-\(random.below(profile.userPool))"
            properties = .object([
                ("user_id", .string(value!)), ("plan", .string(random.unit() < 0.8 ? "pro" : "free")),
            ])
        case "data_transfer_gb":
            value = Self.decimalText(units: 1 + random.below(250_000), scale: 4)
            properties = .object([
                ("gb", .number(value!)), ("direction", .string(random.unit() < 0.7 ? "egress" : "ingress")),
                ("region", .string(region(sequence))),
            ])
        default:
            properties = .object([
                ("template", .string(DemoCatalog.templates[random.below(DemoCatalog.templates.count)]))
            ])
        }
        return NewEvent(
            transactionID: "demo-\(options.seed)-\(sequence)", customerID: customer.id, metricCode: metric.code,
            aggregation: metric.aggregation, timestampMs: ms, value: value,
            propertiesJSON: JSONWriter.compact(properties))
    }

    /// The region an event is served from, taken from its place in the sequence (no random draw, so adding it
    /// changed no other value of the demo).
    private func region(_ sequence: Int) -> String {
        DemoCatalog.serviceRegions[sequence % DemoCatalog.serviceRegions.count]
    }

    /// `units / 10^scale` as exact text, without trailing zeros (`12.5`, `0.003`).
    static func decimalText(units: Int, scale: Int) -> String {
        var text = String(units)
        if text.count <= scale { text = String(repeating: "0", count: scale - text.count + 1) + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
