import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: TargetingStore {
    public func scanProfiles(_ body: (ProfileFact) throws -> Void) throws {
        try PostgresTargetingReader(store: self).scanProfiles(body)
    }

    public func scanScores(_ body: (CustomerScores) throws -> Void) throws {
        try PostgresTargetingReader(store: self).scanScores(body)
    }

    public func scanOrderLines(before end: Instant?, _ body: (OrderLineFact) throws -> Void) throws {
        try PostgresTargetingReader(store: self).scanOrderLines(before: end, body)
    }

    public func scanEvents(types: Set<String>?, before end: Instant?, _ body: (EventFact) throws -> Void) throws {
        try PostgresTargetingReader(store: self).scanEvents(types: types, before: end, body)
    }

    public func scanConsents(before end: Instant?, _ body: (ConsentFact) throws -> Void) throws {
        try PostgresTargetingReader(store: self).scanConsents(before: end, body)
    }

    /// By sku in byte order (`COLLATE "C"`), as SQLite sorts text.
    public func products() throws -> [ProductFact] {
        try rows("SELECT sku, name, category, price FROM products ORDER BY sku COLLATE \"C\"") { row in
            let (sku, name, category, price) = try row.decode((String, String, String?, Double?).self)
            return ProductFact(sku: sku, name: name, category: category, price: price)
        }
    }
}
