import Hummingbird

/// What the public pages (tracking, unsubscribe, surveys, preferences) share.
enum PublicPage {
    /// `400` with a page saying the link is damaged or not ours: what every signed link answers
    /// when its token does not check.
    static func brokenLink(_ text: Localization) -> Response {
        PageResponse.html(
            Layout(text: text, user: nil).page(title: text[.errorTitle], "<p role=\"alert\">\(text[.brokenLink])</p>"), status: .badRequest)
    }
}
