import Foundation

/// An arbitration problem as files, so that a reference solver (scipy's MILP, in
/// `scripts/bench/arbitration_reference.py`) can solve exactly what Rapport solved, and a generated
/// problem can be replayed (`rapport campaign arbitrate DIR`): `problem.json` holds the rules,
/// offers and resources; each array is a little-endian binary file named after it
/// (`candidate_time.i64`…); `kept.u8` holds a solution, one byte per candidate.
extension ArbitrationProblem {
    struct Header: Codable {
        struct CapEntry: Codable {
            var limit: Int
            var window: Int64
            var channel: Int?
        }

        struct OfferEntry: Codable {
            var message: Int32
            var priority: Double
            var cost: Double
            var budget: Int32?
        }

        var customers: Int
        var candidates: Int
        var history: Int
        var caps: [CapEntry]
        var minimumGap: Int64
        var uniquenessWindow: Int64
        var offers: [OfferEntry]
        var capacityLeft: [Int]
        var budgetLeft: [Double]
    }

    /// Writes the problem (and `kept`, one flag per candidate, when given) into `directory`,
    /// created if needed.
    public func write(to directory: String, kept: [Bool]? = nil) throws {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let header = Header(
            customers: customerCount, candidates: candidateCount, history: historyTime.count,
            caps: caps.map { .init(limit: $0.limit, window: $0.window, channel: $0.channel.map(Int.init)) },
            minimumGap: minimumGap, uniquenessWindow: uniquenessWindow,
            offers: offers.map { .init(message: $0.message, priority: $0.priority, cost: $0.cost, budget: $0.budget) },
            capacityLeft: capacityLeft, budgetLeft: budgetLeft)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(header).write(to: url.appendingPathComponent("problem.json"))
        func save<T>(_ values: [T], _ name: String) throws {
            try values.withUnsafeBytes { Data($0) }.write(to: url.appendingPathComponent(name))
        }
        try save(candidateStart.map(Int64.init), "candidate_start.i64")
        try save(candidateOffer, "candidate_offer.i32")
        try save(candidateChannel, "candidate_channel.u8")
        try save(candidateTime, "candidate_time.i64")
        try save(candidateValue, "candidate_value.f64")
        try save(candidateCapacity, "candidate_capacity.i32")
        try save(historyStart.map(Int64.init), "history_start.i64")
        try save(historyTime, "history_time.i64")
        try save(historyChannel, "history_channel.u8")
        try save(historyMessage, "history_message.i32")
        if let kept { try Self.writeSolution(kept, to: directory) }
    }

    /// Writes a solution, one flag per candidate, as `kept.u8` in `directory`.
    public static func writeSolution(_ kept: [Bool], to directory: String) throws {
        let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent("kept.u8")
        try kept.map { $0 ? UInt8(1) : 0 }.withUnsafeBytes { Data($0) }.write(to: url)
    }

    /// Reads a problem written by ``write(to:kept:)`` or by a generator of the same format.
    public static func read(from directory: String) throws -> ArbitrationProblem {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        let header = try JSONDecoder().decode(Header.self, from: Data(contentsOf: url.appendingPathComponent("problem.json")))
        func load<T>(_ name: String, as: T.Type, count: Int) throws -> [T] {
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            guard data.count == count * MemoryLayout<T>.stride else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.appendingPathComponent(name).path])
            }
            return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        }
        var problem = ArbitrationProblem()
        problem.caps = header.caps.map { Cap(limit: $0.limit, window: $0.window, channel: $0.channel.map(UInt8.init)) }
        problem.minimumGap = header.minimumGap
        problem.uniquenessWindow = header.uniquenessWindow
        problem.offers = header.offers.map { Offer(message: $0.message, priority: $0.priority, cost: $0.cost, budget: $0.budget) }
        problem.capacityLeft = header.capacityLeft
        problem.budgetLeft = header.budgetLeft
        problem.candidateStart = try load("candidate_start.i64", as: Int64.self, count: header.customers + 1).map(Int.init)
        problem.candidateOffer = try load("candidate_offer.i32", as: Int32.self, count: header.candidates)
        problem.candidateChannel = try load("candidate_channel.u8", as: UInt8.self, count: header.candidates)
        problem.candidateTime = try load("candidate_time.i64", as: Int64.self, count: header.candidates)
        problem.candidateValue = try load("candidate_value.f64", as: Double.self, count: header.candidates)
        problem.candidateCapacity = try load("candidate_capacity.i32", as: Int32.self, count: header.candidates)
        problem.historyStart = try load("history_start.i64", as: Int64.self, count: header.customers + 1).map(Int.init)
        problem.historyTime = try load("history_time.i64", as: Int64.self, count: header.history)
        problem.historyChannel = try load("history_channel.u8", as: UInt8.self, count: header.history)
        problem.historyMessage = try load("history_message.i32", as: Int32.self, count: header.history)
        return problem
    }
}
