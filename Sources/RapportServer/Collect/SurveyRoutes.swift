import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// The survey pages that messages link to (`{{nps_url}}`, `{{csat_url}}`, `{{ces_url}}`): a
/// signed token names the contact and the survey; one answer per contact and survey, with an
/// optional comment, recorded as a reaction (and, through it, the customer's satisfaction).
struct SurveyRoutes {
    let keys: TrackingKeys
    let reactions: ReactionQueue
    let clock: any RapportCore.Clock
    let text = Localization.english
    static let maximumComment = 2_000

    func add(to router: Router<ServerContext>) {
        router.get("survey/{token}", use: page)
        router.post("survey/{token}", use: answer)
    }

    struct AnswerForm: Decodable {
        var score: Int?
        var comment: String?
    }

    func survey(_ token: String) async throws -> (TrackingToken, SurveyKind)? {
        guard let read = try? await keys.current().signer.verify(token, purpose: .survey, now: clock.now),
            let kind = SurveyKind(rawValue: read.target)
        else { return nil }
        return (read, kind)
    }

    @Sendable func page(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let (_, kind) = try await survey(token) else { return brokenLink() }
        return PageResponse.html(form(kind, token: token, error: nil))
    }

    @Sendable func answer(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let (read, kind) = try await survey(token) else { return brokenLink() }
        let body = try await request.body.collect(upTo: 16_384)
        let submitted = try? URLEncodedFormDecoder().decode(AnswerForm.self, from: String(buffer: body))
        guard let score = submitted?.score, kind.scale.contains(score) else {
            return PageResponse.html(
                form(kind, token: token, error: text(.surveyPickScore, "\(kind.scale.lowerBound)", "\(kind.scale.upperBound)")),
                status: .badRequest)
        }
        let comment = submitted?.comment?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maximumComment)
        let answer = SurveyAnswer(survey: kind, score: score, comment: comment.flatMap { $0.isEmpty ? nil : String($0) })
        let recorded = try await reactions.apply(
            Reaction(
                customerID: read.customerID, contactID: read.contactID, campaignID: read.campaignID, kind: .answered, at: clock.now,
                detail: answer.json))
        let message: HTML = "<p role=\"status\">\(text[recorded ? .surveyThanks : .surveyAlreadyAnswered])</p>"
        return PageResponse.html(Layout(text: text, user: nil).page(title: text[.survey], message))
    }

    func question(_ kind: SurveyKind) -> String {
        switch kind {
        case .nps: text[.npsQuestion]
        case .csat: text[.csatQuestion]
        case .ces: text[.cesQuestion]
        }
    }

    func form(_ kind: SurveyKind, token: String, error: String?) -> HTML {
        let alert: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        let choices: [HTML] = kind.scale.map { score in
            "<label class=\"score\"><input type=\"radio\" name=\"score\" value=\"\(score)\" required> \(score)</label>"
        }
        let ends = kind == .ces ? (text[.surveyEasy], text[.surveyHard]) : (text[.surveyLow], text[.surveyHigh])
        let body: HTML = """
            \(alert)
            <form method="post" action="/survey/\(token)">
            <fieldset><legend>\(question(kind))</legend>
            <p><small>\(kind.scale.lowerBound) = \(ends.0), \(kind.scale.upperBound) = \(ends.1)</small></p>
            <p>\(choices)</p></fieldset>
            <p><label>\(text[.surveyComment])<br><textarea name="comment" rows="4" cols="60" maxlength="\(Self.maximumComment)"></textarea></label></p>
            <p><button type="submit">\(text[.surveySend])</button></p>
            </form>
            """
        return Layout(text: text, user: nil).page(title: text[.survey], body)
    }

    func brokenLink() -> Response { PublicPage.brokenLink(text) }
}
