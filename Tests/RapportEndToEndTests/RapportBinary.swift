import Foundation

/// Runs the built `rapport` executable, as a user would, and captures what it prints.
struct RapportBinary {
    struct Outcome {
        var status: Int32
        var reason: Process.TerminationReason
        var output: String
        var error: String
    }

    let path: String

    /// The executable built next to the test bundle (`.build/<config>/rapport`).
    static func locate() throws -> RapportBinary {
        var candidates: [URL] = []
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("rapport"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/rapport"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return RapportBinary(path: candidate.path)
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
    }

    func run(_ arguments: [String], environment: [String: String] = [:], in directory: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, reason: process.terminationReason,
            output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the executable in the background (a server); the caller terminates it.
    /// Starts the binary without waiting; its output and errors go to the file `output` when given.
    func start(_ arguments: [String], in directory: String, output: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let output, FileManager.default.createFile(atPath: output, contents: nil), let handle = FileHandle(forWritingAtPath: output) {
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }
}
