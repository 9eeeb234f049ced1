import RapportCore
import Testing

@testable import RapportIngest

@Suite("The two-thread write pipeline")
struct WritePipelineTests {
    struct Boom: Error {}

    static func write(_ number: Int) -> StoreWrite {
        .insertCustomer(Customer(externalID: "C\(number)"), fields: .all, fingerprint: 0, id: Int64(number))
    }

    static func number(of write: StoreWrite) -> Int? {
        if case .insertCustomer(_, _, _, let id) = write { return Int(id) }
        return nil
    }

    @Test func deliversEveryWriteInOrder() throws {
        let pipeline = WritePipeline()
        var seen: [Int] = []
        let count = WritePipeline.chunkSize * WritePipeline.capacity * 3 + 7
        try pipeline.run(
            produce: { for i in 0..<count { try pipeline.send(Self.write(i)) } },
            consume: { chunk in seen.append(contentsOf: chunk.compactMap(Self.number(of:))) })
        #expect(seen == Array(0..<count))
    }

    @Test func aFailingWriterStopsTheReaderAndItsErrorComesBack() throws {
        let pipeline = WritePipeline()
        let sent = Counter()
        #expect(throws: Boom.self) {
            try pipeline.run(
                produce: {
                    for i in 0..<10_000_000 {
                        try pipeline.send(Self.write(i))
                        sent.value = i
                    }
                },
                consume: { _ in throw Boom() })
        }
        // The reader stopped long before the end: at most the queue's capacity plus a chunk.
        #expect(sent.value < WritePipeline.chunkSize * (WritePipeline.capacity + 2))
    }

    @Test func aFailingReaderIsRethrownAfterWhatItSentWasConsumed() throws {
        let pipeline = WritePipeline()
        var consumed = 0
        #expect(throws: Boom.self) {
            try pipeline.run(
                produce: {
                    for i in 0..<5000 { try pipeline.send(Self.write(i)) }
                    throw Boom()
                },
                consume: { chunk in consumed += chunk.count })
        }
        // Full chunks already handed over are applied (the transaction then rolls back);
        // the last, partial chunk never leaves the reader.
        #expect(consumed == 5000 / WritePipeline.chunkSize * WritePipeline.chunkSize)
    }
}

/// A value the producer thread writes and the test reads after `run` returned.
final class Counter: @unchecked Sendable {
    var value = 0
}
