import Foundation

/// A real SMTP server process for tests: `Tests/Support/smtp_sink.py` on aiosmtpd, started with the
/// Python that `RAPPORT_TEST_PYTHON` names (`.ci/run` installs one), or `.venv-test`. Tests that
/// need it say they are skipped when there is none.
public final class SMTPSink: @unchecked Sendable {
    public let port: Int
    public let recordFile: String
    public let directory: String
    private let process: Process

    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public static var python: String? {
        let candidates = [ProcessInfo.processInfo.environment["RAPPORT_TEST_PYTHON"], root + "/.venv-test/bin/python"].compactMap { $0 }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: candidate)
            check.arguments = ["-c", "import aiosmtpd"]
            check.standardError = FileHandle.nullDevice
            guard (try? check.run()) != nil else { continue }
            check.waitUntilExit()
            if check.terminationStatus == 0 { return candidate }
        }
        SkipNotice.once
        return nil
    }

    /// Starts a sink; nil when no Python with aiosmtpd is available.
    public static func start(tls: Bool = false, auth: (String, String)? = nil) throws -> SMTPSink? {
        guard let python else { return nil }
        let directory = NSTemporaryDirectory() + "rapport-smtp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var arguments = [root + "/Tests/Support/smtp_sink.py"]
        if tls {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            ]
            openssl.standardError = FileHandle.nullDevice
            openssl.standardOutput = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
        }
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000...45_000) + attempt
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            var portArguments = arguments + [String(port), directory + "/received.jsonl"]
            if tls { portArguments += ["--tls", directory + "/cert.pem", directory + "/key.pem"] }
            if let auth { portArguments += ["--auth", auth.0, auth.1] }
            process.arguments = portArguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let ready = output.fileHandleForReading.availableData
            if String(decoding: ready, as: UTF8.self).contains("ready") {
                return SMTPSink(port: port, recordFile: directory + "/received.jsonl", directory: directory, process: process)
            }
            kill(process.processIdentifier, SIGKILL)
        }
        arguments = []
        throw SinkError.couldNotStart
    }

    private init(port: Int, recordFile: String, directory: String, process: Process) {
        self.port = port
        self.recordFile = recordFile
        self.directory = directory
        self.process = process
    }

    deinit {
        stop()
    }

    /// Stops the server process and waits for it (tests call it with `defer`: a test process that
    /// ends does not run every deinit, and the servers would outlive it).
    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: a child of the test process inherits its blocked signals, SIGTERM among them.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public var certificate: String { directory + "/cert.pem" }

    /// What the sink has accepted so far, one dictionary per message.
    public func received() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: recordFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    public enum SinkError: Error { case couldNotStart }

    /// The distinct `Message-ID`s received, and how many messages in all.
    public func messageIDs() -> (distinct: Set<String>, total: Int) {
        let ids = received().compactMap { $0["message_id"] as? String }
        return (Set(ids), ids.count)
    }
}

private enum SkipNotice {
    static let once: Void = {
        FileHandle.standardError.write(
            Data("SMTP tests skipped: set RAPPORT_TEST_PYTHON to a Python with aiosmtpd (pip install aiosmtpd), as .ci/run does\n".utf8))
    }()
}
