import Foundation
import KeyInput
import UsageCore

extension AppState {
    /// The commands `:` takes, in the order `Tab` offers them.
    static let commandNames = ["customer", "metric", "period", "export", "theme", "profile", "quit"]

    /// Keys while the `:` command line is open: text edits it, `Tab` completes the command or its argument,
    /// `Enter` runs it, `Esc` closes it.
    mutating func typeInCommandLine(_ key: Key) -> [Effect] {
        guard let line = commandLine else { return [] }
        switch key {
        case .character(let c): commandLine = line + String(c)
        case .text(let text): commandLine = line + text
        case .backspace: commandLine = String(line.dropLast())
        case .tab: commandLine = complete(line)
        case .escape: commandLine = nil
        case .enter:
            commandLine = nil
            return run(line)
        default: break
        }
        return []
    }

    /// `line` with its last word completed: a command name, a metric code, a period preset or a customer name.
    func complete(_ line: String) -> String {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            return Self.commandNames.first { $0.hasPrefix(line.lowercased()) }.map { $0 + " " } ?? line
        }
        let (command, typed) = (parts[0], parts[1].lowercased())
        let candidates: [String] =
            switch command {
            case "metric", "m": metrics.map(\.code)
            case "period", "p": PeriodPreset.allCases.map(\.rawValue)
            case "export", "e": ExportFormat.allCases.map(\.rawValue)
            case "theme": themeNames
            case "profile": profileNames
            case "customer", "c": customers.rows.map(\.summary.customer.name)
            default: []
            }
        return candidates.first { $0.lowercased().hasPrefix(typed) }.map { "\(command) \($0)" } ?? line
    }

    /// Runs one command line: `customer NAME` opens a customer, `metric CODE` shows a metric, `period TEXT`
    /// changes the period (a preset, `-7d`, a range), `quit` quits; anything else says what is understood.
    private mutating func run(_ line: String) -> [Effect] {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts.first?.lowercased() ?? "" {
        case "customer", "c": return openCustomer(named: argument)
        case "metric", "m": return showMetric(argument)
        case "period", "p":
            do {
                return choose(try PeriodText.parse(argument, now: now))
            } catch {
                message = StatusMessage(error.message, .warning)
                return []
            }
        case "export", "e":
            let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
            let format = words.first.flatMap { ExportFormat(rawValue: $0.lowercased()) }
            let path = (format == nil ? argument : words.dropFirst().first ?? "").trimmingCharacters(in: .whitespaces)
            return export(as: format ?? .csv, to: path.isEmpty ? nil : path)
        case "theme":
            guard !argument.isEmpty else { return listing("themes", themeNames) }
            return [.applyTheme(argument)]
        case "profile":
            guard !argument.isEmpty else { return listing("profiles", profileNames) }
            message = StatusMessage("opening profile \(argument)…", .info)
            return [.openProfile(argument)]
        case "quit", "q":
            shouldQuit = true
            return [.quit]
        case "": return []
        default:
            message = StatusMessage(
                "unknown command '\(parts[0])': try customer NAME, metric CODE, period TEXT, export [csv|json] [PATH], theme NAME, profile NAME or quit",
                .warning
            )
            return []
        }
    }

    private mutating func listing(_ what: String, _ names: [String]) -> [Effect] {
        message = StatusMessage(
            names.isEmpty ? "no \(what) to choose from" : "\(what): " + names.joined(separator: ", "), .info)
        return []
    }

    /// Shows another profile's data from the customers view, as a fresh start does.
    mutating func profileOpened(_ name: String, _ result: Result<ProfileInfo, UsageError>) -> [Effect] {
        guard case .success(let info) = result else {
            if case .failure(let error) = result {
                message = StatusMessage("profile \(name): \(error.message)", .error)
            }
            return []
        }
        (providerName, capabilities, profileName) = (info.providerName, info.capabilities, name)
        (source, metrics, metricIndex, customers, stack, overlay) = (nil, [], 0, CustomersState(), [], nil)
        (loadingMetrics, lastRefresh) = (true, nil)
        message = StatusMessage("profile: \(name) (\(info.providerName))", .info)
        return [.load(nil, .source), .load(nil, .metrics)]
    }

    private mutating func openCustomer(named text: String) -> [Effect] {
        let matches = CustomerMatch.matches(text, in: customers.rows.map(\.summary.customer))
        guard matches.count == 1, let customer = matches.first else {
            let listed = matches.prefix(5).map(\.name).joined(separator: ", ")
            message = StatusMessage(
                matches.isEmpty ? "no customer matches '\(text)'" : "'\(text)' matches \(matches.count): \(listed)…",
                .warning
            )
            return []
        }
        let cancel = top?.request.map { [Effect.cancel($0)] } ?? []
        open(customer)
        return cancel + loadUsage()
    }

    private mutating func showMetric(_ text: String) -> [Effect] {
        let wanted = text.lowercased()
        guard
            let index = metrics.firstIndex(where: { $0.code.lowercased() == wanted || $0.name.lowercased() == wanted })
        else {
            message = StatusMessage("metrics: " + metrics.map(\.code).joined(separator: ", "), .warning)
            return []
        }
        metricIndex = index
        if top?.seriesState != nil {
            let chosen = metrics[index]
            top?.seriesState?.metric = chosen
            top?.seriesState?.data.value = nil
            return loadTimeseries()
        }
        stack = []
        return loadCustomers()
    }
}
