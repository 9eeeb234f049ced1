import Foundation
import Hummingbird
import MultipartKit

/// A file form (`multipart/form-data`) read as it arrives: the file part goes straight to disk,
/// the other fields are kept as text. Nothing of the file is held in memory.
final class MultipartUpload {
    /// The form's text fields by name.
    private(set) var fields: [String: String] = [:]
    /// Where the file part was written, and its name as the browser gave it.
    private(set) var file: (path: String, name: String)?

    private let uploads: Uploads
    private let limit: Int
    private var written = 0
    private var partName: String?
    private var partFileName: String?
    private var partText: [UInt8] = []
    private var handle: FileHandle?
    private var failure: (any Error)?

    init(uploads: Uploads, limit: Int) {
        self.uploads = uploads
        self.limit = limit
    }

    /// Reads the whole body. Throws 400 when it is not a form with a boundary, 413 past `limit`.
    func read(_ request: Request) async throws {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
            throw APIError.badRequest("send the file from the form (multipart/form-data)")
        }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in header(name, value) }
        parser.onBody = { [unowned self] buffer in body(&buffer) }
        parser.onPartComplete = { [unowned self] in partComplete() }
        do {
            for try await buffer in request.body {
                try parser.execute(buffer)
                if let failure { throw failure }
            }
        } catch {
            try? handle?.close()
            if let file { try? FileManager.default.removeItem(atPath: file.path) }
            if error is APIError { throw error }
            throw APIError.badRequest("the form did not arrive whole (\(error)); send it again")
        }
    }

    private func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        partName = Self.parameter("name", in: value)
        partFileName = Self.parameter("filename", in: value)
    }

    private func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        if let fileName = partFileName, partName == "file" {
            do {
                if handle == nil {
                    let path = try uploads.newFile(named: fileName)
                    guard FileManager.default.createFile(atPath: path, contents: nil), let opened = FileHandle(forWritingAtPath: path) else {
                        throw APIError(.internalServerError, code: "internal", message: "the uploads directory is not writable")
                    }
                    handle = opened
                    file = (path, fileName)
                }
                written += buffer.readableBytes
                guard written <= limit else {
                    throw APIError(.contentTooLarge, code: "too_large", message: "the file is larger than \(limit >> 20) MiB; import it with `rapport import`")
                }
                try handle?.write(contentsOf: buffer.readableBytesView)
            } catch {
                failure = error
            }
        } else if partText.count < 4096 {
            partText.append(contentsOf: buffer.readableBytesView.prefix(4096 - partText.count))
        }
    }

    private func partComplete() {
        if partName == "file" {
            try? handle?.close()
            handle = nil
        } else if let partName {
            fields[partName] = String(decoding: partText, as: UTF8.self)
        }
        partName = nil
        partFileName = nil
        partText.removeAll()
    }

    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", in: contentType)
    }

    /// `name=value` or `name="value"` among the `;`-separated parameters of a header value.
    static func parameter(_ name: String, in value: String) -> String? {
        for part in value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var text = pair[1]
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }
}
