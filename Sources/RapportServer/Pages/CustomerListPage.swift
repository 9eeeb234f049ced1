import Foundation
import RapportCore

/// The customer list with its search form; the next page continues from a cursor.
struct CustomerListPage {
    let text: Localization
    let page: CustomerPage
    let search: String?
    let kind: CustomerKind?

    var body: HTML {
        let kinds: [HTML] = [HTML("<option value=\"\">\(text[.allKinds])</option>")]
            + CustomerKind.allCases.map { option in
                "<option value=\"\(option.rawValue)\"\(HTML(raw: option == kind ? " selected" : ""))>\(option.rawValue)</option>"
            }
        let rows: [HTML] = page.entries.map { entry in
            let customer = entry.customer
            let name = [customer.firstName, customer.lastName].compactMap { $0 }.joined(separator: " ")
            return """
                <tr><td><a href="/customers/\(Self.pathComponent(customer.externalID))">\(customer.externalID)</a></td>\
                <td>\(name)</td><td>\(customer.email?.value)</td><td>\(customer.city)</td>\
                <td>\(customer.country?.value)</td><td>\(customer.kind.rawValue)</td></tr>
                """
        }
        var next: HTML = ""
        if let after = page.nextAfterID {
            var query = "cursor=c\(after)"
            if let search { query += "&search=" + Self.queryValue(search) }
            if let kind { query += "&kind=" + kind.rawValue }
            next = "<p><a href=\"/customers?\(query)\" rel=\"next\">\(text[.nextPage])</a></p>"
        }
        let table: HTML = page.entries.isEmpty
            ? "<p class=\"muted\">\(text[.noCustomers])</p>"
            : """
                <table><thead><tr><th>Id</th><th>\(text[.customer])</th><th>\(text[.email])</th><th>\(text[.city])</th>\
                <th>\(text[.country])</th><th>\(text[.kind])</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        return """
            <form method="get" action="/customers" class="inline" role="search">
            <input type="search" name="search" value="\(search)" placeholder="\(text[.searchPlaceholder])" aria-label="\(text[.search])">
            <select name="kind" aria-label="\(text[.kind])">\(kinds)</select>
            <button type="submit">\(text[.search])</button>
            </form>
            \(table)
            \(next)
            """
    }

    /// Percent-encodes everything but letters and digits: safe in a query and in a path.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func pathComponent(_ text: String) -> String { queryValue(text) }
}
