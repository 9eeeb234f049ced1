public import RapportCore

/// How a purchase's credit is shared between the contacts that preceded it.
public enum AttributionModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// All to the latest contact before the purchase.
    case lastTouch = "last-touch"
    /// All to the earliest contact within the window.
    case firstTouch = "first-touch"
    /// Equal shares to every contact within the window.
    case linear
}

/// Purchases attributed to the campaigns that reached the customer within a window before them,
/// under the three models side by side, and the contacts that drew no response at all.
///
/// A contact (sent, marketing or transactional) touches an order of its customer placed at or
/// after the sending time and at most `windowDays` later. Cancelled and returned orders are not
/// attributed. A contact with neither a reaction (open, click, answer) nor a touched order is a
/// non-response.
public struct AttributionReport: Sendable, Hashable {
    public struct CampaignLine: Sendable, Hashable {
        public var campaignID: Int64
        public var name: String
        public var sent = 0
        /// Contacts with an open, click or answer.
        public var responded = 0
        /// Contacts that touched at least one order.
        public var touchedOrders = 0
        /// Neither a reaction nor a touched order.
        public var noResponse = 0
        /// Orders (fractions under linear) and revenue credited, per model.
        public var orders: [AttributionModel: Double] = [:]
        public var revenue: [AttributionModel: Double] = [:]
    }

    public var windowDays: Int
    public var campaigns: [CampaignLine]
    /// Orders in the period, and those touched by no contact.
    public var orders = 0
    public var unattributedOrders = 0
    public var revenue = 0.0
    public var unattributedRevenue = 0.0
}

/// Builds an ``AttributionReport`` over the orders placed in `from..<to`.
public struct Attribution {
    public var windowDays: Int

    public init(windowDays: Int = 7) {
        precondition(windowDays > 0)
        self.windowDays = windowDays
    }

    public func report(from: Instant, to: Instant, editor: any RecordEditor) throws -> AttributionReport {
        let window = Int64(windowDays) * 86_400
        let contacts = StoredTable.named("contacts")
        let (campaignColumn, sentColumn) = (contacts.index(of: "campaign_id"), contacts.index(of: "sent_at"))
        var names: [Int64: String] = [:]
        for campaign in try CampaignBook(editor).campaigns() { names[campaign.id] = campaign.definition.name }

        struct Touch {
            var contact: Int64
            var campaign: Int64
            var at: Int64
        }
        var touches: [Int64: [Touch]] = [:]
        var lines: [Int64: AttributionReport.CampaignLine] = [:]
        for row in try editor.rows(
            of: contacts,
            matching: [
                ColumnMatch("status", .text(ContactStatus.sent.rawValue)),
                ColumnMatch("planned_at", .integer(from.secondsSinceEpoch - window - 86_400 * 30), .atLeast),
                ColumnMatch("planned_at", .integer(to.secondsSinceEpoch), .below),
            ])
        {
            guard let customer = row[0].integerValue, let contact = row[1].integerValue, let campaign = row[campaignColumn].integerValue,
                let at = row[sentColumn].integerValue
            else { continue }
            touches[customer, default: []].append(Touch(contact: contact, campaign: campaign, at: at))
            if at >= from.secondsSinceEpoch && at < to.secondsSinceEpoch {
                lines[campaign, default: .init(campaignID: campaign, name: names[campaign] ?? "campaign \(campaign)")].sent += 1
            }
        }
        for key in touches.keys { touches[key]!.sort { ($0.at, $0.contact) < ($1.at, $1.contact) } }

        var responded = Set<Int64>()
        for kind in [ReactionKind.opened, .clicked, .answered] {
            for row in try editor.rows(of: StoredTable.named("responses"), matching: [ColumnMatch("kind", .text(kind.rawValue))]) {
                if let contact = row[1].integerValue { responded.insert(contact) }
            }
        }
        var touched = Set<Int64>()
        var report = AttributionReport(windowDays: windowDays, campaigns: [])
        let orders = StoredTable.named("orders")
        let (placedColumn, statusColumn, totalColumn) = (orders.index(of: "placed_at"), orders.index(of: "status"), orders.index(of: "total"))
        for row in try editor.rows(
            of: orders,
            matching: [
                ColumnMatch("placed_at", .integer(from.secondsSinceEpoch), .atLeast), ColumnMatch("placed_at", .integer(to.secondsSinceEpoch), .below),
            ])
        {
            guard let customer = row[0].integerValue, let placed = row[placedColumn].integerValue,
                row[statusColumn].textValue == OrderStatus.completed.rawValue
            else { continue }
            let total = row[totalColumn].numberValue ?? 0
            report.orders += 1
            report.revenue += total
            let within = (touches[customer] ?? []).filter { $0.at <= placed && placed - $0.at <= window }
            guard let first = within.first, let last = within.last else {
                report.unattributedOrders += 1
                report.unattributedRevenue += total
                continue
            }
            func credit(_ touch: Touch, _ model: AttributionModel, _ share: Double) {
                lines[touch.campaign, default: .init(campaignID: touch.campaign, name: names[touch.campaign] ?? "campaign \(touch.campaign)")]
                    .orders[model, default: 0] += share
                lines[touch.campaign]!.revenue[model, default: 0] += share * total
            }
            credit(last, .lastTouch, 1)
            credit(first, .firstTouch, 1)
            for touch in within {
                credit(touch, .linear, 1 / Double(within.count))
                touched.insert(touch.contact)
            }
        }
        for list in touches.values {
            for touch in list where touch.at >= from.secondsSinceEpoch && touch.at < to.secondsSinceEpoch {
                let isResponse = responded.contains(touch.contact)
                if isResponse { lines[touch.campaign]?.responded += 1 }
                if touched.contains(touch.contact) { lines[touch.campaign]?.touchedOrders += 1 }
                if !isResponse && !touched.contains(touch.contact) { lines[touch.campaign]?.noResponse += 1 }
            }
        }
        report.campaigns = lines.values.sorted { ($0.revenue[.lastTouch] ?? 0, $1.name) > ($1.revenue[.lastTouch] ?? 0, $0.name) }
        return report
    }
}
