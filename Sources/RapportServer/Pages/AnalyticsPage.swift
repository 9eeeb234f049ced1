import Foundation
import RapportAnalytics
import RapportCore

/// The analytics of the base: RFM heat map, relational matrix, lifecycle funnel, cohort retention
/// and lifetime value distribution, as of the latest order and the latest analysis.
struct AnalyticsPage {
    let text: Localization
    let entry: InsightsCache.Entry

    var report: AnalysisReport? {
        entry.latestAnalysis.flatMap { try? JSONDecoder().decode(AnalysisReport.self, from: Data($0.reportJSON.utf8)) }
    }

    var body: HTML {
        let insights = entry.insights
        let latest: HTML = entry.latestAnalysis.map { "<p class=\"muted\">\(text(.latestAnalysis, $0.asOf.description))</p>" }
            ?? "<p class=\"muted\">\(text[.noAnalysis])</p>"
        return """
            <p class="muted">\(text(.asOf, insights.asOf))</p>\(latest)
            <div class="charts">
            <figure>\(PageCharts.rfmHeatMap(insights, text: text))</figure>
            <figure>\(PageCharts.relationalMatrix(report, text: text))</figure>
            <figure>\(PageCharts.lifecycleFunnel(insights, text: text))</figure>
            <figure>\(PageCharts.lifetimeValues(insights, text: text))</figure>
            </div>
            <figure>\(PageCharts.cohortRetention(insights, text: text))</figure>
            """
    }
}
