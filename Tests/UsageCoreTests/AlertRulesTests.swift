import Foundation
import Testing
import UsageCore

@Suite("Alert rules")
struct AlertRulesTests {
    let calls = Metric(code: "calls", name: "Calls", aggregation: .count)
    let peak = Metric(code: "peak", name: "Peak", aggregation: .max, field: "gb")

    func usage(_ id: String, hour: Decimal, day: Decimal, baseline: Decimal?) -> MetricActivity.CustomerUsage {
        MetricActivity.CustomerUsage(
            customer: Customer(id: id, name: id.uppercased()), hour: hour, day: day,
            baselineSum: baseline.map { $0 * 7 }, baselineDays: baseline == nil ? 0 : 7)
    }

    @Test("A limit is broken only above it, per window, and a customer-specific limit spares the others")
    func thresholds() {
        let rules = AlertRules(
            thresholds: [
                AlertRules.Threshold(metric: "calls", hour: 100),
                AlertRules.Threshold(metric: "calls", customerID: "b", day: 500, level: .warning),
            ], baselineFactor: nil)
        let alerts = rules.evaluate([
            MetricActivity(
                metric: calls,
                customers: [
                    usage("a", hour: 100, day: 900, baseline: nil),
                    usage("b", hour: 20, day: 501, baseline: nil),
                    usage("c", hour: 101, day: 101, baseline: nil),
                ])
        ])
        #expect(alerts.map(\.customer.id) == ["c", "b"], "error before warning; exactly 100 is not over 100")
        #expect(alerts[0].window == .hour && alerts[0].level == .error && alerts[0].reference == 100)
        #expect(alerts[1].window == .day && alerts[1].level == .warning && alerts[1].value == 501)
    }

    @Test("A rise above factor × baseline warns; small baselines and other metrics stay quiet")
    func baseline() {
        let rules = AlertRules(baselineFactor: 3, baselineDays: 7, minimumBaseline: 10)
        let alerts = rules.evaluate([
            MetricActivity(
                metric: calls,
                customers: [
                    usage("steady", hour: 5, day: 90, baseline: 100),
                    usage("spike", hour: 5, day: 301, baseline: 100),
                    usage("hourly", hour: 13, day: 50, baseline: 100),
                    usage("tiny", hour: 9, day: 9, baseline: 1),
                    usage("new", hour: 50, day: 50, baseline: nil),
                ])
        ])
        #expect(alerts.map(\.customer.id) == ["hourly", "spike"], "13 is 3.12× 100/24, 301 is 3.01× 100")
        #expect(alerts[1].window == .day && alerts[1].cause == .baseline(factor: 3) && alerts[1].level == .warning)
        #expect(
            alerts[0].window == .hour && alerts[0].reference == Decimal(700) / 7 / 24,
            "hourly baseline of a count is a 24th")
    }

    @Test("For max metrics the hourly baseline is the daily one, not a 24th of it")
    func nonAdditiveBaseline() {
        let rules = AlertRules(baselineFactor: 2, minimumBaseline: 1)
        let quiet = rules.evaluate([
            MetricActivity(metric: peak, customers: [usage("a", hour: 150, day: 150, baseline: 100)])
        ])
        #expect(quiet.isEmpty)
        let loud = rules.evaluate([
            MetricActivity(metric: peak, customers: [usage("a", hour: 150, day: 201, baseline: 100)])
        ])
        #expect(loud.count == 1 && loud[0].window == .day)
    }

    @Test("Activity takes today from the last daily value and the baseline from the days before it")
    func activityFromSummaries() {
        let customer = Customer(id: "a", name: "A")
        let hour = [
            CustomerSummary(customer: customer, total: 4, daily: [1, 2, 3, 4, 5, 6, 7, 8, 40], lastEventAt: nil)
        ]
        let activity = MetricActivity.from(hour: hour, day: nil, metric: calls, baselineDays: 7)
        #expect(
            activity.customers
                == [usage("a", hour: 4, day: 40, baseline: 5)].map {
                    var u = $0
                    u.customer = customer
                    return u
                })
        let remote = MetricActivity.from(
            hour: [CustomerSummary(customer: customer, total: 4, daily: [], lastEventAt: nil)],
            day: [CustomerSummary(customer: customer, total: 70, daily: [], lastEventAt: nil)], metric: calls,
            baselineDays: 7)
        #expect(remote.customers.first?.day == 70 && remote.customers.first?.baselineDaily == nil)
    }
}

@Suite("Monitor periods")
struct MonitorPeriodTests {
    func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }

    @Test("The last 24 hours end with the current hour; the comparison is the 24 before, cut at the same point")
    func last24Hours() {
        let now = date("2026-11-22T12:30:00Z")
        #expect(
            PeriodPreset.last24Hours.resolve(now: now)
                == Period(start: date("2026-11-21T13:00:00Z"), end: date("2026-11-22T13:00:00Z")))
        #expect(
            PeriodPreset.last24Hours.previous(now: now)
                == Period(start: date("2026-11-20T13:00:00Z"), end: date("2026-11-21T12:30:00Z")))
        #expect(PeriodPreset.last24Hours.naturalBucket == .hour && PeriodPreset.thisMonth.naturalBucket == .day)
    }

    @Test("This month compares with the same elapsed time of last month; last month with the whole month before")
    func months() {
        let now = date("2026-03-10T06:00:00Z")
        #expect(
            PeriodPreset.thisMonth.previous(now: now)
                == Period(start: date("2026-02-01T00:00:00Z"), end: date("2026-02-10T06:00:00Z")))
        #expect(
            PeriodPreset.lastMonth.previous(now: now)
                == Period(start: date("2026-01-01T00:00:00Z"), end: date("2026-02-01T00:00:00Z")))
        #expect(
            PeriodPreset.today.previous(now: now)
                == Period(start: date("2026-03-09T00:00:00Z"), end: date("2026-03-09T06:00:00Z")))
    }
}
