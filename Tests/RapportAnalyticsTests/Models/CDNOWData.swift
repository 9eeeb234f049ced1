import Foundation

/// The CDNOW summaries of ../shared/data/cdnow, found by walking up from this file.
enum CDNOWData {
    static var directory: String? {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared/data/cdnow")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        return nil
    }

    static var available: Bool { directory != nil }

    /// The numeric columns of a CSV file with a header, by column name.
    static func columns(_ file: String) throws -> [String: [Double]] {
        let text = try String(contentsOfFile: (directory ?? "") + "/" + file, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var columns = [String: [Double]]()
        for line in lines {
            for (name, field) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
                columns[name, default: []].append(Double(field) ?? .nan)
            }
        }
        return columns
    }
}
