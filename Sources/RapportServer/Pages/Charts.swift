import RapportCore

/// The charts of the pages, built from the server's figures (placeholder until the chart library lands).
enum Charts {
    static func segmentHistory(_ snapshots: [SegmentSnapshot], text: Localization) -> HTML { "" }
}
