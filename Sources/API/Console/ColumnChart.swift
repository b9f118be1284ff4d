/// Series of figures per period as a server-rendered SVG column chart (the
/// `console-column-chart` partial): one group of columns per period, one column per
/// series, drawn up from a zero line, or down for a negative figure (a loss). The
/// page puts the same numbers in a table beside it (issue 19 item 6). Pixels are
/// integers: round(magnitude × plot height ÷ range), half up.
struct ColumnChart: Sendable {
    struct Series: Sendable {
        /// The CSS class suffix of its colour (`bar-<kind>`).
        let kind: String
        let label: String
    }

    struct Group: Sendable {
        let label: String
        /// One value per series, in the order of the series.
        let values: [Int64]
        /// The values as text, for each column's tooltip.
        let texts: [String]
        /// Draws this group's columns as another series (a forecast week), named `seriesLabel`.
        var kind: String? = nil
        var seriesLabel: String? = nil
    }

    /// A level drawn across the plot (a budget), named on the chart.
    struct Marker: Sendable {
        let kind: String
        let label: String
        let value: Int64
    }

    struct Line: Sendable {
        let kind: String
        let y: Int
        let labelY: Int
        let label: String
    }

    struct Column: Sendable {
        let kind: String
        let x: Int
        let y: Int
        let height: Int
        let title: String
    }

    struct Tick: Sendable {
        let x: Int
        let y: Int
        let label: String
    }

    static let left = 8
    static let top = 8
    static let plotHeight = 180
    static let columnWidth = 18
    static let groupGap = 30

    let id: String
    let title: String
    let series: [Series]
    let columns: [Column]
    let ticks: [Tick]
    let width: Int
    let height: Int
    let zeroY: Int
    let hasColumns: Bool
    let lines: [Line]

    init(id: String, title: String, series: [Series], groups: [Group], markers: [Marker] = []) {
        let values = groups.flatMap(\.values) + markers.map(\.value)
        let highest = max(0, values.max() ?? 0)
        let lowest = max(0, -(values.min() ?? 0))
        let range = max(1, highest + lowest)
        let scaled = { (magnitude: Int64) -> Int in Int((magnitude * Int64(Self.plotHeight) * 2 + range) / (range * 2)) }
        let zero = Self.top + scaled(highest)
        let groupWidth = series.count * Self.columnWidth + Self.groupGap
        var columns: [Column] = []
        var ticks: [Tick] = []
        for (index, group) in groups.enumerated() {
            let x = Self.left + index * groupWidth
            for (position, value) in group.values.enumerated() where position < series.count {
                let height = max(value == 0 ? 0 : 1, scaled(abs(value)))
                let text = position < group.texts.count ? group.texts[position] : ""
                columns.append(
                    Column(
                        kind: group.kind ?? series[position].kind, x: x + position * Self.columnWidth, y: value >= 0 ? zero - height : zero,
                        height: height, title: "\(group.label) \(group.seriesLabel ?? series[position].label): \(text)"))
            }
            ticks.append(Tick(x: x + (series.count * Self.columnWidth) / 2, y: Self.top + Self.plotHeight + 18, label: group.label))
        }
        self.id = id
        self.title = title
        self.series = series
        self.columns = columns
        self.ticks = ticks
        width = Self.left * 2 + max(1, groups.count) * groupWidth
        height = Self.top + Self.plotHeight + 26
        zeroY = zero
        hasColumns = !groups.isEmpty
        lines = markers.map { marker in
            let y = zero - scaled(max(0, marker.value))
            return Line(kind: marker.kind, y: y, labelY: max(Self.top + 4, y - 3), label: marker.label)
        }
    }
}
