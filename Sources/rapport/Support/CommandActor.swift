import Foundation
import RapportCore

/// Who runs a command, as the audit log names them: `cli:<login>`.
enum CommandActor {
    static var current: String {
        let environment = ProcessInfo.processInfo.environment
        return "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
    }
}

extension KnowledgeBaseStore {
    /// The id of the customer `reference` names, or a failure that says what was tried.
    func requireCustomer(_ reference: String, defaultCountry: String = "FR") throws -> Int64 {
        if let id = try customerID(lookingUp: reference, defaultCountry: defaultCountry) { return id }
        if reference.hasPrefix("#"), let id = Int64(reference.dropFirst()) { return id }
        throw CommandFailure(
            "no customer '\(reference)' (tried it as a customer_id, an e-mail, a phone number and a merged customer_id; write #ID for an internal id).")
    }
}
