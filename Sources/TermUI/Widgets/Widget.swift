/// Something that draws itself into a region of a buffer. Widgets hold no state between frames.
public protocol Widget {
    /// Draws into `area` of `buffer`, never outside it.
    func render(in area: Rect, buffer: inout Buffer)
}

/// The glyph set: Unicode box drawing and braille, or plain ASCII for terminals and fonts without them.
public enum GlyphSet: Sendable, Hashable {
    case unicode
    case ascii
}
