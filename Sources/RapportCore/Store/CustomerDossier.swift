/// What the API and the pages show of one customer: the 360 view, the latest scores and the saved
/// segments they are in.
public struct CustomerDossier: Sendable {
    public var view: Customer360
    public var scores: CustomerScores?
    public var segments: [SegmentRecord]

    public init(view: Customer360, scores: CustomerScores?, segments: [SegmentRecord]) {
        self.view = view
        self.scores = scores
        self.segments = segments
    }
}

/// Reads a customer's dossier at one instant.
public protocol CustomerDossierStore: Sendable {
    /// The dossier, with at most `recentLimit` recent orders and events, of the first customer one
    /// of `references` names (``CustomerReference``), or nil when none does. The customer is found
    /// and the dossier read in one transaction, so that its parts agree with one another while
    /// writes go on, and at the cost of one store access: the server's most frequent read.
    func dossier(matchingAnyOf references: [String], recentLimit: Int) throws -> CustomerDossier?
}
