import Foundation
import Testing

/// ARCHITECTURE.md stays true of the code: its target graph allows every `import` a target makes of another of the
/// project's targets (through the arrows, directly or further down), each arrow it draws between two of the
/// project's targets is an import somebody reads, and its table has a row for every target.
@Suite("ARCHITECTURE.md matches the imports")
struct ArchitectureDocTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The project's targets: the folders of `Sources`.
    static func targets() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Sources").path).sorted()
    }

    /// The modules each of a target's Swift files imports.
    static func imports(of target: String) throws -> Set<String> {
        let folder = root.appendingPathComponent("Sources/\(target)")
        var found: Set<String> = []
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                if words.count == 2, words[0] == "import" { found.insert(String(words[1])) }
            }
        }
        return found
    }

    /// The arrows of the "Target graph" block: `A ──► B ──► C, D` is A → B and B → C, D; a line that starts with an
    /// arrow continues the last line's head. Words in parentheses are comments.
    static func arrows() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Target graph").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        var edges: [String: Set<String>] = [:]
        var head = ""
        for line in block.split(separator: "\n") {
            let plain = line.replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
            var parts = plain.components(separatedBy: "──►").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.first?.isEmpty == true { parts[0] = head } else { head = parts.first ?? "" }
            for (from, to) in zip(parts, parts.dropFirst()) {
                let names = to.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                edges[
                    from.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? from, default: []
                ]
                .formUnion(names)
            }
        }
        return edges
    }

    @Test func everyImportOfAProjectTargetIsAllowedByTheGraph() throws {
        let targets = Set(try Self.targets()), edges = try Self.arrows()
        func reachable(from target: String) -> Set<String> {
            var seen: Set<String> = [], queue = [target]
            while let next = queue.popLast() {
                for module in edges[next] ?? [] where seen.insert(module).inserted { queue.append(module) }
            }
            return seen
        }
        for target in targets {
            let used = try Self.imports(of: target).intersection(targets)
            let allowed = reachable(from: target)
            #expect(
                used.subtracting(allowed).isEmpty,
                "\(target) imports \(used.subtracting(allowed).sorted()), which ARCHITECTURE.md's graph does not allow")
            for module in (edges[target] ?? []).intersection(targets) {
                #expect(
                    used.contains(module),
                    "ARCHITECTURE.md draws \(target) ──► \(module), but \(target) does not import it")
            }
        }
        let text = try String(contentsOf: Self.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        for target in targets {
            #expect(text.contains("| `\(target)` |"), "ARCHITECTURE.md's table has no row for \(target)")
        }
    }
}
