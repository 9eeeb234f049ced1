import Foundation
public import RapportCore

/// Where a campaign is in its life: drafted, waiting for its waves (scheduled), stopped for a while
/// (paused) or finished (done: every wave decided).
public enum CampaignStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, scheduled, paused, done
}

/// A programme as stored.
public struct StoredProgramme: Sendable, Hashable {
    public var id: Int64
    public var programme: Programme
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// A campaign as stored.
public struct StoredCampaign: Sendable, Hashable {
    public var id: Int64
    public var definition: CampaignDefinition
    public var programmeID: Int64?
    public var status: CampaignStatus
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Programmes, campaigns and the pressure policy, read and written through a ``RecordEditor``:
/// one implementation for every store.
public struct CampaignBook {
    static let programmesTable = StoredTable.named("programmes")
    static let campaignsTable = StoredTable.named("campaigns")
    static let wavesTable = StoredTable.named("campaign_waves")
    static let settingsTable = StoredTable.named("settings")
    static let policyKey = "pressure_policy"

    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    // MARK: Programmes

    public func programmes() throws -> [StoredProgramme] {
        try editor.rows(of: Self.programmesTable, matching: []).map(Self.programme)
    }

    public func programme(named name: String) throws -> StoredProgramme? {
        try editor.rows(of: Self.programmesTable, matching: [ColumnMatch("name", .text(name))]).first.map(Self.programme)
    }

    /// Creates the programme, or replaces the one of the same name. Refuses a programme with problems.
    @discardableResult
    public func save(_ programme: Programme, at now: Instant) throws -> StoredProgramme {
        let problems = programme.problems()
        guard problems.isEmpty else { throw InteractError.invalidDefinition(source: "programme \"\(programme.name)\"", problems: problems) }
        let json = StoredValue.text(try Self.json(programme))
        if let existing = try self.programme(named: programme.name) {
            try editor.update(
                Self.programmesTable, setting: [ColumnMatch("definition", json), ColumnMatch("updated_at", .integer(now.secondsSinceEpoch))],
                matching: [ColumnMatch("id", .integer(existing.id))])
            return StoredProgramme(id: existing.id, programme: programme, createdAt: existing.createdAt, updatedAt: now)
        }
        let id = try editor.nextID(of: Self.programmesTable)
        try editor.insert(
            [.integer(id), .text(programme.name), json, .integer(now.secondsSinceEpoch), .integer(now.secondsSinceEpoch)],
            into: Self.programmesTable, ignoringConflicts: false)
        return StoredProgramme(id: id, programme: programme, createdAt: now, updatedAt: now)
    }

    private static func programme(_ row: [StoredValue]) throws -> StoredProgramme {
        let name = row[1].textValue ?? ""
        do {
            let programme = try JSONDecoder().decode(Programme.self, from: Data((row[2].textValue ?? "{}").utf8))
            return StoredProgramme(
                id: row[0].integerValue ?? 0, programme: programme,
                createdAt: Instant(secondsSinceEpoch: row[3].integerValue ?? 0),
                updatedAt: Instant(secondsSinceEpoch: row[4].integerValue ?? 0))
        } catch {
            throw InteractError.unreadableStoredDefinition(what: "programme \"\(name)\"", reason: "\(error)")
        }
    }

    // MARK: Campaigns

    public func campaigns() throws -> [StoredCampaign] {
        try editor.rows(of: Self.campaignsTable, matching: []).map(Self.campaign)
    }

    public func campaign(named name: String) throws -> StoredCampaign {
        guard let row = try editor.rows(of: Self.campaignsTable, matching: [ColumnMatch("name", .text(name))]).first else {
            throw InteractError.unknownCampaign(name)
        }
        return try Self.campaign(row)
    }

    /// Creates the campaign as a draft, or replaces the definition of a draft or paused one of the
    /// same name. Refuses a definition with problems or naming an unknown programme.
    @discardableResult
    public func save(_ definition: CampaignDefinition, source: String, at now: Instant) throws -> StoredCampaign {
        let problems = definition.problems()
        guard problems.isEmpty else { throw InteractError.invalidDefinition(source: source, problems: problems) }
        var programmeID: Int64?
        if let name = definition.programme {
            guard let programme = try programme(named: name) else { throw InteractError.unknownProgramme(name) }
            programmeID = programme.id
        }
        let json = StoredValue.text(try Self.json(definition))
        let programmeValue = programmeID.map(StoredValue.integer) ?? .null
        if let existing = try? campaign(named: definition.name) {
            guard existing.status == .draft || existing.status == .paused else {
                throw InteractError.notEditable(campaign: definition.name, status: existing.status.rawValue)
            }
            try editor.update(
                Self.campaignsTable,
                setting: [
                    ColumnMatch("definition", json), ColumnMatch("programme_id", programmeValue),
                    ColumnMatch("updated_at", .integer(now.secondsSinceEpoch)),
                ],
                matching: [ColumnMatch("id", .integer(existing.id))])
            return StoredCampaign(
                id: existing.id, definition: definition, programmeID: programmeID, status: existing.status,
                createdAt: existing.createdAt, updatedAt: now)
        }
        let id = try editor.nextID(of: Self.campaignsTable)
        try editor.insert(
            [
                .integer(id), .text(definition.name), programmeValue, .text(CampaignStatus.draft.rawValue), json,
                .integer(now.secondsSinceEpoch), .integer(now.secondsSinceEpoch),
            ], into: Self.campaignsTable, ignoringConflicts: false)
        return StoredCampaign(
            id: id, definition: definition, programmeID: programmeID, status: .draft, createdAt: now, updatedAt: now)
    }

    /// Moves a campaign to `status`: draft or paused to scheduled, scheduled to paused, any but
    /// done to done (cancelled by hand); the planner sets done when every wave is decided.
    public func setStatus(_ status: CampaignStatus, of campaign: StoredCampaign, at now: Instant) throws {
        let allowed: Bool =
            switch (campaign.status, status) {
            case (.draft, .scheduled), (.paused, .scheduled), (.scheduled, .paused), (.draft, .done), (.scheduled, .done),
                (.paused, .done):
                true
            default: campaign.status == status
            }
        guard allowed else {
            throw InteractError.badTransition(campaign: campaign.definition.name, from: campaign.status.rawValue, to: status.rawValue)
        }
        try editor.update(
            Self.campaignsTable,
            setting: [ColumnMatch("status", .text(status.rawValue)), ColumnMatch("updated_at", .integer(now.secondsSinceEpoch))],
            matching: [ColumnMatch("id", .integer(campaign.id))])
    }

    private static func campaign(_ row: [StoredValue]) throws -> StoredCampaign {
        let name = row[1].textValue ?? ""
        do {
            let definition = try JSONDecoder().decode(CampaignDefinition.self, from: Data((row[4].textValue ?? "{}").utf8))
            return StoredCampaign(
                id: row[0].integerValue ?? 0, definition: definition, programmeID: row[2].integerValue,
                status: CampaignStatus(rawValue: row[3].textValue ?? "") ?? .draft,
                createdAt: Instant(secondsSinceEpoch: row[5].integerValue ?? 0),
                updatedAt: Instant(secondsSinceEpoch: row[6].integerValue ?? 0))
        } catch {
            throw InteractError.unreadableStoredDefinition(what: "campaign \"\(name)\"", reason: "\(error)")
        }
    }

    // MARK: Waves

    /// The waves of `campaign` already decided (0-based).
    public func decidedWaves(of campaign: Int64) throws -> Set<Int> {
        Set(try editor.rows(of: Self.wavesTable, matching: [ColumnMatch("campaign_id", .integer(campaign))]).compactMap { $0[1].integerValue.map(Int.init) })
    }

    func recordDecidedWave(campaign: Int64, wave: Int, dueAt: Instant, decidedAt: Instant, targeted: Int, kept: Int, spent: Double) throws {
        try editor.insert(
            [
                .integer(campaign), .integer(Int64(wave)), .integer(dueAt.secondsSinceEpoch), .integer(decidedAt.secondsSinceEpoch),
                .integer(Int64(targeted)), .integer(Int64(kept)), .real(spent),
            ], into: Self.wavesTable, ignoringConflicts: false)
    }

    /// What the decided waves of each campaign have committed to spend, by campaign id.
    public func spentByCampaign() throws -> [Int64: Double] {
        var spent: [Int64: Double] = [:]
        for row in try editor.rows(of: Self.wavesTable, matching: []) {
            if let campaign = row[0].integerValue { spent[campaign, default: 0] += row[6].numberValue ?? 0 }
        }
        return spent
    }

    // MARK: Policy

    /// The pressure policy in force: the stored one, or the defaults when none was set.
    public func policy() throws -> PressurePolicy {
        guard let row = try editor.rows(of: Self.settingsTable, matching: [ColumnMatch("key", .text(Self.policyKey))]).first else {
            return PressurePolicy()
        }
        do {
            return try JSONDecoder().decode(PressurePolicy.self, from: Data((row[1].textValue ?? "{}").utf8))
        } catch {
            throw InteractError.unreadableStoredDefinition(what: "the pressure policy", reason: "\(error)")
        }
    }

    /// Stores `policy` in place of the current one. Refuses a policy with problems.
    public func setPolicy(_ policy: PressurePolicy, at now: Instant) throws {
        let problems = policy.problems()
        guard problems.isEmpty else { throw InteractError.invalidDefinition(source: "the pressure policy", problems: problems) }
        try editor.delete(from: Self.settingsTable, matching: [ColumnMatch("key", .text(Self.policyKey))])
        try editor.insert(
            [.text(Self.policyKey), .text(try Self.json(policy)), .integer(now.secondsSinceEpoch)], into: Self.settingsTable,
            ignoringConflicts: false)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
