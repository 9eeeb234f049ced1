import RapportCore

/// Ordered stages as horizontal bars, each labelled with its count, its share of the first stage
/// and its ratio to the previous one, all repeated in the bar's `<title>`.
struct FunnelChart {
    var id: String
    var title: String
    var stages: [(label: String, count: Int)]
    /// Stages shown after the funnel, apart and without ratios (those who left it, say).
    var apart: [(label: String, count: Int)] = []
    /// Words for "of first" and "of previous".
    var ofFirst: String
    var ofPrevious: String
    var noData: String
    var width: Double = 560

    var svg: HTML {
        guard let first = stages.first, let widest = (stages + apart).map(\.count).max(), widest > 0 else {
            return ChartSupport.empty(id: id, title: title, message: noData, width: width)
        }
        let left = 100.0, top = 34.0, row = 34.0
        let plotWidth = width - left - 250
        var marks: [HTML] = []
        for (index, stage) in stages.enumerated() {
            let y = top + Double(index) * row
            let barWidth = plotWidth * Double(stage.count) / Double(widest)
            let ofFirstShare = first.count == 0 ? nil : Double(stage.count) / Double(first.count)
            let previous = index == 0 ? nil : stages[index - 1].count
            let ofPreviousShare = previous.flatMap { $0 == 0 ? nil : Double(stage.count) / Double($0) }
            var note = NumberText.count(stage.count)
            if index > 0, let ofFirstShare { note += " · " + Self.percent(ofFirstShare) + " " + ofFirst }
            if let ofPreviousShare { note += " · " + Self.percent(ofPreviousShare) + " " + ofPrevious }
            marks.append("""
                <g><title>\(stage.label): \(note)</title>\
                <text x="\(ChartSupport.coordinate(left - 6))" y="\(ChartSupport.coordinate(y + row / 2 + 2))" text-anchor="end">\(stage.label)</text>\
                <rect x="\(ChartSupport.coordinate(left + (plotWidth - barWidth) / 2))" y="\(ChartSupport.coordinate(y + 4))" \
                width="\(ChartSupport.coordinate(max(barWidth, 1)))" height="\(ChartSupport.coordinate(row - 8))" fill="\(ChartSupport.colour(index))"/>\
                <text x="\(ChartSupport.coordinate(left + plotWidth + 8))" y="\(ChartSupport.coordinate(y + row / 2 + 2))">\(note)</text></g>
                """)
        }
        let apartTop = top + Double(stages.count) * row + 12
        if !apart.isEmpty {
            marks.append("<line x1=\"\(ChartSupport.coordinate(left))\" x2=\"\(ChartSupport.coordinate(left + plotWidth))\" y1=\"\(ChartSupport.coordinate(apartTop - 6))\" y2=\"\(ChartSupport.coordinate(apartTop - 6))\" stroke=\"#5b6475\" stroke-dasharray=\"4 3\"/>")
        }
        for (index, stage) in apart.enumerated() {
            let y = apartTop + Double(index) * row
            let barWidth = plotWidth * Double(stage.count) / Double(widest)
            let note = NumberText.count(stage.count)
            marks.append("""
                <g><title>\(stage.label): \(note)</title>\
                <text x="\(ChartSupport.coordinate(left - 6))" y="\(ChartSupport.coordinate(y + row / 2 + 2))" text-anchor="end">\(stage.label)</text>\
                <rect x="\(ChartSupport.coordinate(left + (plotWidth - barWidth) / 2))" y="\(ChartSupport.coordinate(y + 4))" \
                width="\(ChartSupport.coordinate(max(barWidth, 1)))" height="\(ChartSupport.coordinate(row - 8))" fill="#8a919e"/>\
                <text x="\(ChartSupport.coordinate(left + plotWidth + 8))" y="\(ChartSupport.coordinate(y + row / 2 + 2))">\(note)</text></g>
                """)
        }
        let height = apartTop + Double(apart.count) * row + (apart.isEmpty ? -2 : 4)
        return ChartSupport.svg(id: id, title: title, width: width, height: height, "\(marks)")
    }

    static func percent(_ share: Double) -> String { NumberText.decimal(share * 100, places: share < 0.1 ? 1 : 0) + " %" }
}
