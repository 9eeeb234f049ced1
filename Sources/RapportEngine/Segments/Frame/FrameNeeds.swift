/// What a set of definitions reads, so that a frame loads only those tables and columns.
public struct FrameNeeds: Sendable, Hashable {
    public var fields: Set<SegmentField.Source> = []
    public var orders = false
    public var lines = false
    /// Event types to load.
    public var eventTypes: Set<String> = []
    public var consents = false

    public init() {}

    /// Everything: what an explanation or an interactive session may want.
    public static var everything: FrameNeeds {
        var needs = FrameNeeds()
        needs.fields = Set(SegmentField.builtIn.map(\.source))
        needs.orders = true
        needs.lines = true
        needs.consents = true
        return needs
    }

    public var needsScores: Bool { fields.contains { $0.isScore } }

    public var attributeNames: Set<String> {
        Set(fields.compactMap { if case .attribute(let name) = $0 { name } else { nil } })
    }

    /// Adds what `condition` reads (not what the segments it names read: resolve those separately).
    public mutating func add(_ condition: SegmentCondition) {
        switch condition {
        case .all(let items), .any(let items): items.forEach { add($0) }
        case .not(let inner): add(inner)
        case .field(let name, _):
            if let field = SegmentField.named(name) { fields.insert(field.source) }
        case .purchases(let measure):
            if measure.category != nil || measure.product != nil { lines = true } else { orders = true }
        case .event(let measure):
            eventTypes.insert(measure.type)
            if measure.withoutOrderAfter { orders = true }
        case .consent: consents = true
        case .inSegment: break
        }
    }

    public mutating func formUnion(_ other: FrameNeeds) {
        fields.formUnion(other.fields)
        orders = orders || other.orders
        lines = lines || other.lines
        eventTypes.formUnion(other.eventTypes)
        consents = consents || other.consents
    }
}
