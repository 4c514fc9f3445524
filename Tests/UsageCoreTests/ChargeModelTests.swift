import Foundation
import Testing
import UsageCore

/// Lago's charge models against the input and expected-amount pairs of lago-api's own specs
/// (`spec/services/charge_models/*_service_spec.rb`); each test names the spec its vectors come from.
@Suite("Pricing: Lago's charge models")
struct ChargeModelTests {
    static func amount(_ model: ChargeModel, _ units: Decimal, events: Int = 0, values: [Decimal] = []) -> Decimal? {
        model.amount(for: ChargeUsage(units: units, events: events, values: values))
    }

    /// `standard_service_spec.rb`: 10 units at 5.12345; a fixed charge of 10 units at 10.
    @Test func standard() {
        #expect(Self.amount(.standard(perUnit: Decimal(string: "5.12345")!), 10) == Decimal(string: "51.2345"))
        #expect(Self.amount(.standard(perUnit: 10), 10) == 100)
    }

    static let tiers = [
        PriceRange(from: 0, to: 10, perUnit: 10, flat: 2), PriceRange(from: 11, to: 20, perUnit: 5, flat: 3),
        PriceRange(from: 21, to: nil, perUnit: 5, flat: 3),
    ]

    /// `graduated_service_spec.rb`: the three-tier plan at 0, 1, 10, 11, 12 and 21 units; a zero first tier; decimal
    /// adjacent tiers.
    @Test(arguments: [(0, 2), (1, 12), (10, 102), (11, 110), (12, 115), (21, 163)] as [(Decimal, Decimal)])
    func graduated(units: Decimal, expected: Decimal) {
        #expect(Self.amount(.graduated(Self.tiers), units) == expected)
    }

    @Test func graduatedEdges() {
        let zeroFirst = [
            PriceRange(from: 0, to: Decimal(string: "0.01")!, perUnit: 0, flat: 0),
            PriceRange(from: Decimal(string: "0.01")!, to: 10, perUnit: 10, flat: 2),
            PriceRange(from: 11, to: nil, perUnit: 5, flat: 3),
        ]
        #expect(Self.amount(.graduated(zeroFirst), 0) == 0, "a zero first tier: nothing for no units")
        let adjacent = [
            PriceRange(from: 0, to: Decimal(string: "0.1")!, perUnit: 10),
            PriceRange(from: Decimal(string: "0.1")!, to: 1, perUnit: 5),
            PriceRange(from: 1, to: nil, perUnit: 2),
        ]
        #expect(Self.amount(.graduated(adjacent), Decimal(string: "0.05")!) == Decimal(string: "0.5"))
        #expect(Self.amount(.graduated(adjacent), Decimal(string: "0.5")!) == 3, "0.1 at 10 and 0.4 at 5")
    }

    static let percentTiers = [
        PriceRange(from: 0, to: 10, rate: 1, flat: 200), PriceRange(from: 11, to: 20, rate: 2, flat: 300),
        PriceRange(from: 21, to: nil, rate: 3, flat: 400),
    ]

    /// `graduated_percentage_service_spec.rb`: the three-tier plan at 0, 1, 10, 11, 12 and 21 units.
    @Test(
        arguments: [(0, "200"), (1, "200.01"), (10, "200.1"), (11, "500.12"), (12, "500.14"), (21, "900.33")]
            as [(Decimal, String)])
    func graduatedPercentage(units: Decimal, expected: String) {
        #expect(Self.amount(.graduatedPercentage(Self.percentTiers), units) == Decimal(string: expected))
    }

    @Test func graduatedPercentageWithAZeroFirstTier() {
        let zeroFirst = [
            PriceRange(from: 0, to: Decimal(string: "0.01")!, rate: 0, flat: 0),
            PriceRange(from: Decimal(string: "0.01")!, to: 10, rate: 1, flat: 200),
            PriceRange(from: 11, to: nil, rate: 2, flat: 300),
        ]
        #expect(Self.amount(.graduatedPercentage(zeroFirst), 0) == 0)
    }

    /// `package_service_spec.rb`: 121 units in packages of 10 at 100, with 0, 10 and 200 free units.
    @Test(arguments: [(0, 1300), (10, 1200), (200, 0)] as [(Decimal, Decimal)])
    func package(free: Decimal, expected: Decimal) {
        #expect(Self.amount(.package(amount: 100, size: 10, freeUnits: free), 121) == expected)
    }

    static let volumeTiers = [
        PriceRange(from: 0, to: 100, perUnit: 2, flat: 10), PriceRange(from: 101, to: 200, perUnit: 1, flat: 0),
        PriceRange(from: 201, to: nil, perUnit: Decimal(string: "0.5")!, flat: 50),
    ]

    /// `volume_service_spec.rb`: 0, 1, 100, 100.5 (between tiers: the next one), 101, 200, 300 and a fixed charge
    /// of 210; a zero first tier.
    @Test(
        arguments: [
            ("0", "10"), ("1", "12"), ("100", "210"), ("100.5", "100.5"), ("101", "101"), ("200", "200"),
            ("300", "200"), ("210", "155"),
        ])
    func volume(units: String, expected: String) {
        #expect(Self.amount(.volume(Self.volumeTiers), Decimal(string: units)!) == Decimal(string: expected))
    }

    @Test func volumeWithAZeroFirstTier() {
        let zeroFirst = [
            PriceRange(from: 0, to: 1, perUnit: 0, flat: 0), PriceRange(from: 2, to: 100, perUnit: 2, flat: 10),
            PriceRange(from: 101, to: nil, perUnit: Decimal(string: "0.5")!, flat: 50),
        ]
        #expect(Self.amount(.volume(zeroFirst), 0) == 0)
    }

    /// The spec's four events: their running totals are the spec's `[50, 150, 400]` and they add up to its 800.
    static let events: [Decimal] = [50, 100, 250, 400]

    static func percentage(freeEvents: Int = 3, freeUnits: Decimal = 250, fixed: Decimal? = 2, rate: String = "1.3")
        -> ChargeModel
    {
        .percentage(
            PercentageTerms(
                rate: Decimal(string: rate)!, fixedAmount: fixed, freeEvents: freeEvents, freeUnits: freeUnits))
    }

    /// `percentage_service_spec.rb`: 1.3 % of 800 units from 4 events, 2.0 per transaction, 3 free transactions and
    /// 250 free units, and the contexts that change one of them.
    @Test func percentage() {
        let events = Self.events
        #expect(Self.amount(Self.percentage(), 0, events: 4, values: events) == 0, "aggregation 0")
        #expect(Self.amount(Self.percentage(), 800, events: 4, values: events) == Decimal(string: "11.15"))
        #expect(Self.amount(Self.percentage(freeEvents: 0), 800, events: 4, values: events) == Decimal(string: "11.15"))
        #expect(Self.amount(Self.percentage(freeUnits: 0), 800, events: 4, values: events) == Decimal(string: "7.2"))
        #expect(
            Self.amount(Self.percentage(freeEvents: 0, freeUnits: 0), 800, events: 4, values: events)
                == Decimal(string: "18.4"))
        #expect(Self.amount(Self.percentage(freeUnits: 500), 800, events: 4, values: events) == Decimal(string: "7.2"))
        #expect(Self.amount(Self.percentage(freeEvents: 5, freeUnits: 0), 400, events: 4, values: events) == 0)
        #expect(Self.amount(Self.percentage(freeEvents: 0, freeUnits: 0, rate: "0"), 800, events: 4) == 8)
        #expect(
            Self.amount(Self.percentage(freeEvents: 0, freeUnits: 0, fixed: nil, rate: "2.9"), 4, events: 4)
                == Decimal(string: "0.116"))
    }

    /// `percentage_service_spec.rb`, "when applying min / max amount per transaction" (premium): 2.99 % of three
    /// transactions of 10, 80 and 10,000, each at least 1.75 and at most 12.
    @Test(
        arguments: [
            (0, "0", "0", "16.142"), (0, "0", "2.0", "18.691"), (2, "0", "0", "12"), (0, "30", "0", "13.794"),
            (3, "10000", "0", "2.691"),
        ] as [(Int, String, String, String)])
    func percentageBoundedPerTransaction(freeEvents: Int, freeUnits: String, fixed: String, expected: String) {
        let terms = PercentageTerms(
            rate: Decimal(string: "2.99")!, fixedAmount: Decimal(string: fixed), freeEvents: freeEvents,
            freeUnits: Decimal(string: freeUnits)!, minPerTransaction: Decimal(string: "1.75"),
            maxPerTransaction: 12)
        #expect(
            Self.amount(.percentage(terms), 10_090, events: 3, values: [10, 80, 10_000]) == Decimal(string: expected))
    }

    @Test func dynamicAndCustomAreNamedNotPriced() {
        #expect(Self.amount(.dynamic, 10) == nil && Self.amount(.custom, 10) == nil)
        #expect(!ChargeModel.dynamic.isReproducible && ChargeModel.graduated([]).isReproducible)
    }

    /// `Fees::ChargeService` rounds an amount once, to the currency's exponent, half up; `Fees::CreateTrueUpService`
    /// adds what a prorated minimum commitment lacks.
    @Test func roundingAndTrueUp() {
        #expect(ChargeAmount.minorUnits(Decimal(string: "51.2345")!, currency: "EUR") == 5123)
        #expect(ChargeAmount.minorUnits(Decimal(string: "0.005")!, currency: "USD") == 1)
        #expect(ChargeAmount.minorUnits(Decimal(string: "155.5")!, currency: "JPY") == 156)
        #expect(ChargeAmount.minorUnits(Decimal(string: "1.0005")!, currency: "BHD") == 1001)
        #expect(ChargeAmount.trueUp(minimum: 10_000, used: 2_500, billedDays: 15, periodDays: 30) == 2_500)
        #expect(ChargeAmount.trueUp(minimum: 10_000, used: 12_000, billedDays: 30, periodDays: 30) == 0)
        #expect(ChargeAmount.trueUp(minimum: 1_000, used: 0, billedDays: 10, periodDays: 30) == 333)
    }

    /// Shares in minor units always add up to the whole, the units left over going to the largest remainders.
    @Test func apportioningAddsUpToTheWhole() {
        #expect(PlanPricer.apportion(100, by: [1, 1, 1]) == [34, 33, 33])
        #expect(PlanPricer.apportion(1625, by: [120, 80, 5]) == [951, 634, 40])
        #expect(PlanPricer.apportion(10, by: [0, 0]) == [10, 0])
        var random = SeededRandom(seed: 22)  // seeded: a failure repeats
        for _ in 0..<200 {
            let whole = Int.random(in: 0...1_000_000, using: &random)
            let weights = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                Decimal(Int.random(in: 0...10_000, using: &random)) / 100
            }
            let parts = PlanPricer.apportion(whole, by: weights)
            #expect(parts.reduce(0, +) == whole && parts.allSatisfy { $0 >= 0 })
        }
    }
}
