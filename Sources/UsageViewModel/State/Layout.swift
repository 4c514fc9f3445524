/// Sizes shared by the reducer (paging, scrolling) and the screens (drawing), so they always agree.
public enum Layout {
    /// The smallest terminal the dashboard draws in.
    public static let minimumWidth = 60
    /// The smallest terminal the dashboard draws in.
    public static let minimumHeight = 15
    /// Rows of chrome around a table: header, breadcrumbs, status, two borders, the table header.
    public static let tableChrome = 6

    /// Data rows a full-screen table shows at terminal `height`.
    public static func tableRows(height: Int) -> Int { max(1, height - tableChrome) }

    /// Whether the terminal is big enough to draw.
    public static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

    /// Days of history in the monitor's top-customers sparkline.
    public static let monitorSparklineDays = 28

    /// Days of history in the customers sparkline.
    public static let sparklineDays = 30
}
