import Testing

@testable import RapportServer

/// The SVG charts: escaped, titled per mark, round ticks, empty and broken data handled.
@Suite("SVG charts")
struct ChartTests {
    func count(_ text: String, _ part: String) -> Int { text.components(separatedBy: part).count - 1 }

    @Test func ticksAreRoundSteps() {
        #expect(ChartSupport.ticks(upTo: 937) == [0, 200, 400, 600, 800, 1000])
        #expect(ChartSupport.ticks(upTo: 0.26).count == 4, "0, 0.1, 0.2, 0.3")
        #expect(ChartSupport.ticks(upTo: 0) == [0, 1])
        #expect(ChartSupport.coordinate(12.345) == "12.35")
        #expect(ChartSupport.coordinate(-0.5) == "-0.5")
        #expect(ChartSupport.coordinate(3) == "3")
        #expect(ChartSupport.coordinate(.nan) == "0")
    }

    @Test func aHeatMapHasOneTitledCellPerValueAndEscapesLabels() {
        let chart = HeatMapChart(
            id: "h", title: "Grid <script>", rowTitle: "rows", columnTitle: "columns", rows: ["a", "<b>\"&"], columns: ["x", "y", "z"],
            values: [[1, 2, 3], [4, nil, .nan]], format: { String(Int($0)) }, noData: "none"
        ).svg.rendered
        #expect(count(chart, "<rect x=") - 8 == 4, "four finite cells besides the eight legend keys")
        #expect(count(chart, "<title") == 1 + 4)
        #expect(chart.contains("&lt;b&gt;&quot;&amp;"))
        #expect(!chart.contains("<script>"))
    }

    @Test func emptyDataSaysSo() {
        let bars = BarChart(
            id: "b", title: "t", categoryTitle: "c", valueTitle: "v", categories: [], series: [], format: { "\($0)" }, noData: "Nothing yet"
        ).svg.rendered
        #expect(bars.contains("Nothing yet"))
        let funnel = FunnelChart(id: "f", title: "t", stages: [("a", 0)], ofFirst: "of first", ofPrevious: "of previous", noData: "Nothing").svg.rendered
        #expect(funnel.contains("Nothing"))
    }

    @Test func barsCarryTheirValueAndALegendForSeveralSeries() {
        let chart = BarChart(
            id: "b", title: "t", categoryTitle: "c", valueTitle: "v", categories: ["Jan", "Feb"],
            series: [.init(name: "new", values: [3, 5]), .init(name: "lost", values: [1, 2])], format: { String(Int($0)) },
            noData: "none"
        ).svg.rendered
        #expect(chart.contains("<title>Feb · lost: 2</title>"))
        #expect(chart.contains("class=\"legend\""))
    }

    @Test func aFunnelGivesSharesOfTheFirstAndPreviousStages() {
        let chart = FunnelChart(
            id: "f", title: "t", stages: [("seen", 200), ("bought", 50)], apart: [("left", 30)], ofFirst: "of first",
            ofPrevious: "of previous", noData: "none"
        ).svg.rendered
        #expect(chart.contains("bought: 50 · 25 % of first · 25 % of previous"))
        #expect(chart.contains("<title>left: 30</title>"))
    }

    @Test func aLineBreaksWhereAValueIsMissing() {
        let chart = LineChart(
            id: "l", title: "t", xTitle: "x", yTitle: "y", labels: ["0", "1", "2", "3", "4"],
            series: [.init(name: "s", values: [1, 2, nil, 3, 4])], format: { "\($0)" }, fixedMaximum: nil, noData: "none"
        ).svg.rendered
        #expect(count(chart, "<polyline") == 2)
        #expect(count(chart, "<circle") == 4)
    }

    @Test func theSameFiguresDrawTheSameBytes() {
        func draw() -> String {
            LineChart(
                id: "l", title: "t", xTitle: "x", yTitle: "y", labels: ["a", "b"], series: [.init(name: "s", values: [0.1, 0.25])],
                format: { "\($0)" }, fixedMaximum: 1, noData: "none"
            ).svg.rendered
        }
        #expect(draw() == draw())
    }
}
