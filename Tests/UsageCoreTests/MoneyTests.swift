import Foundation
import Testing
import UsageCore

@Suite("Money in its currency's minor unit")
struct MoneyTests {
    @Test(arguments: [
        (123_456, "JPY", "JPY 123,456", "123456"),
        (123_456, "EUR", "EUR 1,234.56", "1234.56"),
        (123_450, "eur", "EUR 1,234.50", "1234.50"),
        (123_456, "KWD", "KWD 123.456", "123.456"),
        (5, "USD", "USD 0.05", "0.05"),
        (-1_999, "EUR", "EUR -19.99", "-19.99"),
        (0, "BHD", "BHD 0.000", "0.000"),
    ])
    func formatsPerISO4217(minor: Int, currency: String, text: String, plain: String) {
        let money = Money(minorUnits: minor, currency: currency)
        #expect(money.text == text)
        #expect(money.plainAmount == plain)
    }

    @Test func totalsNeverAddDifferentCurrencies() {
        let totals = Money.totals([
            Money(minorUnits: 100, currency: "EUR"), Money(minorUnits: 5, currency: "JPY"),
            Money(minorUnits: 250, currency: "EUR"),
        ])
        #expect(totals == [Money(minorUnits: 350, currency: "EUR"), Money(minorUnits: 5, currency: "JPY")])
        #expect(
            Money.totals([Money(minorUnits: .max, currency: "EUR"), Money(minorUnits: 1, currency: "EUR")])
                == [Money(minorUnits: .max, currency: "EUR")], "an overflowing sum saturates instead of trapping")
    }
}
