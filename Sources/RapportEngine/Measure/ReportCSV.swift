import Foundation

/// The reports as CSV documents (RFC 4180: a header row, fields quoted when they hold a comma, a
/// quote or a line break; numbers in full precision, empty when undefined), the same from the
/// command line and the pages.
public enum ReportCSV {
    public static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }

    /// One campaign: `metric,value` rows.
    public static func campaign(_ r: CampaignResults) -> String {
        var rows: [[String]] = [
            ["campaign", r.campaign], ["window_days", String(r.windowDays)], ["alpha", String(r.alpha)],
            ["targeted", String(r.targeted)], ["suppressed", String(r.suppressed)], ["global_holdout", String(r.globalHoldout)],
            ["held_out", String(r.heldOut)],
            ["treated", String(r.treated)], ["sent", String(r.sent)], ["failed", String(r.failed)],
        ]
        for kind in ReactionKind.allCases { rows.append([kind.rawValue, String(r.count(kind))]) }
        rows += [
            ["treated_converted", String(r.treatedConverted)], ["control_converted", String(r.controlConverted)],
            ["treated_rate", number(r.conversion.treated.rate)], ["control_rate", number(r.conversion.control.rate)],
            ["uplift", number(r.conversion.difference)], ["uplift_low", number(r.conversion.interval?.lowerBound)],
            ["uplift_high", number(r.conversion.interval?.upperBound)], ["z", number(r.conversion.z)],
            ["p_value", number(r.conversion.pValue)], ["revenue", number(r.revenue)], ["margin", number(r.margin)],
            ["control_revenue", number(r.controlRevenue)], ["cost", number(r.cost)],
            ["incremental_conversions", number(r.incrementalConversions)], ["incremental_revenue", number(r.incrementalRevenue)],
            ["incremental_revenue_low", number(r.incrementalRevenueInterval?.lowerBound)],
            ["incremental_revenue_high", number(r.incrementalRevenueInterval?.upperBound)],
            ["revenue_welch_t", number(r.revenuePerContact.t)], ["revenue_welch_df", number(r.revenuePerContact.degreesOfFreedom)],
            ["revenue_p_value", number(r.revenuePerContact.pValue)], ["incremental_margin", number(r.incrementalMargin)],
            ["roi", number(r.returnOnInvestment)],
        ]
        return document(header: ["metric", "value"], rows: rows)
    }

    public static func kpis(_ timeline: KPITimeline) -> String {
        document(
            header: [
                "month", "active_customers", "new_customers", "lost_customers", "churn_rate", "retention_rate", "orders", "buyers",
                "revenue", "purchase_frequency", "average_basket", "nps", "csat", "ces", "survey_answers", "contacts_sent",
                "customers_contacted", "contacts_per_active_customer", "unsubscribes", "unsubscribe_rate",
            ],
            rows: timeline.months.map { m in
                [
                    m.month, String(m.activeCustomers), String(m.newCustomers), String(m.lostCustomers), number(m.churnRate),
                    number(m.retentionRate), String(m.orders), String(m.buyers), number(m.revenue), number(m.purchaseFrequency),
                    number(m.averageBasket), number(m.nps), number(m.csat), number(m.ces), String(m.answers), String(m.contactsSent),
                    String(m.customersContacted), number(m.contactsPerActiveCustomer), String(m.unsubscribes), number(m.unsubscribeRate),
                ]
            })
    }

    public static func touchpoints(_ map: TouchpointMap) -> String {
        document(
            header: [
                "stage", "channel", "touchpoints", "contacts", "responded", "response_rate", "survey_answers", "satisfaction",
                "complaints", "unsubscribes", "followed_by_order", "repurchase_rate", "repurchase_lift", "irritant", "moment_of_truth",
            ],
            rows: map.cells.map { c in
                [
                    c.stage, c.channel, String(c.touchpoints), String(c.contacts), String(c.responded), number(c.responseRate),
                    String(c.answers), number(c.satisfaction), String(c.complaints), String(c.unsubscribes), String(c.followedByOrder),
                    number(c.repurchaseRate), number(c.repurchaseLift), String(c.isIrritant), String(c.isMomentOfTruth),
                ]
            })
    }

    public static func attribution(_ report: AttributionReport) -> String {
        document(
            header: [
                "campaign", "sent", "responded", "touched_orders", "no_response", "orders_last_touch", "revenue_last_touch",
                "orders_first_touch", "revenue_first_touch", "orders_linear", "revenue_linear",
            ],
            rows: report.campaigns.map { l in
                [l.name, String(l.sent), String(l.responded), String(l.touchedOrders), String(l.noResponse)]
                    + AttributionModel.allCases.flatMap { [number(l.orders[$0] ?? 0), number(l.revenue[$0] ?? 0)] }
            })
    }
}
