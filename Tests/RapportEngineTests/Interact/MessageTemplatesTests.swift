import RapportCore
import Testing

@testable import RapportEngine

/// Personalisation: values from the profile, scores and offers; fallbacks and sections for what a
/// customer lacks; HTML escaped, text not; templates that do not read are named.
@Suite("Message templates")
struct MessageTemplatesTests {
    static func customer(firstName: String?, city: String?) -> [StoredValue] {
        let table = CustomerColumns.table
        var row = [StoredValue](repeating: .null, count: table.columns.count)
        row[table.index(of: "external_id")] = .text("C42")
        if let firstName { row[table.index(of: "first_name")] = .text(firstName) }
        row[table.index(of: "last_name")] = .text("O'Brien & Sons")
        if let city { row[table.index(of: "city")] = .text(city) }
        row[table.index(of: "attributes")] = .text(#"{"tier":"gold"}"#)
        return row
    }

    @Test func valuesFallbacksSectionsAndEscaping() throws {
        var content = MessageContent(
            subject: " {{first_name}}, a gift \n for you ",
            html: "<p>{{first_name}} {{last_name}}{{#city}} in {{city}}{{/city}}{{^city}} near you{{/city}}</p>",
            text: "{{first_name}} {{last_name}} ({{attributes.tier}}, {{rfm_segment}}){{#offers}} - {{name}} at {{price}}{{/offers}}")
        content.fallbacks = ["first_name": "Friend"]
        let templates = try MessageTemplates(content)
        let scoresTable = StoredTable.named("scores")
        var scores = [StoredValue](repeating: .null, count: scoresTable.columns.count)
        scores[scoresTable.index(of: "rfm_segment")] = .text("champions")
        let offer = Offer(kind: .crossSell, category: "Garden", sku: "G1", productName: "Rake", price: 19.5, score: 0.4, reason: "rule")
        let named = templates.render(
            PersonalisationContext.values(
                customer: Self.customer(firstName: "Anaïs", city: "Lyon"), scores: scores, offers: [offer], campaign: "Spring",
                variant: nil))
        #expect(named.subject == "Anaïs, a gift   for you")
        #expect(named.html == "<p>Anaïs O&#39;Brien &amp; Sons in Lyon</p>" || named.html == "<p>Anaïs O&#x27;Brien &amp; Sons in Lyon</p>"
            || named.html == "<p>Anaïs O'Brien &amp; Sons in Lyon</p>")
        #expect(named.text == "Anaïs O'Brien & Sons (gold, champions) - Rake at 19.50")
        let anonymous = templates.render(
            PersonalisationContext.values(customer: Self.customer(firstName: nil, city: nil), scores: nil, campaign: "Spring", variant: nil))
        #expect(anonymous.subject.hasPrefix("Friend,"))
        #expect(anonymous.html?.hasSuffix("near you</p>") == true)
        #expect(anonymous.text == "Friend O'Brien & Sons (gold, )")
    }

    @Test func aTemplateThatDoesNotReadIsNamedWithItsPart() {
        #expect(throws: MessageTemplateError.self) { try MessageTemplates(MessageContent(subject: "Hi", html: "{{#city}}unclosed")) }
        do {
            _ = try MessageTemplates(MessageContent(subject: "Hi", text: "ok", sms: "{{/nothing}}"))
            Issue.record("a broken template was accepted")
        } catch {
            #expect(error.part == "sms")
            #expect("\(error)".contains("line 1"))
        }
        var definition = CampaignDefinition(name: "Broken", target: "kind = \"customer\"", at: Instant(secondsSinceEpoch: 0))
        definition.content = MessageContent(subject: "{{#a}}")
        #expect(definition.problems().contains { $0.hasPrefix("content.subject template") })
    }

    @Test func aVariantReplacesOnlyThePartsItSets() {
        var variant = CampaignDefinition.Variant(name: "B")
        variant.subject = "Other"
        let content = MessageContent(subject: "One", text: "Body").overridden(by: variant)
        #expect(content.subject == "Other" && content.text == "Body")
    }
}
