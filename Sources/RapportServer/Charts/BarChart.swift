/// Vertical bars, one group per category and one bar per series, on a y axis of round ticks from
/// 0; every bar names its category, series and value in its `<title>`; a legend when there are
/// several series; category labels thinned when they would overlap.
struct BarChart {
    struct Series: Sendable {
        var name: String
        var values: [Double]
    }

    var id: String
    var title: String
    var categoryTitle: String
    var valueTitle: String
    var categories: [String]
    var series: [Series]
    var format: @Sendable (Double) -> String
    var noData: String
    var width: Double = 560
    var height: Double = 280

    var svg: HTML {
        let all = series.flatMap(\.values).filter(\.isFinite)
        guard !categories.isEmpty, !series.isEmpty, let maximum = all.max(), maximum > 0 else {
            return ChartSupport.empty(id: id, title: title, message: noData, width: width)
        }
        let left = 56.0, right = 12.0, top = series.count > 1 ? 50.0 : 34.0, bottom = 52.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let ticks = ChartSupport.ticks(upTo: maximum)
        let topValue = ticks.last!
        func y(_ value: Double) -> Double { top + plotHeight - plotHeight * value / topValue }
        var marks: [HTML] = []
        for tick in ticks {
            marks.append("""
                <line x1="\(ChartSupport.coordinate(left))" x2="\(ChartSupport.coordinate(width - right))" y1="\(ChartSupport.coordinate(y(tick)))" \
                y2="\(ChartSupport.coordinate(y(tick)))" stroke="#e3e6eb"/>\
                <text x="\(ChartSupport.coordinate(left - 6))" y="\(ChartSupport.coordinate(y(tick) + 4))" text-anchor="end">\(format(tick))</text>
                """)
        }
        let group = plotWidth / Double(categories.count)
        let bar = group * 0.8 / Double(series.count)
        // Thin the labels so that the longest fits: about 6 units a character.
        let labelWidth = Double(categories.map(\.count).max() ?? 1) * 6 + 10
        let labelEvery = max(1, Int((Double(categories.count) * labelWidth / plotWidth).rounded(.up)))
        for (c, category) in categories.enumerated() {
            let groupX = left + Double(c) * group + group * 0.1
            for (s, one) in series.enumerated() where c < one.values.count && one.values[c].isFinite {
                let value = one.values[c]
                let name = series.count > 1 ? "\(category) · \(one.name)" : category
                marks.append("""
                    <rect x="\(ChartSupport.coordinate(groupX + Double(s) * bar))" y="\(ChartSupport.coordinate(y(max(value, 0))))" \
                    width="\(ChartSupport.coordinate(max(bar - 1, 1)))" height="\(ChartSupport.coordinate(plotHeight * max(value, 0) / topValue))" \
                    fill="\(ChartSupport.colour(s))"><title>\(name): \(format(value))</title></rect>
                    """)
            }
            if c % labelEvery == 0 {
                marks.append("<text x=\"\(ChartSupport.coordinate(left + (Double(c) + 0.5) * group))\" y=\"\(ChartSupport.coordinate(top + plotHeight + 14))\" text-anchor=\"middle\">\(category)</text>")
            }
        }
        marks.append("<line x1=\"\(ChartSupport.coordinate(left))\" x2=\"\(ChartSupport.coordinate(width - right))\" y1=\"\(ChartSupport.coordinate(top + plotHeight))\" y2=\"\(ChartSupport.coordinate(top + plotHeight))\" stroke=\"#5b6475\"/>")
        marks.append("<text x=\"\(ChartSupport.coordinate(left + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(height - 12))\" text-anchor=\"middle\" fill=\"#5b6475\">\(categoryTitle)</text>")
        marks.append("<text transform=\"translate(12 \(ChartSupport.coordinate(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#5b6475\">\(valueTitle)</text>")
        if series.count > 1 { marks.append(ChartLegend.row(series.map(\.name), x: left, y: 30)) }
        return ChartSupport.svg(id: id, title: title, width: width, height: height, "\(marks)")
    }
}
