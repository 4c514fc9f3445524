import Foundation

/// Times repeated runs of a closure and reports the median, fastest and 90th percentile.
struct Stopwatch {
    /// One measurement's summary.
    struct Result {
        var name: String
        var runs: Int
        var median: Duration
        var fastest: Duration
        var p90: Duration

        var line: String {
            "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) median \(Self.format(median))  "
                + "min \(Self.format(fastest))  p90 \(Self.format(p90))  (\(runs) runs)"
        }

        static func format(_ d: Duration) -> String {
            let micros = Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
            return micros >= 1_000 ? String(format: "%.3f ms", micros / 1_000) : String(format: "%.1f µs", micros)
        }
    }

    /// Runs `body` `warmup` times unmeasured, then `runs` times measured; `setup` runs before each, untimed.
    static func measure(
        _ name: String, runs: Int, warmup: Int = 3, setup: () -> Void = {}, _ body: () throws -> Void
    ) rethrows -> Result {
        for _ in 0..<warmup {
            setup()
            try body()
        }
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(runs)
        for _ in 0..<runs {
            setup()
            samples.append(try clock.measure(body))
        }
        samples.sort()
        let result = Result(
            name: name, runs: runs, median: samples[runs / 2], fastest: samples[0],
            p90: samples[min(runs - 1, runs * 9 / 10)])
        print(result.line)
        return result
    }

    /// Async variant.
    static func measure(_ name: String, runs: Int, warmup: Int = 3, _ body: () async throws -> Void) async rethrows
        -> Result
    {
        for _ in 0..<warmup { try await body() }
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            samples.append(clock.now - start)
        }
        samples.sort()
        let result = Result(
            name: name, runs: runs, median: samples[runs / 2], fastest: samples[0],
            p90: samples[min(runs - 1, runs * 9 / 10)])
        print(result.line)
        return result
    }
}
