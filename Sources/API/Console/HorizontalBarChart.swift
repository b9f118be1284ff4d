/// Figures as a server-rendered SVG bar chart, one horizontal bar each (the
/// `portal-chart` partial), with the same numbers in a table beside it and a text
/// alternative: the picture is never the only way to read them (issue 19 item 6).
/// Bar lengths are integer pixels of the largest magnitude; a negative figure draws
/// its magnitude, and its value text keeps the sign.
struct HorizontalBarChart: Sendable {
    struct Figure: Sendable {
        /// The CSS class suffix of its colour (`bar-<kind>`).
        let kind: String
        let label: String
        /// The figure as text, with its unit.
        let value: String
        let magnitude: Int64
    }

    struct Bar: Sendable {
        let kind: String
        let label: String
        let value: String
        let y: Int
        let textY: Int
        let width: Int
        let valueX: Int
    }

    static let labelWidth = 150
    static let plotWidth = 300

    let id: String
    let title: String
    /// The heading of the table's value column.
    let unit: String
    let bars: [Bar]
    let height: Int
    let hasBars: Bool

    init(id: String, title: String, unit: String, figures: [Figure]) {
        let largest = max(1, figures.map { abs($0.magnitude) }.max() ?? 1)
        self.id = id
        self.title = title
        self.unit = unit
        bars = figures.enumerated().map { index, figure in
            // round(magnitude × plot width ÷ largest), half up, at least one pixel.
            let width = max(1, Int((abs(figure.magnitude) * Int64(Self.plotWidth) * 2 + largest) / (largest * 2)))
            let y = 8 + index * 30
            return Bar(
                kind: figure.kind, label: figure.label, value: figure.value, y: y, textY: y + 14, width: width,
                valueX: Self.labelWidth + width + 6)
        }
        height = 16 + figures.count * 30
        hasBars = !figures.isEmpty
    }
}
