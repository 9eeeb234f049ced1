import RapportAnalytics
import RapportCore
import RapportEngine

/// One campaign's results against its control group: the funnel, the uplift with its interval,
/// money and ROI, per variant; with the CSV of every figure.
struct CampaignResultsPage {
    let text: Localization
    let results: CampaignResults
    let csvPath: String

    static func percent(_ value: Double) -> String { ResultFormat.percent(value) }
    static func points(_ value: Double) -> String { ResultFormat.points(value) }

    static func interval(_ range: ClosedRange<Double>?, _ format: (Double) -> String) -> String {
        ResultFormat.interval(range, missing: "–", format)
    }

    static func pValue(_ value: Double?) -> String { ResultFormat.pValue(value, missing: "–") }

    var body: HTML {
        let r = results
        let funnel: [(Phrase, Int)] = [
            (.targeted, r.targeted), (.treated, r.treated), (.sentContacts, r.sent), (.delivered, r.count(.delivered)),
            (.opened, r.count(.opened)), (.clicked, r.count(.clicked)), (.converted, r.treatedConverted),
        ]
        let chart = BarChart(
            id: "funnel", title: text[.funnel], categoryTitle: "", valueTitle: text[.customersCount],
            categories: funnel.map { text[$0.0] }, series: [.init(name: text[.treated], values: funnel.map { Double($0.1) })],
            format: PageCharts.count, noData: text[.noData]
        ).svg
        let confidence = NumberText.decimal((1 - r.alpha) * 100, places: 0)
        let rows: [(String, String, String)] = [
            (text[.contacts], NumberText.count(r.treated), NumberText.count(r.heldOut)),
            (text[.converted], NumberText.count(r.treatedConverted), NumberText.count(r.controlConverted)),
            (text[.conversionRate], Self.percent(r.conversion.treated.rate), Self.percent(r.conversion.control.rate)),
            (text[.revenue], NumberText.money(r.revenue), NumberText.money(r.controlRevenue)),
            (text[.margin], NumberText.money(r.margin), NumberText.money(r.controlMargin)),
            (text[.cost], NumberText.money(r.cost), "–"),
        ]
        let table: [HTML] = rows.map { "<tr><th>\($0.0)</th><td class=\"number\">\($0.1)</td><td class=\"number\">\($0.2)</td></tr>" }
        let variants: [HTML] = r.variants.map { v in
            """
            <tr><td>\(v.name)</td><td class="number">\(NumberText.count(v.contacts))</td><td class="number">\(NumberText.count(v.converted))</td>\
            <td class="number">\(Self.percent(v.conversionRate))</td><td class="number">\(NumberText.money(v.revenue))</td></tr>
            """
        }
        let uplift: HTML =
            r.heldOut == 0
            ? "<p class=\"muted\">\(text[.noControlGroup])</p>"
            : """
                <ul>
                <li>\(text[.uplift]): \(Self.points(r.conversion.difference)) points, \(confidence) % \(text[.interval]) \
                \(Self.interval(r.conversion.interval, Self.points)) (Newcombe), p = \(Self.pValue(r.conversion.pValue))</li>
                <li>\(text[.incrementalRevenue]): \(NumberText.money(r.incrementalRevenue)) \
                \(Self.interval(r.incrementalRevenueInterval, NumberText.money)) (Welch, p = \(Self.pValue(r.revenuePerContact.pValue)))</li>
                <li>\(text[.incrementalMargin]): \(NumberText.money(r.incrementalMargin)); ROI \
                \(r.returnOnInvestment.map { NumberText.decimal($0 * 100) + " %" } ?? "–")</li>
                </ul>
                """
        let variantTable: HTML =
            variants.isEmpty
            ? ""
            : """
                <h2>\(text[.byVariant])</h2>
                <table><thead><tr><th>\(text[.name])</th><th class="number">\(text[.contacts])</th><th class="number">\(text[.converted])</th>\
                <th class="number">\(text[.conversionRate])</th><th class="number">\(text[.revenue])</th></tr></thead><tbody>\(variants)</tbody></table>
                """
        return """
            <p>\(text(.resultsWindow, String(r.windowDays))) · <a href="\(csvPath)">\(text[.downloadCSV])</a></p>
            \(chart)
            <h2>\(text[.treatedAgainstControl])</h2>
            <table><thead><tr><th></th><th class="number">\(text[.treated])</th><th class="number">\(text[.control])</th></tr></thead>\
            <tbody>\(table)</tbody></table>
            \(uplift)
            \(variantTable)
            """
    }
}

/// The base's key figures by month, as charts and a table, with the CSV.
struct KPIPage {
    let text: Localization
    let timeline: KPITimeline

    var body: HTML {
        let labels = timeline.months.map(\.month)
        let months = timeline.months
        let charts: [HTML] = [
            LineChart(
                id: "active", title: text[.activeCustomers], xTitle: text[.month], yTitle: text[.customersCount], labels: labels,
                series: [
                    .init(name: text[.activeCustomers], values: months.map { Double($0.activeCustomers) }),
                    .init(name: text[.newCustomers], values: months.map { Double($0.newCustomers) }),
                    .init(name: text[.lostCustomers], values: months.map { Double($0.lostCustomers) }),
                ], format: PageCharts.count, fixedMaximum: nil, noData: text[.noData]
            ).svg,
            LineChart(
                id: "churn", title: text[.churnAndRetention], xTitle: text[.month], yTitle: "%", labels: labels,
                series: [.init(name: text[.churn], values: months.map(\.churnRate))], format: PageCharts.percent, fixedMaximum: nil,
                noData: text[.noData]
            ).svg,
            LineChart(
                id: "satisfaction", title: text[.satisfactionScores], xTitle: text[.month], yTitle: "", labels: labels,
                series: [.init(name: "NPS", values: months.map(\.nps)), .init(name: "CSAT %", values: months.map(\.csat))],
                format: { NumberText.decimal($0, places: 0) }, fixedMaximum: nil, noData: text[.noData]
            ).svg,
            LineChart(
                id: "pressure", title: text[.contactPressure], xTitle: text[.month], yTitle: "", labels: labels,
                series: [
                    .init(name: text[.contactsPerCustomer], values: months.map(\.contactsPerContactedCustomer)),
                    .init(name: text[.unsubscribes], values: months.map { Double($0.unsubscribes) }),
                ], format: { NumberText.decimal($0, places: 1) }, fixedMaximum: nil, noData: text[.noData]
            ).svg,
        ]
        func optional(_ value: Double?, _ format: (Double) -> String) -> String { value.map(format) ?? "–" }
        let rows: [HTML] = months.map { m in
            """
            <tr><td>\(m.month)</td><td class="number">\(NumberText.count(m.activeCustomers))</td>\
            <td class="number">\(NumberText.count(m.newCustomers))</td><td class="number">\(NumberText.count(m.lostCustomers))</td>\
            <td class="number">\(optional(m.churnRate, PageCharts.percent))</td><td class="number">\(NumberText.count(m.orders))</td>\
            <td class="number">\(optional(m.purchaseFrequency) { NumberText.decimal($0, places: 2) })</td>\
            <td class="number">\(optional(m.averageBasket, NumberText.money))</td>\
            <td class="number">\(optional(m.nps) { NumberText.decimal($0, places: 0) })</td>\
            <td class="number">\(optional(m.csat) { NumberText.decimal($0, places: 0) + " %" })</td>\
            <td class="number">\(optional(m.ces) { NumberText.decimal($0, places: 1) })</td>\
            <td class="number">\(optional(m.contactsPerContactedCustomer) { NumberText.decimal($0, places: 2) })</td>\
            <td class="number">\(NumberText.count(m.unsubscribes))</td></tr>
            """
        }
        return """
            <p><a href="/reports/kpis.csv">\(text[.downloadCSV])</a> · <a href="/reports/touchpoints">\(text[.touchpointMap])</a> · \
            <a href="/reports/attribution">\(text[.attributionReport])</a></p>
            <div class="charts">\(charts)</div>
            <table><thead><tr><th>\(text[.month])</th><th class="number">\(text[.activeCustomers])</th>\
            <th class="number">\(text[.newCustomers])</th><th class="number">\(text[.lostCustomers])</th><th class="number">\(text[.churn])</th>\
            <th class="number">\(text[.orders])</th><th class="number">\(text[.purchaseFrequency])</th><th class="number">\(text[.averageBasket])</th>\
            <th class="number">NPS</th><th class="number">CSAT</th><th class="number">CES</th>\
            <th class="number">\(text[.contactsPerCustomer])</th><th class="number">\(text[.unsubscribes])</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }
}

/// Stages × channels, each cell with its figures and flags, with the CSV.
struct TouchpointPage {
    let text: Localization
    let map: TouchpointMap

    var body: HTML {
        guard !map.cells.isEmpty else { return "<p class=\"muted\">\(text[.noData])</p>" }
        let header: [HTML] = map.channels.map { "<th>\($0)</th>" }
        let rows: [HTML] = map.stages.map { stage in
            let cells: [HTML] = map.channels.map { channel in
                guard let cell = map.cell(stage, channel) else { return "<td></td>" }
                let flag: HTML =
                    cell.isIrritant
                    ? "<strong class=\"irritant\">\(text[.irritant])</strong><br>"
                    : cell.isMomentOfTruth ? "<strong class=\"moment\">\(text[.momentOfTruth])</strong><br>" : ""
                let satisfaction: HTML = cell.satisfaction.map { "<br>\(text[.satisfaction]) \(NumberText.decimal($0, places: 2)) (\(cell.answers))" } ?? ""
                let response: HTML = cell.responseRate.map { "<br>\(text[.responseRate]) \(PageCharts.percent($0))" } ?? ""
                let trouble: HTML =
                    cell.complaints + cell.unsubscribes > 0
                    ? "<br>\(text[.complaintsShort]) \(cell.complaints) · \(text[.unsubscribes]) \(cell.unsubscribes)" : ""
                let css = cell.isIrritant ? "irritant" : cell.isMomentOfTruth ? "moment" : ""
                return """
                    <td class="\(css)">\(flag)\(NumberText.count(cell.touchpoints)) \(text[.touchpoints])\(response)\(satisfaction)\(trouble)\
                    <br>\(text[.repurchase]) \(cell.repurchaseRate.map(PageCharts.percent) ?? "–")</td>
                    """
            }
            return "<tr><th>\(stage)</th>\(cells)</tr>"
        }
        return """
            <p>\(text[.touchpointRules]) · <a href="/reports/touchpoints.csv">\(text[.downloadCSV])</a></p>
            <table class="touchpoints"><thead><tr><th>\(text[.stage])</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}

/// Orders attributed to campaigns under three models, with non-response; with the CSV.
struct AttributionPage {
    let text: Localization
    let report: AttributionReport

    var body: HTML {
        let rows: [HTML] = report.campaigns.map { line in
            let revenue: [HTML] = AttributionModel.allCases.map { "<td class=\"number\">\(NumberText.money(line.revenue[$0] ?? 0))</td>" }
            return """
                <tr><td>\(line.name)</td><td class="number">\(NumberText.count(line.sent))</td>\
                <td class="number">\(NumberText.count(line.responded))</td><td class="number">\(NumberText.count(line.noResponse))</td>\(revenue)</tr>
                """
        }
        return """
            <p>\(text(.attributionSummary, String(report.windowDays), NumberText.count(report.orders), NumberText.count(report.unattributedOrders))) · \
            <a href="/reports/attribution.csv">\(text[.downloadCSV])</a></p>
            <table><thead><tr><th>\(text[.campaign])</th><th class="number">\(text[.sentContacts])</th>\
            <th class="number">\(text[.responded])</th><th class="number">\(text[.noResponse])</th>\
            <th class="number">\(text[.lastTouch])</th><th class="number">\(text[.firstTouch])</th><th class="number">\(text[.linear])</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }
}
