import RapportAnalytics
import RapportCore

/// The base in figures: people, buyers, revenue, orders, average basket, orders per buyer.
struct DashboardPage {
    let text: Localization
    let summary: KnowledgeBaseSummary
    let insights: BaseInsights

    var body: HTML {
        let buyers = summary.oneTimeBuyers + summary.repeatBuyers
        let cards: [(Phrase, String)] = [
            (.people, NumberText.count(summary.customers)),
            (.buyers, NumberText.count(buyers)),
            (.activeCustomers, NumberText.count(insights.activeCustomers)),
            (.orders, NumberText.count(summary.orders)),
            (.revenue, NumberText.money(summary.revenue)),
            (.averageBasket, NumberText.money(summary.orders == 0 ? 0 : summary.revenue / Double(summary.orders))),
            (.purchaseFrequency, NumberText.decimal(buyers == 0 ? 0 : Double(summary.orders) / Double(buyers), places: 2)),
            (.margin, NumberText.money(summary.margin)),
            (.events, NumberText.count(summary.events)),
        ]
        let items: [HTML] = cards.map { phrase, value in
            "<div class=\"card\"><div class=\"value\">\(value)</div><div class=\"label\">\(text[phrase])</div></div>"
        }
        return """
            <section class="cards" aria-label="\(text[.dashboard])">\(items)</section>
            <figure>\(PageCharts.newAndLost(insights, text: text))</figure>
            """
    }
}
