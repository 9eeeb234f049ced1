import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter with its percent-escapes decoded (`summer%20buyers` → `summer buyers`):
    /// names and e-mail addresses travel escaped in URLs.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
