import RapportIngest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows an import's progress on standard error: a bar with rows/s redrawn in place on a
/// terminal, a plain line every few seconds otherwise (logs, CI).
final class ProgressDisplay {
    private let interactive = Terminal.errorIsTerminal
    private var lastShown = -1.0
    private var drewBar = false
    /// For crash tests: abort the process once this many records were read
    /// (`RAPPORT_FAULT_ABORT_AFTER_RECORDS`), as a `kill -9` would, mid-import.
    private let abortAfter: Int? = getenv("RAPPORT_FAULT_ABORT_AFTER_RECORDS").flatMap { Int(String(cString: $0)) }

    func show(_ progress: ImportProgress) {
        if let abortAfter, progress.records >= abortAfter { abort() }
        let interval = interactive ? 0.2 : 5.0
        guard progress.elapsedSeconds - lastShown >= interval || progress.fraction >= 1 else { return }
        if !interactive && progress.fraction >= 1 && lastShown < 0 { return }  // short imports: the summary says it all
        lastShown = progress.elapsedSeconds
        let percent = Int((progress.fraction * 100).rounded(.down))
        let rate = Terminal.count(Int(progress.recordsPerSecond))
        if interactive {
            let width = 30
            let filled = min(width, Int(progress.fraction * Double(width)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            // Once every row is read, the writer still indexes and commits: say so.
            let tail = progress.fraction >= 1 ? " — writing, indexing, committing…" : ""
            Terminal.writeError("\r\(progress.file) \(bar) \(percent)%  \(Terminal.count(progress.records)) rows  \(rate) rows/s\(tail) ")
            drewBar = true
        } else {
            Terminal.writeError("\(progress.file): \(percent)% \(Terminal.count(progress.records)) rows, \(rate) rows/s\n")
        }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        if drewBar { Terminal.writeError("\n") }
        drewBar = false
        lastShown = -1
    }
}
