import Foundation
import RapportAnalytics
import RapportCore

/// The charts of the pages, built from the server's figures with the words of the page's language.
enum PageCharts {
    static func count(_ value: Double) -> String { NumberText.count(Int(value.rounded())) }
    static func money(_ value: Double) -> String { NumberText.money(value) }
    static func percent(_ value: Double) -> String { NumberText.decimal(value * 100, places: 0) + " %" }

    /// New and lost customers, month by month (the dashboard).
    static func newAndLost(_ insights: BaseInsights, text: Localization) -> HTML {
        BarChart(
            id: "new-lost", title: text[.newPerMonth], categoryTitle: text[.month], valueTitle: text[.customers],
            categories: insights.months.map { String($0.month.suffix(5)) },
            series: [
                .init(name: text[.newCustomers], values: insights.months.map { Double($0.newCustomers) }),
                .init(name: text[.lostCustomers], values: insights.months.map { Double($0.lostCustomers) }),
            ],
            format: count, noData: text[.noData], width: 720
        ).svg
    }

    /// Customers by recency and frequency score, R 5 on top.
    static func rfmHeatMap(_ insights: BaseInsights, text: Localization) -> HTML {
        let recency = Array((1...5).reversed())
        let values: [[Double?]] = recency.map { r in (1...5).map { f in Double(insights.rfmGrid[r - 1][f - 1].customers) } }
        let spend: [[Double?]] = recency.map { r in (1...5).map { f in insights.rfmGrid[r - 1][f - 1].meanMonetary } }
        let tooltips = Dictionary(
            uniqueKeysWithValues: recency.enumerated().flatMap { row, r in
                (1...5).map { f in ("R\(r)F\(f)", spend[row][f - 1].map { text(.meanSpend, money($0)) } ?? "") }
            })
        return HeatMapChart(
            id: "rfm", title: text[.rfmHeatMap], rowTitle: text[.recencyScore], columnTitle: text[.frequencyScore],
            rows: recency.map { "R \($0)" }, columns: (1...5).map { "F \($0)" }, values: values, format: count,
            tooltip: { row, column, value in
                let key = row.replacingOccurrences(of: " ", with: "") + column.replacingOccurrences(of: " ", with: "")
                let note = tooltips[key].map { $0.isEmpty ? "" : ", " + $0 } ?? ""
                return "\(row) · \(column): \(text(.customersCount, value))\(note)"
            },
            noData: text[.noAnalysis]
        ).svg
    }

    /// Customers by current value tier (rows, high on top) and potential tier (columns).
    static func relationalMatrix(_ report: AnalysisReport?, text: Localization) -> HTML {
        let tiers = Tier.allCases
        let rows = Array(tiers.reversed())
        let values: [[Double?]] = rows.map { value in
            tiers.map { potential in
                report?.matrix.first { $0.value == value && $0.potential == potential }.map { Double($0.customers) }
            }
        }
        let strategies = Dictionary(
            (report?.matrix ?? []).map { ("\($0.value.description)|\($0.potential.description)", $0.strategy.rawValue) },
            uniquingKeysWith: { first, _ in first })
        return HeatMapChart(
            id: "matrix", title: text[.relationalMatrix], rowTitle: text[.valueTier], columnTitle: text[.potentialTier],
            rows: rows.map(\.description), columns: tiers.map(\.description), values: values, format: count,
            tooltip: { row, column, value in
                "\(row) · \(column): \(text(.customersCount, value))" + (strategies["\(row)|\(column)"].map { " → \($0)" } ?? "")
            },
            noData: text[.noAnalysis]
        ).svg
    }

    static func lifecycleFunnel(_ insights: BaseInsights, text: Localization) -> HTML {
        // Dissolution is where customers leave the cycle, not its next step: drawn apart.
        let leaving = Set([LifecycleStage.dissolution.rawValue])
        return FunnelChart(
            id: "lifecycle", title: text[.lifecycleFunnel],
            stages: insights.lifecycle.filter { !leaving.contains($0.stage) }.map { ($0.stage, $0.customers) },
            apart: insights.lifecycle.filter { leaving.contains($0.stage) }.map { ($0.stage, $0.customers) },
            ofFirst: text[.ofFirst], ofPrevious: text[.ofPrevious], noData: text[.noAnalysis]
        ).svg
    }

    static func cohortRetention(_ insights: BaseInsights, text: Localization) -> HTML {
        let cohorts = insights.cohorts.filter { $0.customers > 0 }
        return LineChart(
            id: "cohorts", title: text[.cohortRetention], xTitle: text[.monthsSinceFirstOrder], yTitle: text[.shareBuying],
            labels: (0..<(insights.cohorts.first?.retention.count ?? 0)).map { text(.monthShort, String($0)) },
            // Month 0 is everyone by definition: the curves start at the first month after.
            series: cohorts.map { .init(name: "\($0.month) (\(NumberText.count($0.customers)))", values: [nil] + $0.retention.dropFirst()) },
            format: percent, fixedMaximum: nil, noData: text[.noData], width: 1000, height: 380
        ).svg
    }

    static func lifetimeValues(_ insights: BaseInsights, text: Localization) -> HTML {
        let bins = insights.lifetimeValues
        return BarChart(
            id: "clv", title: text[.lifetimeValueDistribution], categoryTitle: text[.lifetimeValue], valueTitle: text[.customers],
            categories: bins.enumerated().map { index, bin in
                index == bins.count - 1 ? money(bin.lower) + "+" : money(bin.lower) + "–" + money(bin.upper)
            },
            series: [.init(name: text[.customers], values: bins.map { Double($0.customers) })],
            format: count, noData: text[.noAnalysis]
        ).svg
    }

    /// A segment's size at each evaluation, oldest first.
    static func segmentHistory(_ snapshots: [SegmentSnapshot], text: Localization) -> HTML {
        let ordered = snapshots.sorted { $0.at < $1.at }
        return LineChart(
            id: "segment-size", title: text[.segmentHistory], xTitle: text[.evaluated], yTitle: text[.size],
            labels: ordered.map { $0.at.utcDate.description }, series: [.init(name: text[.size], values: ordered.map { Double($0.size) })],
            format: count, fixedMaximum: nil, noData: text[.noSnapshots], width: 720
        ).svg
    }
}
