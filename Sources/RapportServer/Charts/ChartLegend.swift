/// A row of coloured keys naming the series of a chart.
enum ChartLegend {
    static func row(_ names: [String], x: Double, y: Double, firstColour: Int = 0) -> HTML {
        var offset = x
        var keys: [HTML] = []
        for (index, name) in names.enumerated() {
            keys.append("""
                <rect x="\(ChartSupport.coordinate(offset))" y="\(ChartSupport.coordinate(y - 9))" width="10" height="10" fill="\(ChartSupport.colour(firstColour + index))"/>\
                <text x="\(ChartSupport.coordinate(offset + 14))" y="\(ChartSupport.coordinate(y))">\(name)</text>
                """)
            offset += 24 + Double(name.count) * 6.2
        }
        return "<g class=\"legend\">\(keys)</g>"
    }
}
