import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The pages as a browser sees them: a demo base served by the real binary, each main page opened
/// in headless Chromium (Debian's `chromium`, which CI installs), its rendered DOM checked, and a
/// screenshot saved under `.build/browser-screenshots/` for people to look at. Skipped where
/// Chromium is not installed.
@Suite("Pages in headless Chromium", .serialized, .enabled(if: Chromium.path != nil, "needs chromium (apt-get install chromium)"))
struct BrowserTests {
    /// Each page, what its rendered DOM must contain, and the screenshot's name.
    static let pages: [(path: String, expected: [String], screenshot: String)] = [
        ("/", ["Dashboard", "Active customers", "<svg"], "dashboard"),
        ("/customers", ["Customers", "C000001"], "customers"),
        ("/customers/C000002", ["Identity", "Timeline"], "customer-360"),
        ("/analytics", ["RFM", "Relational matrix", "Lifecycle funnel", "Cohort retention", "Lifetime value", "<svg"], "analytics"),
        ("/segments", ["Segments", "garden-fr"], "segments"),
        ("/imports", ["Import a file", "customers.csv"], "imports"),
        ("/campaigns", ["Programmes", "Sleepwalkers wake-up", "Pressure policy"], "campaigns"),
        ("/campaigns/Christmas%20gifts", ["Plan before launch", "Suppressed by rule", "no consent"], "campaign"),
        ("/calendar", ["Planned contacts per day", "Calendar"], "calendar"),
        ("/reports", ["Key figures by month", "Active customers", "NPS and CSAT", "Download as CSV"], "reports"),
        ("/reports/touchpoints", ["Touchpoint map", "web", "Order within 30 days"], "touchpoints"),
        ("/campaigns/Christmas%20gifts/results", ["From targeted to converted", "Treated against control"], "results"),
    ]

    @Test func theMainPagesRenderWithTheirContent() async throws {
        let binary = try RapportBinary.locate()
        let chromium = try #require(Chromium.path)
        let directory = NSTemporaryDirectory() + "rapport-browser-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/browser-screenshots").path
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)

        let demo = try binary.run(["demo", "--no-serve", "--customers", "800", "--seed", "13"], in: directory)
        #expect(demo.status == 0, "\(demo.error)")
        let added = try binary.run(["user", "add", "browser@example.com", "--role", "admin", "--name", "Browser"], in: directory)
        #expect(added.status == 0, "\(added.error)")

        let port = Int.random(in: 20_000..<40_000)
        let server = try binary.start(["serve", "--port", String(port), "--log-level", "warning"], in: directory)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        try await Self.waitForHealth(base)

        for page in Self.pages {
            let link = try binary.run(["user", "link", "browser@example.com", "--url", base, "--next", page.path], in: directory)
            let url = link.output.trimmingCharacters(in: .whitespacesAndNewlines)
            let dom = try Chromium.run(chromium, ["--dump-dom", url], in: directory)
            for expected in page.expected {
                #expect(dom.contains(expected), "\(page.path) should show \(expected)")
            }
            #expect(!dom.contains("Sign in</h1>"), "\(page.path) should not fall back to the login form")

            let again = try binary.run(["user", "link", "browser@example.com", "--url", base, "--next", page.path], in: directory)
            let shot = screenshots + "/\(page.screenshot).png"
            try? FileManager.default.removeItem(atPath: shot)
            _ = try Chromium.run(
                chromium, ["--screenshot=\(shot)", "--window-size=1280,1800", again.output.trimmingCharacters(in: .whitespacesAndNewlines)],
                in: directory)
            let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
            #expect(size > 10_000, "a screenshot of \(page.path) at \(shot)")
        }
    }

    static func waitForHealth(_ base: String) async throws {
        let url = try #require(URL(string: base + "/health"))
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: url), (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the server did not answer /health within 20 s")
    }
}

/// Debian's Chromium, run headless for one page at a time.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs Chromium headless with `arguments` and returns what it printed; killed after 60 s.
    static func run(_ path: String, _ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--user-data-dir=\(directory)/chromium-profile-\(UUID().uuidString)",
        ] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + .seconds(60)
        DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
