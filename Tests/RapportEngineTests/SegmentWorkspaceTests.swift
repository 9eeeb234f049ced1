import RapportCore
import RapportEngine
import Testing

/// Saved segments through the SQLite store: creation, snapshots with entries and exits, static lists,
/// segments that name segments, cycles, explanations and the good-segment checks.
@Suite("Saved segments")
struct SegmentWorkspaceTests {
    @Test
    func snapshotsCountEntriesAndExitsAndNestedSegmentsResolve() throws {
        let fixture = try TargetingFixture(customers: 200, seed: 9)
        defer { fixture.remove() }
        let store = fixture.store
        let now = Instant(secondsSinceEpoch: 1_800_000_000)
        let recent = try store.createSegment(
            SegmentRecord(name: "recent", kind: .dynamic, definition: "orders in last 60 days >= 1", createdAt: now, updatedAt: now))
        #expect(throws: SegmentStoreError.duplicateName("recent")) {
            try store.createSegment(SegmentRecord(name: "recent", kind: .dynamic, definition: "everyone", createdAt: now, updatedAt: now))
        }
        let nested = try store.createSegment(
            SegmentRecord(name: "recent-fr", kind: .dynamic, definition: #"in segment "recent" and country = "FR""#, createdAt: now, updatedAt: now))

        func evaluate(_ record: SegmentRecord, on day: CalendarDate) throws -> [Int64] {
            let definition = try SegmentDefinition.parse(record.definition!)
            let workspace = try SegmentWorkspace.prepare([definition], store: store, today: day)
            return workspace.ids(try workspace.evaluate(definition))
        }
        let early = try evaluate(recent, on: CalendarDate(year: 2025, month: 5, day: 1)!)
        let late = try evaluate(recent, on: TargetingFixture.today)
        let first = try store.saveEvaluation(ofSegment: recent.id, members: early, at: now)
        #expect(first.entries == early.count && first.exits == 0 && first.churn == nil)
        let second = try store.saveEvaluation(ofSegment: recent.id, members: late, at: Instant(secondsSinceEpoch: now.secondsSinceEpoch + 60))
        #expect(second.entries == Set(late).subtracting(early).count)
        #expect(second.exits == Set(early).subtracting(late).count)
        #expect(second.entries > 0 && second.exits > 0)
        #expect(try store.members(ofSegment: recent.id) == late)
        #expect(try store.snapshots(ofSegment: recent.id, limit: 5).map(\.size) == [late.count, early.count])
        #expect(try store.segment(named: "recent")?.size == late.count)

        // The nested segment is the intersection, evaluated on the same day.
        let french = try fixture.store.int64s("SELECT id FROM customers WHERE country = 'FR' ORDER BY id")
        #expect(try evaluate(nested, on: TargetingFixture.today) == late.filter(Set(french).contains))

        // A static list keeps what it was given.
        let list = try store.createSegment(SegmentRecord(name: "list", kind: .static, createdAt: now, updatedAt: now))
        let (found, unknown) = try store.customerIDs(externalIDs: ["C3", "C1", "C999", "C3"])
        #expect(found == [1, 3] && unknown == ["C999"])
        try store.saveEvaluation(ofSegment: list.id, members: found, at: now)
        let workspace = try SegmentWorkspace.prepare([.inSegment("list")], store: store, today: TargetingFixture.today)
        #expect(workspace.ids(try workspace.evaluate(.inSegment("list"))) == [1, 3])

        // Circles and unknown names are refused with the names involved.
        try store.updateSegment(
            SegmentRecord(id: recent.id, name: "recent", kind: .dynamic, definition: #"in segment "recent-fr""#, createdAt: now, updatedAt: now))
        #expect(throws: SegmentEvaluationError.cycle(["recent-fr", "recent", "recent-fr"])) {
            try SegmentWorkspace.prepare([.inSegment("recent-fr")], store: store, today: TargetingFixture.today)
        }
        #expect(throws: SegmentEvaluationError.unknownSegment("nope", referencedBy: nil)) {
            try SegmentWorkspace.prepare([.inSegment("nope")], store: store, today: TargetingFixture.today)
        }
        try store.deleteSegment(named: "list")
        #expect(try store.segment(named: "list") == nil)
        #expect(try store.members(ofSegment: list.id).isEmpty)
    }

    @Test
    func explanationsShowEachConditionAndTheValueItSaw() throws {
        let fixture = try TargetingFixture(customers: 120, seed: 4)
        defer { fixture.remove() }
        let definition = try SegmentParser.parse(#"country = "FR" and (orders in last 90 days >= 1 or not consent email)"#)
        let workspace = try SegmentWorkspace.prepare([definition], store: fixture.store, today: TargetingFixture.today)
        let members = try workspace.evaluate(definition)
        for customer in [members.indexes.first!, members.complement().indexes.first!] {
            let explanation = try SegmentExplanation(definition, customer: customer, workspace: workspace)
            #expect(explanation.holds == members[customer])
            #expect(explanation.lines.map(\.depth) == [0, 1, 1, 2, 2, 3])
            #expect(explanation.lines[1].observed?.hasPrefix("country: ") == true)
            #expect(explanation.lines[3].observed?.contains("completed order") == true)
            #expect(explanation.lines[5].observed?.hasPrefix("email consent: ") == true)
        }
    }

    @Test
    func qualityChecksWarnOnSmallOverlappingUnknownAndMovingSegments() throws {
        let fixture = try TargetingFixture(customers: 150, seed: 5)
        defer { fixture.remove() }
        let definition = try SegmentParser.parse(#"attributes.points > 100"#)
        var needs = FrameNeeds()
        needs.consents = true
        let workspace = try SegmentWorkspace.prepare([definition], store: fixture.store, today: TargetingFixture.today, extraNeeds: needs)
        let members = try workspace.evaluate(definition)
        let quality = SegmentQuality(
            members: members, definition: definition, frame: workspace.frame, others: [("copy", members)],
            snapshots: [SegmentSnapshot(segmentID: 1, at: Instant(secondsSinceEpoch: 0), size: 40, entries: 30, exits: 20)])
        let criteria = Set(quality.warnings.map(\.criterion))
        #expect(criteria == [.substantial, .measurable, .differentiable, .stable])
        #expect(quality.warnings.first { $0.criterion == .measurable }?.message.contains("attributes.points is unknown") == true)
    }
}
