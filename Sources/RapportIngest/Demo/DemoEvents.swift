/// Kinds of interaction in events.jsonl.
enum DemoEventType: UInt8, Sendable {
    case webVisit, cartAbandoned, emailOpen, emailClick, complaint, surveyAnswer, returnItem

    var name: StaticString {
        switch self {
        case .webVisit: return "web_visit"
        case .cartAbandoned: return "cart_abandoned"
        case .emailOpen: return "email_open"
        case .emailClick: return "email_click"
        case .complaint: return "complaint"
        case .surveyAnswer: return "survey_answer"
        case .returnItem: return "return"
        }
    }
}

/// Where an order was placed or an interaction happened.
enum DemoChannel: UInt8, Sendable {
    case web, app, store, phone, email

    var name: StaticString {
        switch self {
        case .web: return "web"
        case .app: return "app"
        case .store: return "store"
        case .phone: return "phone"
        case .email: return "email"
        }
    }
}

/// One interaction, compactly: what its properties hold depends on the type (see `DemoEventLog`).
struct DemoEvent: Sendable {
    var at: Int64
    /// Person index, or -(k + 1) for the k-th identifier of nobody.
    var person: Int32
    var type: DemoEventType
    var channel: DemoChannel
    /// Campaign index, or -1.
    var campaign: Int16
    var a: Int32
    var b: Int32
    var c: Int32
}

/// The e-mail campaigns of the period: a newsletter at the start of each month (`NL-2025-03`) and
/// the seasonal operations (January and summer sales, garden, Black Friday, Christmas).
struct DemoCampaigns: Sendable {
    let codes: [String]
    let sendTimes: [Int64]
    /// Page the campaign links to (an index into `DemoEventLog.pages`), or -1 for "the reader's
    /// favourite department".
    let pages: [Int32]

    init(window: DemoWindow, pageOf: (String) -> Int32) {
        var items: [(Int64, String, Int32)] = []
        let first = DemoCalendar.civil(DemoCalendar.floorDiv(window.start, DemoCalendar.secondsPerDay))
        var year = first.year
        var month = first.month
        func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
        while true {
            let days = DemoCalendar.days(year: year, month: month, day: 1)
            if days * DemoCalendar.secondsPerDay > window.end { break }
            let tag = String(year)
            let newsletter = DemoCampaigns.nthWeekday(year, month, weekday: 1, n: 1)
            items.append((newsletter * 86_400 + 7 * 3_600 + 30 * 60, "NL-\(tag)-\(pad2(month))", -1))
            switch month {
            case 1:
                items.append((DemoCampaigns.nthWeekday(year, 1, weekday: 2, n: 2) * 86_400 + 7 * 3_600, "SALES-\(tag)-01", pageOf("/sale")))
            case 4:
                items.append((DemoCampaigns.nthWeekday(year, 4, weekday: 3, n: 1) * 86_400 + 8 * 3_600, "GARDEN-\(tag)", pageOf("/garden")))
            case 6:
                items.append((DemoCampaigns.nthWeekday(year, 6, weekday: 2, n: 4) * 86_400 + 7 * 3_600, "SALES-\(tag)-07", pageOf("/sale")))
            case 11:
                items.append((
                    (DemoCampaigns.nthWeekday(year, 11, weekday: 3, n: 4) + 1) * 86_400 + 6 * 3_600, "BF-\(tag)", pageOf("/sale")
                ))
            case 12:
                items.append((DemoCalendar.days(year: year, month: 12, day: 6) * 86_400 + 7 * 3_600 + 30 * 60, "XMAS-\(tag)", pageOf("/gifts")))
            default: break
            }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        let inside = items.filter { window.contains($0.0) }.sorted { $0.0 < $1.0 }
        codes = inside.map(\.1)
        sendTimes = inside.map(\.0)
        pages = inside.map(\.2)
    }

    /// The day number of the n-th given weekday (0 = Monday) of a month.
    static func nthWeekday(_ year: Int, _ month: Int, weekday: Int, n: Int) -> Int64 {
        let first = DemoCalendar.days(year: year, month: month, day: 1)
        let offset = (weekday - DemoCalendar.weekday(first) + 7) % 7
        return first + Int64(offset + 7 * (n - 1))
    }
}

/// All interactions of the demo, gathered person by person and written in time order.
struct DemoEventLog {
    var events: [DemoEvent] = []

    /// Pages of the site: the departments' then these.
    static let staticPages = ["/", "/sale", "/new-in", "/stores", "/account", "/gift-ideas"]
    static let productPageBase: Int32 = 10_000

    static let complaintReasons = [
        "late_delivery", "damaged_item", "wrong_item", "missing_item", "refund_delay", "product_quality",
        "rude_staff", "website_error",
    ]
    static let returnReasons = ["changed_mind", "damaged", "wrong_size", "not_as_described", "duplicate_gift"]
    static let devices: [StaticString] = ["mobile", "desktop", "tablet"]

    init(capacity: Int) { events.reserveCapacity(capacity) }

    @inline(__always) mutating func add(
        _ type: DemoEventType, person: Int, at: Int64, channel: DemoChannel, campaign: Int = -1,
        a: Int = 0, b: Int = 0, c: Int = 0
    ) {
        events.append(
            DemoEvent(
                at: at, person: Int32(truncatingIfNeeded: person), type: type, channel: channel,
                campaign: Int16(truncatingIfNeeded: campaign), a: Int32(truncatingIfNeeded: a),
                b: Int32(truncatingIfNeeded: b), c: Int32(truncatingIfNeeded: c)))
    }

    /// Writes one event as a JSON object on one line. `orderNumber` maps an order index to its
    /// number in orders.csv; `customer` writes the customer identifier.
    static func write(
        _ event: DemoEvent, id: Int, catalogue: DemoCatalogue, campaigns: DemoCampaigns, pages: [String],
        orderNumber: (Int) -> Int, customer: (Int32, inout DemoText) -> Void, _ out: inout DemoText
    ) {
        out.ascii("{\"event_id\":\"")
        out.identifier(UInt8(ascii: "E"), id, width: 8)
        out.ascii("\",\"customer_id\":\"")
        customer(event.person, &out)
        out.ascii("\",\"type\":\"")
        out.ascii(event.type.name)
        out.ascii("\",\"channel\":\"")
        out.ascii(event.channel.name)
        out.ascii("\",\"at\":\"")
        out.instant(event.at)
        out.ascii("\",\"campaign\":")
        if event.campaign >= 0 {
            out.jsonString(campaigns.codes[Int(event.campaign)])
        } else {
            out.ascii("null")
        }
        out.ascii(",\"properties\":{")
        func page(_ code: Int32) {
            if code >= productPageBase {
                out.ascii("\"/product/")
                out.text(catalogue.products[Int(code - productPageBase)].sku)
                out.byte(34)
            } else {
                out.jsonString(pages[Int(code)])
            }
        }
        switch event.type {
        case .webVisit:
            out.ascii("\"page\":")
            page(event.a)
        case .cartAbandoned:
            out.ascii("\"sku\":")
            out.jsonString(catalogue.products[Int(event.a)].sku)
            out.ascii(",\"value\":")
            out.amount(cents: Int(event.b))
        case .emailOpen:
            out.ascii("\"device\":\"")
            out.ascii(devices[Int(event.a)])
            out.byte(34)
        case .emailClick:
            out.ascii("\"url\":")
            page(event.a)
        case .complaint:
            out.ascii("\"reason\":")
            out.jsonString(complaintReasons[Int(event.a)])
            if event.b >= 0 {
                out.ascii(",\"order_id\":\"")
                out.identifier(UInt8(ascii: "O"), orderNumber(Int(event.b)), width: 7)
                out.byte(34)
            }
        case .surveyAnswer:
            out.ascii(event.a == 0 ? "\"survey\":\"nps\",\"score\":" : "\"survey\":\"csat\",\"score\":")
            out.number(Int(event.b))
        case .returnItem:
            out.ascii("\"order_id\":\"")
            out.identifier(UInt8(ascii: "O"), orderNumber(Int(event.a)), width: 7)
            out.byte(34)
            if event.b >= 0 {
                out.ascii(",\"sku\":")
                out.jsonString(catalogue.products[Int(event.b)].sku)
            }
            out.ascii(",\"reason\":")
            out.jsonString(returnReasons[Int(event.c)])
        }
        out.ascii("}}")
    }
}
