import AppConfig
import ArgumentParser
import Foundation
import LocalStore
import TermUI
import UsageCore

/// Shell completion of the names a command line takes, read where usagetop keeps them: profiles from
/// `config.toml`, customers and metrics from the embedded store (`--db` on the line, else the default one; a store
/// that does not exist is never created, and a remote provider's names are not fetched).
enum NameCompletion {
    /// `--profile`: the profiles of `config.toml`.
    static let profiles = CompletionKind.custom { words, _, prefix in
        var warnings: [String] = []
        let path = ConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment)
        let profiles = (try? ConfigFile.load(path: path, warnings: &warnings))?.profiles.keys.sorted() ?? []
        _ = words
        return profiles.filter { $0.hasPrefix(prefix) }
    }

    /// `--customer`: ids, and names, of the store's customers that start with what is typed.
    static let customers = CompletionKind.custom { words, _, prefix in
        guard let store = store(words) else { return [] }
        let customers = (try? store.customers()) ?? []
        let lower = prefix.lowercased()
        // Names come from ingested files: one a terminal would act on (an escape sequence) is never offered.
        let candidates = (customers.map(\.id) + customers.map(\.name)).filter {
            $0.lowercased().hasPrefix(lower) && $0.allSatisfy(TextSanitizer.isSafe)
        }
        return Array(candidates.prefix(500))
    }

    /// `--metric`: the store's metric codes.
    static let metrics = CompletionKind.custom { words, _, prefix in
        guard let store = store(words) else { return [] }
        return ((try? store.metrics()) ?? []).map(\.code).filter { $0.hasPrefix(prefix) }
    }

    /// The store `--db` names on the line (else the default one), when it exists.
    private static func store(_ words: [String]) -> UsageStore? {
        let db: String? = words.firstIndex(of: "--db").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        let path = StoreOptions.path(db: db)
        guard !path.hasPrefix("postgres"), FileManager.default.fileExists(atPath: path) else { return nil }
        return try? UsageStore(path: path)
    }
}
