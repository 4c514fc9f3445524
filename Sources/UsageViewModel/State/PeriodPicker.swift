import UsageCore

/// The period picker's state: the highlighted preset, the range being typed, and why the last one was refused.
public struct PeriodPicker: Sendable, Hashable {
    /// The presets listed, in order.
    public static let presets = PeriodPreset.allCases
    /// The highlighted preset.
    public var cursor: Int
    /// The range being typed (`-7d`, `2026-11-01..2026-11-08`); empty when none.
    public var typed = ""
    /// Why `Enter` refused what was typed.
    public var problem: String?

    /// A picker highlighting `current` when it is a preset, else the first.
    public init(current: PeriodChoice) {
        if case .preset(let preset) = current, let index = Self.presets.firstIndex(of: preset) {
            cursor = index
        } else {
            cursor = 0
        }
    }
}
