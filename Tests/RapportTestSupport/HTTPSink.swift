import Foundation

/// A local HTTP provider for tests: `Tests/Support/http_sink.py` (Python's standard library only),
/// recording every request.
public final class HTTPSink: @unchecked Sendable {
    public let port: Int
    private let recordFile: String
    private let process: Process

    /// Starts a sink; nil when no `python3` is on this machine.
    public static func start(busy: String? = nil, refuse: String? = nil) throws -> HTTPSink? {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:))
            ?? SMTPSink.python
        else { return nil }
        let directory = NSTemporaryDirectory() + "rapport-http-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000...45_000) + attempt
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments =
                [SMTPSink.root + "/Tests/Support/http_sink.py", String(port), directory + "/requests.jsonl"]
                + (busy.map { ["--busy", $0] } ?? []) + (refuse.map { ["--refuse", $0] } ?? [])
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            if String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("ready") {
                return HTTPSink(port: port, recordFile: directory + "/requests.jsonl", process: process)
            }
            kill(process.processIdentifier, SIGKILL)
        }
        throw SMTPSink.SinkError.couldNotStart
    }

    private init(port: Int, recordFile: String, process: Process) {
        self.port = port
        self.recordFile = recordFile
        self.process = process
    }

    deinit { stop() }

    /// Stops the server process and waits for it (call it with `defer`, as ``SMTPSink/stop()``).
    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: a child of the test process inherits its blocked signals, SIGTERM among them.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Every request received, oldest first.
    public func requests() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: recordFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
