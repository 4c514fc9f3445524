import Foundation
import UsageCore

/// When the simulated backend misbehaves, as a pure function of simulated time, so the provider and the driver
/// agree: a 30-minute outage every day at 03:00 UTC, and within every hour two minutes each of 429s, 500s,
/// malformed bodies, timeouts (answered after 30 s) and slow answers (after 7 s).
enum FaultSchedule {
    enum Phase: Equatable {
        case healthy, outage, rateLimited, serverError, malformed, timeout, slow
    }

    static func phase(at date: Date) -> Phase {
        let seconds = Int(date.timeIntervalSince1970)
        let minute = (seconds / 60) % 60, hour = (seconds / 3_600) % 24
        if hour == 3 && minute < 30 { return .outage }
        switch minute {
        case 10..<12: return .rateLimited
        case 20..<22: return .serverError
        case 30..<32: return .malformed
        case 40..<42: return .timeout
        case 50..<52: return .slow
        default: return .healthy
        }
    }

    /// How long after the request its answer arrives.
    static func latency(at date: Date) -> TimeInterval {
        switch phase(at: date) {
        case .timeout: 30
        case .slow: 7
        default: 0
        }
    }
}
