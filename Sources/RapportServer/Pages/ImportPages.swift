import RapportCore
import RapportIngest

/// The import page: the upload form (for marketers) and the journal with links to rejects.
struct ImportListPage {
    let text: Localization
    let journal: [(entry: ImportJournalEntry, hasRejects: Bool)]
    let csrf: String?

    var body: HTML {
        var form: HTML = ""
        if let csrf {
            let kinds: [HTML] = ImportKind.allCases.filter { $0 != .orderLines }.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }
            // The token rides in the action URL: a multipart body cannot be read before its file.
            form = """
                <h2>\(text[.uploadFile])</h2>
                <form method="post" action="/imports?csrf=\(CustomerListPage.queryValue(csrf))" enctype="multipart/form-data" class="stacked">
                <label>\(text[.importKind]) <select name="kind">\(kinds)</select></label>
                <label>\(text[.file]) <input type="file" name="file" required accept=".csv,.tsv,.txt,.jsonl,.ndjson"></label>
                <label><input type="checkbox" name="create_customers" value="true"> \(text[.createCustomers])</label>
                <button type="submit">\(text[.upload])</button>
                </form>
                """
        }
        let rows: [HTML] = journal.map { item in
            let record = item.entry.record
            let name = record.file.split(separator: "/").last.map(String.init) ?? record.file
            let rejects: HTML = item.hasRejects
                ? "<a href=\"/api/v1/imports/\(item.entry.id)/rejects\">\(NumberText.count(record.counts.rejected))</a>"
                : "\(NumberText.count(record.counts.rejected))"
            return """
                <tr><td>\(record.startedAt.description)</td><td>\(record.kind)</td><td>\(name)</td>\
                <td class="number">\(NumberText.count(record.counts.inserted))</td><td class="number">\(NumberText.count(record.counts.updated))</td>\
                <td class="number">\(NumberText.count(record.counts.unchanged))</td><td class="number">\(rejects)</td></tr>
                """
        }
        let table: HTML = journal.isEmpty
            ? "<p class=\"muted\">\(text[.noImports])</p>"
            : """
                <table><thead><tr><th>\(text[.startedAt])</th><th>\(text[.kind])</th><th>\(text[.file])</th>\
                <th class="number">\(text[.inserted])</th><th class="number">\(text[.updated])</th>\
                <th class="number">\(text[.unchanged])</th><th class="number">\(text[.rejected])</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        return "\(form)<h2>\(text[.importJournal])</h2>\(table)"
    }
}

/// What one upload did, with its first rejected rows and the link to all of them.
struct ImportResultPage {
    let text: Localization
    let result: ImportBody
    /// The first rows of the rejects file: line, field, value, reason.
    let rejects: [[String]]

    var body: HTML {
        let cards: [(Phrase, Int)] = [(.inserted, result.inserted), (.updated, result.updated), (.unchanged, result.unchanged), (.rejected, result.rejected)]
        let items: [HTML] = cards.map { phrase, value in
            "<div class=\"card\"><div class=\"value\">\(NumberText.count(value))</div><div class=\"label\">\(text[phrase])</div></div>"
        }
        let rows: [HTML] = rejects.map { fields in
            let cells: [HTML] = fields.prefix(4).map { "<td>\($0)</td>" }
            return "<tr>\(cells)</tr>"
        }
        let report: HTML = rejects.isEmpty
            ? "<p>\(text[.noRejects])</p>"
            : """
                <h2>\(text[.rejectsReport])</h2>
                <table><thead><tr><th>\(text[.line])</th><th>\(text[.field])</th><th>\(text[.value])</th><th>\(text[.reason])</th></tr></thead>\
                <tbody>\(rows)</tbody></table>
                \(result.rejectsURL.map { HTML("<p><a href=\"\($0)\">\(text[.downloadRejects])</a></p>") } ?? "")
                """
        return "<section class=\"cards\">\(items)</section>\(report)<p><a href=\"/imports\">\(text[.imports])</a></p>"
    }
}
