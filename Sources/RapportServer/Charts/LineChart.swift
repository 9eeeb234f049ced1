/// Series of values over shared x labels, drawn as lines with a marker per point (its `<title>`
/// names series, x and value); a missing value breaks the line. Round y ticks from 0, or up to a
/// fixed maximum (1 for shares); a legend when there are several series.
struct LineChart {
    struct Series: Sendable {
        var name: String
        var values: [Double?]
    }

    var id: String
    var title: String
    var xTitle: String
    var yTitle: String
    var labels: [String]
    var series: [Series]
    var format: @Sendable (Double) -> String
    var fixedMaximum: Double?
    var noData: String
    var width: Double = 560
    var height: Double = 300

    var svg: HTML {
        let all = series.flatMap(\.values).compactMap { $0 }.filter(\.isFinite)
        guard labels.count >= 1, let maximum = all.max() else {
            return ChartSupport.empty(id: id, title: title, message: noData, width: width)
        }
        let legendRows = series.count > 1 ? 1 + (series.count - 1) / 6 : 0
        let left = 56.0, right = 16.0, top = 34.0 + Double(legendRows) * 16, bottom = 48.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let ticks = fixedMaximum.map { fixed in (0...4).map { fixed * Double($0) / 4 } } ?? ChartSupport.ticks(upTo: max(maximum, 1e-9))
        let topValue = ticks.last!
        func x(_ index: Int) -> Double { labels.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(labels.count - 1) }
        func y(_ value: Double) -> Double { top + plotHeight - plotHeight * min(value, topValue) / topValue }
        var marks: [HTML] = []
        for tick in ticks {
            marks.append("""
                <line x1="\(ChartSupport.coordinate(left))" x2="\(ChartSupport.coordinate(width - right))" y1="\(ChartSupport.coordinate(y(tick)))" \
                y2="\(ChartSupport.coordinate(y(tick)))" stroke="#e3e6eb"/>\
                <text x="\(ChartSupport.coordinate(left - 6))" y="\(ChartSupport.coordinate(y(tick) + 4))" text-anchor="end">\(format(tick))</text>
                """)
        }
        let labelEvery = max(1, Int((Double(labels.count) * 40 / plotWidth).rounded(.up)))
        for (index, label) in labels.enumerated() where index % labelEvery == 0 {
            marks.append("<text x=\"\(ChartSupport.coordinate(x(index)))\" y=\"\(ChartSupport.coordinate(top + plotHeight + 14))\" text-anchor=\"middle\">\(label)</text>")
        }
        for (s, one) in series.enumerated() {
            // One polyline per unbroken run of values.
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    marks.append("<polyline fill=\"none\" stroke=\"\(ChartSupport.colour(s))\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>")
                }
                run.removeAll()
            }
            for (index, value) in one.values.enumerated() where index < labels.count {
                guard let value, value.isFinite else {
                    flush()
                    continue
                }
                run.append(ChartSupport.coordinate(x(index)) + "," + ChartSupport.coordinate(y(value)))
                marks.append("""
                    <circle cx="\(ChartSupport.coordinate(x(index)))" cy="\(ChartSupport.coordinate(y(value)))" r="3" fill="\(ChartSupport.colour(s))">\
                    <title>\(one.name) · \(labels[index]): \(format(value))</title></circle>
                    """)
            }
            flush()
        }
        marks.append("<text x=\"\(ChartSupport.coordinate(left + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(height - 10))\" text-anchor=\"middle\" fill=\"#5b6475\">\(xTitle)</text>")
        marks.append("<text transform=\"translate(12 \(ChartSupport.coordinate(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#5b6475\">\(yTitle)</text>")
        if series.count > 1 {
            for row in 0..<legendRows {
                let names = Array(series.map(\.name)[(row * 6)..<min(series.count, row * 6 + 6)])
                marks.append(ChartLegend.row(names, x: left, y: 32 + Double(row) * 16, firstColour: row * 6))
            }
        }
        return ChartSupport.svg(id: id, title: title, width: width, height: height, "\(marks)")
    }
}
