/// Why a programme, campaign or policy operation cannot be done, with what to do instead.
public enum InteractError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownProgramme(String)
    case unknownCampaign(String)
    /// A definition with problems; `source` names where it came from (a file, or "campaign X").
    case invalidDefinition(source: String, problems: [String])
    /// A stored definition that this version cannot read any more.
    case unreadableStoredDefinition(what: String, reason: String)
    case notEditable(campaign: String, status: String)
    case badTransition(campaign: String, from: String, to: String)

    public var description: String {
        switch self {
        case .unknownProgramme(let name):
            "no programme is named \"\(name)\": `rapport programme list` shows them, `rapport programme create` adds one"
        case .unknownCampaign(let name):
            "no campaign is named \"\(name)\": `rapport campaign list` shows them"
        case .invalidDefinition(let source, let problems):
            "\(source) cannot be used:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .unreadableStoredDefinition(let what, let reason):
            "the stored definition of \(what) no longer reads (\(reason)): create it again"
        case .notEditable(let campaign, let status):
            "campaign \"\(campaign)\" is \(status): only draft or paused campaigns can be changed; pause it first"
        case .badTransition(let campaign, let from, let to):
            "campaign \"\(campaign)\" is \(from) and cannot become \(to)"
        }
    }
}
