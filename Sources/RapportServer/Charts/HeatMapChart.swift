/// A grid of cells coloured by value, each printed in its cell and named in its `<title>` on
/// hover, with the row and column axes titled and a legend of the scale. Nil cells stay blank.
struct HeatMapChart {
    var id: String
    var title: String
    var rowTitle: String
    var columnTitle: String
    var rows: [String]
    var columns: [String]
    /// `values[row][column]`.
    var values: [[Double?]]
    var format: @Sendable (Double) -> String
    /// What a cell's title says, given its row, column and formatted value.
    var tooltip: @Sendable (_ row: String, _ column: String, _ value: String) -> String = { "\($0) · \($1): \($2)" }
    var noData: String
    var width: Double = 560

    var svg: HTML {
        let finite = values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
        guard !rows.isEmpty, !columns.isEmpty, let high = finite.max(), high > 0 || finite.contains(where: { $0 != 0 }) else {
            return ChartSupport.empty(id: id, title: title, message: noData, width: width)
        }
        let low = min(0, finite.min() ?? 0)
        let left = 110.0, top = 34.0, legendHeight = 40.0
        let cellWidth = (width - left - 12) / Double(columns.count)
        let cellHeight = min(46, cellWidth * 0.7)
        let gridHeight = cellHeight * Double(rows.count)
        var marks: [HTML] = []
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * cellHeight
            marks.append("<text x=\"\(ChartSupport.coordinate(left - 6))\" y=\"\(ChartSupport.coordinate(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(row)</text>")
            for (c, column) in columns.enumerated() {
                let x = left + Double(c) * cellWidth
                let value = r < values.count && c < values[r].count ? values[r][c].flatMap { $0.isFinite ? $0 : nil } : nil
                guard let value else { continue }
                let fraction = high == low ? 1 : (value - low) / (high - low)
                let text = format(value)
                marks.append("""
                    <g><title>\(tooltip(row, column, text))</title>\
                    <rect x="\(ChartSupport.coordinate(x + 1))" y="\(ChartSupport.coordinate(y + 1))" width="\(ChartSupport.coordinate(cellWidth - 2))" \
                    height="\(ChartSupport.coordinate(cellHeight - 2))" fill="\(ChartSupport.shade(fraction))"/>\
                    <text x="\(ChartSupport.coordinate(x + cellWidth / 2))" y="\(ChartSupport.coordinate(y + cellHeight / 2 + 4))" text-anchor="middle" \
                    fill="\(fraction > 0.55 ? "#ffffff" : "#1d2330")">\(text)</text></g>
                    """)
            }
        }
        for (c, column) in columns.enumerated() {
            let x = left + (Double(c) + 0.5) * cellWidth
            marks.append("<text x=\"\(ChartSupport.coordinate(x))\" y=\"\(ChartSupport.coordinate(top + gridHeight + 14))\" text-anchor=\"middle\">\(column)</text>")
        }
        let axisY = top + gridHeight + 30
        marks.append("<text x=\"\(ChartSupport.coordinate(left + (width - left) / 2))\" y=\"\(ChartSupport.coordinate(axisY))\" text-anchor=\"middle\" fill=\"#5b6475\">\(columnTitle)</text>")
        marks.append("<text transform=\"translate(14 \(ChartSupport.coordinate(top + gridHeight / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#5b6475\">\(rowTitle)</text>")
        // Legend: the scale from the lowest to the highest value.
        let legendY = axisY + 12
        let steps = 8
        for step in 0..<steps {
            let x = left + Double(step) * 20
            marks.append("<rect x=\"\(ChartSupport.coordinate(x))\" y=\"\(ChartSupport.coordinate(legendY))\" width=\"20\" height=\"10\" fill=\"\(ChartSupport.shade(Double(step) / Double(steps - 1)))\"/>")
        }
        marks.append("<text x=\"\(ChartSupport.coordinate(left - 6))\" y=\"\(ChartSupport.coordinate(legendY + 9))\" text-anchor=\"end\">\(format(low))</text>")
        marks.append("<text x=\"\(ChartSupport.coordinate(left + Double(steps) * 20 + 6))\" y=\"\(ChartSupport.coordinate(legendY + 9))\">\(format(high))</text>")
        return ChartSupport.svg(id: id, title: title, width: width, height: legendY + legendHeight - 18, "\(marks)")
    }
}
