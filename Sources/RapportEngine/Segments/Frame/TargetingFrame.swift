import RapportCore
import RapportAnalytics

/// The knowledge base as columns for segment evaluation, indexed by dense customer index (ascending
/// store id), as of one day: orders and events after it are not loaded. Only the columns a
/// `FrameNeeds` asked for are filled.
public struct TargetingFrame: Sendable {
    public internal(set) var ids: [Int64] = []
    public internal(set) var externalIDs: [String] = []
    /// The evaluation day ("today" of relative dates and windows), as a day number.
    public let today: Int32
    public let needs: FrameNeeds

    var text: [SegmentField.Source: CategoricalColumn] = [:]
    /// Numbers, days (as day numbers) and presence (1) by field; NaN when missing.
    var numbers: [SegmentField.Source: [Double]] = [:]
    /// Tactical targets per customer as bits in `TargetCodes` order; nil before an analysis.
    var targetMasks: [UInt16] = []
    var attributeText: [String: CategoricalColumn] = [:]
    var attributeNumbers: [String: [Double]] = [:]
    var orders = OrderColumns()
    var lines = LineColumns()
    var events = EventColumns()
    /// Latest consent is granted, per channel.
    var consents: [ContactChannel: Bitset] = [:]

    init(today: Int32, needs: FrameNeeds) {
        self.today = today
        self.needs = needs
    }

    public var count: Int { ids.count }

    /// The dense index of the customer with store id `id`, or nil.
    public func index(of id: Int64) -> Int? { ids.position(ofAscending: id) }

    /// The set of the customers with these store ids (ids not in the frame are ignored).
    public func bitset(ofIDs ids: some Sequence<Int64>) -> Bitset {
        var set = Bitset(count: count)
        for id in ids { if let index = index(of: id) { set[index] = true } }
        return set
    }
}

/// Completed orders per customer in compressed-row form: customer `c` owns rows
/// `start[c] ..< start[c + 1]`.
struct OrderColumns: Sendable {
    var start: [Int] = [0]
    var days: [Int32] = []
    var totals: [Double] = []
    /// The latest completed order per customer, seconds since 1970; `Int64.min` when none.
    var lastOrderAt: [Int64] = []
}

/// Lines of completed orders per customer in compressed-row form, grouped by order within a
/// customer so that orders holding a matching line can be counted in one pass.
struct LineColumns: Sendable {
    var start: [Int] = [0]
    var orders: [Int64] = []
    var days: [Int32] = []
    var products = CategoricalColumn()
    var categories = CategoricalColumn()
    var amounts: [Double] = []
}

/// Events of the requested types per customer in compressed-row form.
struct EventColumns: Sendable {
    var start: [Int] = [0]
    var types = CategoricalColumn()
    var times: [Int64] = []
}
