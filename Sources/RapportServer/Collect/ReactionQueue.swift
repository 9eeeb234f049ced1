import RapportCore
import RapportEngine

/// Reactions from tracking links and provider reports, written by group commit: a request is
/// answered once its reaction is committed, with the others that arrived meanwhile in the same
/// transaction. The outcome says whether the reaction was new.
typealias ReactionQueue = GroupCommitQueue<Reaction, Bool>

extension GroupCommitQueue where Request == Reaction, Outcome == Bool {
    init(store: any ServerStore, clock: any RapportCore.Clock, reactionsPerGroup: Int = 2_000) {
        self.init(weightPerGroup: reactionsPerGroup, weight: { _ in 1 }) { group in
            let now = clock.now
            return try store.editingRecords { editor in
                let ledger = ReactionLedger(editor)
                return try group.map { try ledger.record([$0], now: now).recorded > 0 }
            }
        }
    }
}
