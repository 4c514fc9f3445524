import ArgumentParser
import Foundation
import UsageCore

/// Prints one clear line to stderr and exits non-zero; never a stack trace.
enum Failure {
    static func exit(_ message: String) -> ExitCode {
        StandardError.line("usagetop: \(message)")
        return ExitCode(1)
    }

    static func exit(_ error: UsageError) -> ExitCode { exit(error.message) }
}
