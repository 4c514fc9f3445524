import AppConfig
import Foundation
import Logging

/// Sends every logger of the process to `$XDG_STATE_HOME/usagetop/usagetop.log`, never to the terminal.
enum AppLogging {
    private static let bootstrapped: Void = {
        let path = FileLogHandler.defaultPath(environment: ProcessInfo.processInfo.environment)
        guard let sink = FileLogHandler.Sink(path: path) else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
    }()

    /// Installs the file handler once (later calls do nothing).
    static func start() { _ = bootstrapped }
}
