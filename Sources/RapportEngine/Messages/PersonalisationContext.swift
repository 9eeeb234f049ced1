public import RapportCore
import Foundation

/// The values a template can name for one customer: the profile (`first_name`, `last_name`,
/// `email`, `phone`, `city`, `postcode`, `country`, `birth_date`, `gender`, `kind`, `customer_id`),
/// custom attributes (`attributes.NAME`), the latest scores (`rfm_segment`, `clv`, `p_alive`,
/// `value_tier`, `potential_tier`, `lifecycle_stage`, `tactical_target`, `expected_spend`…), next
/// best offers (`offers`: a list of `name`, `category`, `price`), and `campaign` and `variant`.
/// A value the customer lacks is absent, so `{{^first_name}}…{{/first_name}}` and fallbacks apply.
public enum PersonalisationContext {
    /// Values from a `customers` row and, when the customer was scored, a `scores` row (columns as
    /// ``StoredTable/knowledgeBase`` lists them).
    public static func values(
        customer: [StoredValue], scores: [StoredValue]?, offers: [Offer] = [], campaign: String, variant: String?
    ) -> [String: Any] {
        var values: [String: Any] = ["campaign": campaign]
        if let variant { values["variant"] = variant }
        let customers = CustomerColumns.table
        let names: [(String, String)] = [
            ("external_id", "customer_id"), ("first_name", "first_name"), ("last_name", "last_name"), ("email", "email"),
            ("phone", "phone"), ("city", "city"), ("postcode", "postcode"), ("country", "country"), ("birth_date", "birth_date"),
            ("gender", "gender"), ("kind", "kind"), ("preferred_channel", "preferred_channel"),
        ]
        for (column, name) in names {
            if let text = customer[customers.index(of: column)].textValue, !text.isEmpty { values[name] = text }
        }
        if let json = customer[customers.index(of: "attributes")].textValue, json != "{}",
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        {
            values["attributes"] = object
        }
        if let scores {
            let table = StoredTable.named("scores")
            for (index, column) in table.columns.enumerated() where column.name != "customer_id" && column.name != "computed_at" {
                let name = column.name == "clv" ? "clv" : column.name
                switch scores[index] {
                case .text(let text): values[name] = text
                case .integer(let integer): values[name] = integer
                case .real(let real): values[name] = NumberText.decimal(real, places: real.magnitude < 1 ? 2 : 0)
                default: break
                }
            }
        }
        if !offers.isEmpty {
            values["offers"] = offers.map { offer -> [String: Any] in
                var item: [String: Any] = ["category": offer.category, "reason": offer.reason]
                if let name = offer.productName { item["name"] = name }
                if let sku = offer.sku { item["sku"] = sku }
                if let price = offer.price { item["price"] = NumberText.money(price) }
                return item
            }
        }
        return values
    }
}
