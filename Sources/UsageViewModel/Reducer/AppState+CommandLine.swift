import Foundation
import KeyInput
import UsageCore

extension AppState {
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
            return LineCommand.all.map(\.name).first { $0.hasPrefix(line.lowercased()) }.map { $0 + " " } ?? line
        }
        let (command, typed) = (parts[0], parts[1].lowercased())
        let offered = LineCommand.named(command).map { candidates(for: $0.completion) } ?? []
        return offered.first { $0.lowercased().hasPrefix(typed) }.map { "\(command) \($0)" } ?? line
    }

    /// What `Tab` offers for an argument completed from `source`.
    private func candidates(for source: LineCommand.Completion) -> [String] {
        switch source {
        case .none: []
        case .customers: customers.rows.map(\.summary.customer.name)
        case .metrics: metrics.map(\.code)
        case .periods: PeriodPreset.allCases.map(\.rawValue)
        case .comparisons: Comparison.allCases.map(\.rawValue) + ["off"]
        case .exportFormats: ExportFormat.allCases.map(\.rawValue)
        case .themes: themeNames
        case .profiles: profileNames
        }
    }

    /// Runs one command line through `LineCommand.all`; an unknown command says what is understood.
    private mutating func run(_ line: String) -> [Effect] {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first else { return [] }
        guard let command = LineCommand.named(word) else {
            message = StatusMessage(LineCommand.unknown(word), .warning)
            return []
        }
        return command.run(&self, parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
    }

    /// `:period TEXT`: a preset, `-7d`, a month or a range.
    fileprivate mutating func choosePeriod(_ text: String) -> [Effect] {
        do {
            return choose(try PeriodText.parse(text, now: now))
        } catch {
            message = StatusMessage(error.message, .warning)
            return []
        }
    }

    /// `:export [csv|json] [PATH]`.
    fileprivate mutating func export(_ argument: String) -> [Effect] {
        let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
        let format = words.first.flatMap { ExportFormat(rawValue: $0.lowercased()) }
        let path = (format == nil ? argument : words.dropFirst().first ?? "").trimmingCharacters(in: .whitespaces)
        return export(as: format ?? .csv, to: path.isEmpty ? nil : path)
    }

    /// `:theme NAME`, or the names when none is given.
    fileprivate mutating func applyTheme(_ name: String) -> [Effect] {
        guard !name.isEmpty else { return listing("themes", themeNames) }
        return [.applyTheme(name)]
    }

    /// `:profile NAME`, or the names when none is given.
    fileprivate mutating func openProfile(_ name: String) -> [Effect] {
        guard !name.isEmpty else { return listing("profiles", profileNames) }
        message = StatusMessage("opening profile \(name)…", .info)
        return [.openProfile(name)]
    }

    /// `:quit`.
    fileprivate mutating func quit() -> [Effect] {
        shouldQuit = true
        return [.quit]
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

    fileprivate mutating func openCustomer(named text: String) -> [Effect] {
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

    /// `:reconcile`: the named customer's bills, `all` customers', else those of the customer on screen (every
    /// customer's from the customers table).
    fileprivate mutating func reconcile(_ text: String) -> [Effect] {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        if wanted.isEmpty || wanted.lowercased() == "all" {
            let current = wanted.isEmpty ? stack.compactMap(\.customer).last : nil
            return openReconcile(customerID: current?.id, customerName: current?.name)
        }
        let matches = CustomerMatch.matches(wanted, in: customers.rows.map(\.summary.customer))
        guard matches.count == 1, let customer = matches.first else {
            message = StatusMessage(
                matches.isEmpty ? "no customer matches '\(wanted)'" : "'\(wanted)' matches \(matches.count) customers",
                .warning)
            return []
        }
        return openReconcile(customerID: customer.id, customerName: customer.name)
    }

    fileprivate mutating func showMetric(_ text: String) -> [Effect] {
        let wanted = text.lowercased()
        guard
            let index = metrics.firstIndex(where: { $0.code.lowercased() == wanted || $0.name.lowercased() == wanted })
        else {
            message = StatusMessage("metrics: " + metrics.map(\.code).joined(separator: ", "), .warning)
            return []
        }
        metricIndex = index
        if top?.seriesState != nil {
            chart(metrics[index])
            return loadTimeseries()
        }
        // Within a customer: that customer's chart of the metric, on top of its usage (never back to the list).
        if let customer = stack.last?.customer, let usage = stack.lastIndex(where: { $0.usageState != nil }) {
            stack = Array(stack[...usage])
            stack.append(
                .timeseries(
                    TimeseriesState(metric: metrics[index], customerID: customer.id, customerName: customer.name)))
            return loadTimeseries()
        }
        stack = []
        return loadCustomers()
    }
}

extension LineCommand {
    /// Every `:` command, in the order `Tab` offers them and help lists them.
    static let all: [LineCommand] = [
        LineCommand(name: "customer", alias: "c", argument: "NAME", completion: .customers) {
            $0.openCustomer(named: $1)
        },
        LineCommand(name: "metric", alias: "m", argument: "CODE", completion: .metrics) { $0.showMetric($1) },
        LineCommand(name: "period", alias: "p", argument: "TEXT", completion: .periods) { $0.choosePeriod($1) },
        LineCommand(name: "quit", alias: "q", completion: .none) { state, _ in state.quit() },
        LineCommand(name: "export", alias: "e", argument: "[csv|json] [PATH]", completion: .exportFormats) {
            $0.export($1)
        },
        LineCommand(name: "compare", argument: "previous|last-month|last-year|off", completion: .comparisons) {
            $0.compare($1)
        },
        LineCommand(name: "reconcile", argument: "[NAME|all]", completion: .customers) { $0.reconcile($1) },
        LineCommand(name: "theme", argument: "NAME", completion: .themes) { $0.applyTheme($1) },
        LineCommand(name: "profile", argument: "NAME", completion: .profiles) { $0.openProfile($1) },
    ]
}
