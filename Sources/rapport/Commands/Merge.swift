import ArgumentParser
import RapportCore
import RapportEngine

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge one customer into another, or list the merges.",
        discussion: """
            The absorbed customer's orders, events, consents and identifiers move to the survivor; \
            field values follow the survivorship rules (docs/organise.md); the absorbed record is kept \
            in the merge's history, and `rapport unmerge ID` undoes it.
            """)

    @Argument(help: "The customer who stays (customer_id, e-mail, phone, or #id).")
    var survivor: String?

    @Argument(help: "The customer merged into the survivor.")
    var absorbed: String?

    @Flag(help: "List the merges (of the survivor when one is named) instead of merging.")
    var history = false

    @Option(help: ArgumentHelp("A JSON file of survivorship rules (the `survivorship` key of dedupe's rules).", valueName: "file"))
    var rules: String?

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        if !history && (survivor == nil || absorbed == nil) {
            throw ValidationError("name the survivor and the customer to merge into them, or use --history")
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            if history {
                let id = try survivor.map { try store.requireCustomer($0) }
                let merges = try store.editingRecords { editor in try Merges(editor).history(customerID: id) }
                guard !merges.isEmpty else { return print("No merge yet.") }
                for merge in merges {
                    let state = merge.undoneAt.map { " (undone \($0))" } ?? ""
                    print("merge \(merge.id)  \(merge.at)  #\(merge.absorbedID) → #\(merge.survivorID)  \(merge.rule)\(state)")
                }
                return
            }
            guard let survivor, let absorbed else { return }
            let survivorID = try store.requireCustomer(survivor)
            let absorbedID = try store.requireCustomer(absorbed)
            let survivorship = try rules.map(MatchingRules.load(from:))?.survivorship ?? SurvivorshipRules()
            let record = try store.editingRecords { editor in
                var merges = Merges(editor, survivorship: survivorship)
                return try merges.merge(
                    MergeRequest(survivorID: survivorID, absorbedID: absorbedID, rule: "manual"), actor: CommandActor.current,
                    at: SystemClock().now)
            }
            print("Merged #\(record.absorbedID) into #\(record.survivorID) (merge \(record.id); undo with `rapport unmerge \(record.id)`).")
        }
    }
}

struct Unmerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo a merge: the absorbed customer comes back with everything that came from them.")

    @Argument(help: "The merge's id (rapport merge --history lists them).")
    var mergeID: Int64

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let record = try store.editingRecords { editor in
                var merges = Merges(editor)
                return try merges.unmerge(id: mergeID, actor: CommandActor.current, at: SystemClock().now)
            }
            print("Undid merge \(record.id): #\(record.absorbedID) is separate from #\(record.survivorID) again, and will not be merged with them automatically.")
        }
    }
}
