import RapportAnalytics
public import RapportCore

/// Reads one campaign's contacts, their reactions and the orders that followed, and computes
/// ``CampaignResults``. Reads go through the caller's ``RecordEditor``: the contacts of the
/// campaign, its responses, and the orders placed between its first contact and the end of the
/// last window.
public struct CampaignMeasurement {
    static let contacts = StoredTable.named("contacts")
    static let responses = StoredTable.named("responses")
    static let orders = StoredTable.named("orders")

    public var windowDays: Int
    public var alpha: Double

    public init(windowDays: Int = 14, alpha: Double = 0.05) {
        precondition(windowDays > 0 && alpha > 0 && alpha < 1)
        self.windowDays = windowDays
        self.alpha = alpha
    }

    public func results(of campaign: StoredCampaign, editor: any RecordEditor) throws -> CampaignResults {
        struct Measured {
            var customer: Int64
            var contact: Int64
            var start: Int64
            var isControl: Bool
            var variant: String?
        }
        var measured: [Measured] = []
        var results = CampaignResults(
            campaign: campaign.definition.name, windowDays: windowDays, alpha: alpha,
            conversion: ProportionComparison(treated: .init(successes: 0, trials: 0), control: .init(successes: 0, trials: 0)),
            revenuePerContact: WelchTest(treated: SampleMoments(), control: SampleMoments()),
            marginPerContact: WelchTest(treated: SampleMoments(), control: SampleMoments()))
        // A campaign that holds most contacts is read by scanning the table in key order, which is
        // several times faster than as many lookups through the campaign index (measured: 0.11 s
        // against 0.52 s for a million); a small one through the index.
        var targetedByCampaign: [Int64: Int] = [:]
        for row in try editor.rows(of: StoredTable.named("campaign_waves"), matching: []) {
            if let id = row[0].integerValue { targetedByCampaign[id, default: 0] += Int(row[4].integerValue ?? 0) }
        }
        let allTargeted = targetedByCampaign.values.reduce(0, +)
        let scansWholeTables = allTargeted > 0 && Double(targetedByCampaign[campaign.id] ?? 0) > 0.25 * Double(allTargeted)
        let campaignMatch = scansWholeTables ? [] : [ColumnMatch("campaign_id", .integer(campaign.id))]
        let campaignValue = StoredValue.integer(campaign.id)
        try editor.scanRows(
            of: Self.contacts, columns: ["customer_id", "id", "status", "rule", "planned_at", "sent_at", "cost", "variant", "campaign_id"],
            matching: campaignMatch
        ) { row in
            guard row[8] == campaignValue else { return }
            results.targeted += 1
            guard let status = row[2].textValue.flatMap(ContactStatus.init(rawValue:)), let customer = row[0].integerValue,
                let contact = row[1].integerValue
            else { return }
            let planned = row[4].integerValue ?? 0
            switch status {
            case .suppressed:
                results.suppressed += 1
            case .control:
                // The global holdout was drawn before the arbitration: not comparable with kept contacts.
                guard row[3].textValue != "global holdout" else {
                    results.globalHoldout += 1
                    return
                }
                results.heldOut += 1
                measured.append(Measured(customer: customer, contact: contact, start: planned, isControl: true))
            case .planned, .queued, .sent, .failed:
                results.treated += 1
                if status == .sent { results.sent += 1 }
                if status == .failed { results.failed += 1 } else { results.cost += row[6].numberValue ?? 0 }
                let start = status == .sent ? row[5].integerValue ?? planned : planned
                measured.append(Measured(customer: customer, contact: contact, start: start, isControl: false, variant: row[7].textValue))
            }
        }
        var reacted: [ReactionKind: Set<Int64>] = [:]
        try editor.scanRows(of: Self.responses, columns: ["contact_id", "kind", "campaign_id"], matching: campaignMatch) { row in
            guard row[2] == campaignValue, let contact = row[0].integerValue, let kind = row[1].textValue.flatMap(ReactionKind.init(rawValue:)) else { return }
            reacted[kind, default: []].insert(contact)
        }
        results.reactions = reacted.mapValues(\.count)

        let window = Int64(windowDays) * 86_400
        var ordersByCustomer: [Int64: [(at: Int64, total: Double, margin: Double)]] = [:]
        if let first = measured.lazy.map(\.start).min(), let last = measured.lazy.map(\.start).max() {
            let wanted = Set(measured.lazy.map(\.customer))
            try editor.scanRows(
                of: Self.orders, columns: ["customer_id", "placed_at", "status", "total", "margin"],
                matching: [ColumnMatch("placed_at", .integer(first), .atLeast), ColumnMatch("placed_at", .integer(last + window + 1), .below)]
            ) { row in
                guard let customer = row[0].integerValue, wanted.contains(customer), row[2].textValue != OrderStatus.cancelled.rawValue,
                    row[2].textValue != OrderStatus.returned.rawValue, let at = row[1].integerValue
                else { return }
                ordersByCustomer[customer, default: []].append((at, row[3].numberValue ?? 0, row[4].numberValue ?? 0))
            }
        }
        var treatedRevenue = SampleMoments(), controlRevenue = SampleMoments()
        var treatedMargin = SampleMoments(), controlMargin = SampleMoments()
        var variants: [String: CampaignResults.VariantResult] = [:]
        for contact in measured {
            var revenue = 0.0, margin = 0.0, converted = false
            for order in ordersByCustomer[contact.customer] ?? [] where order.at >= contact.start && order.at <= contact.start + window {
                converted = true
                revenue += order.total
                margin += order.margin
            }
            if contact.isControl {
                if converted { results.controlConverted += 1 }
                results.controlRevenue += revenue
                results.controlMargin += margin
                controlRevenue.add(revenue)
                controlMargin.add(margin)
            } else {
                if converted { results.treatedConverted += 1 }
                results.revenue += revenue
                results.margin += margin
                treatedRevenue.add(revenue)
                treatedMargin.add(margin)
                if let name = contact.variant {
                    variants[name, default: .init(name: name, contacts: 0, converted: 0, revenue: 0)].contacts += 1
                    if converted { variants[name]!.converted += 1 }
                    variants[name]!.revenue += revenue
                }
            }
        }
        results.conversion = ProportionComparison(
            treated: Proportion(successes: results.treatedConverted, trials: results.treated),
            control: Proportion(successes: results.controlConverted, trials: results.heldOut), alpha: alpha)
        results.revenuePerContact = WelchTest(treated: treatedRevenue, control: controlRevenue, alpha: alpha)
        results.marginPerContact = WelchTest(treated: treatedMargin, control: controlMargin, alpha: alpha)
        results.variants = variants.values.sorted { $0.name < $1.name }
        return results
    }
}
