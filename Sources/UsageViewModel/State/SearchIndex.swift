import Foundation

/// Lower-case names and ids of all customers in one contiguous byte buffer, for fast substring filtering.
struct SearchIndex: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    /// Builds the index: row `i` is `lowercased(name) + "\n" + lowercased(id)`.
    init(_ rows: CustomerRows) {
        bytes.reserveCapacity(rows.count * 32)
        starts.reserveCapacity(rows.count + 1)
        for index in rows.indices {
            Self.appendLowercased(rows.summaries[index].customer.name, to: &bytes)
            bytes.append(0x0A)
            Self.appendLowercased(rows.summaries[index].customer.id, to: &bytes)
            starts.append(bytes.count)
        }
    }

    /// Appends `text` in lower case: ASCII byte by byte (nearly every name and id), anything else through Unicode.
    private static func appendLowercased(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        let ascii = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 >= 0x80 }) else { return false }
            bytes.append(contentsOf: utf8.lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 })
            return true
        }
        if !ascii { bytes.append(contentsOf: text.lowercased().utf8) }
    }

    /// The candidates whose text contains the lower-case `needle`, in the candidates' order.
    func filter(_ candidates: [Int], needle: [UInt8]) -> [Int] {
        guard let first = needle.first else { return candidates }
        var result: [Int] = []
        result.reserveCapacity(candidates.count)
        bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                for row in candidates {
                    var i = starts[row]
                    let last = starts[row + 1] - pin.count
                    while i <= last {
                        if hay[i] == first {
                            var j = 1
                            while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                            if j == pin.count {
                                result.append(row)
                                break
                            }
                        }
                        i += 1
                    }
                }
            }
        }
        return result
    }

    /// The index bytes of a row, for sorting by name.
    func key(_ row: Int) -> ArraySlice<UInt8> { bytes[starts[row]..<starts[row + 1]] }

    /// The byte order of two rows' index text (lower-case name, then id): negative, zero or positive.
    func compare(_ a: Int, _ b: Int) -> Int {
        let aCount = starts[a + 1] - starts[a], bCount = starts[b + 1] - starts[b]
        let common = bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + starts[a], buffer.baseAddress! + starts[b], min(aCount, bCount))
        }
        return common != 0 ? Int(common) : aCount - bCount
    }
}
