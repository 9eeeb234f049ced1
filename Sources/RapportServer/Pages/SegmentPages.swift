import RapportCore

/// The saved segments, and the form that creates one (for marketers).
struct SegmentListPage {
    let text: Localization
    let segments: [SegmentRecord]
    /// The session's CSRF token when the user may create segments.
    let csrf: String?
    /// The form as sent back with its error, when creating failed.
    var draft: (name: String, definition: String, description: String)?
    var error: String?

    var body: HTML {
        let rows: [HTML] = segments.map { segment in
            """
            <tr><td><a href="/segments/\(CustomerListPage.pathComponent(segment.name))">\(segment.name)</a></td>\
            <td>\(segment.kind == .dynamic ? text[.dynamicSegment] : text[.staticList])</td>\
            <td class="number">\(NumberText.count(segment.size))</td>\
            <td>\(segment.evaluatedAt?.description ?? text[.never])</td><td><code>\(segment.definition)</code></td></tr>
            """
        }
        let table: HTML = segments.isEmpty
            ? "<p class=\"muted\">\(text[.noSegments])</p>"
            : """
                <table><thead><tr><th>\(text[.name])</th><th>\(text[.kind])</th><th class="number">\(text[.size])</th>\
                <th>\(text[.evaluated])</th><th>\(text[.definition])</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        var form: HTML = ""
        if let csrf {
            let problem: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
            form = """
                <h2>\(text[.createSegment])</h2>
                <form method="post" action="/segments" class="stacked">\(problem)
                <input type="hidden" name="csrf" value="\(csrf)">
                <label>\(text[.name]) <input name="name" required maxlength="100" value="\(draft?.name)"></label>
                <label>\(text[.definition]) <textarea name="definition" rows="3" required placeholder="orders in last 90 days >= 2 and consent email">\(draft?.definition)</textarea></label>
                <label>\(text[.description]) <input name="description" value="\(draft?.description)"></label>
                <button type="submit">\(text[.create])</button>
                </form>
                """
        }
        return "\(table)\(form)"
    }
}

/// One segment: its definition, its size over time, and a link to its members.
struct SegmentPage {
    let text: Localization
    let segment: SegmentRecord
    let snapshots: [SegmentSnapshot]
    let history: HTML
    let csrf: String?

    var body: HTML {
        let rows: [HTML] = snapshots.map { snapshot in
            """
            <tr><td>\(snapshot.at.description)</td><td class="number">\(NumberText.count(snapshot.size))</td>\
            <td class="number">\(NumberText.count(snapshot.entries))</td><td class="number">\(NumberText.count(snapshot.exits))</td>\
            <td class="number">\(snapshot.churn.map { NumberText.decimal($0 * 100, places: 1) + " %" })</td></tr>
            """
        }
        var actions: HTML = ""
        if let csrf {
            let path = "/segments/" + CustomerListPage.pathComponent(segment.name)
            let refresh: HTML = segment.kind == .dynamic
                ? "<form method=\"post\" action=\"\(path)/refresh\"><input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\"><button type=\"submit\">\(text[.refreshNow])</button></form>"
                : ""
            actions = """
                <div class="inline">\(refresh)<form method="post" action="\(path)/delete"><input type="hidden" name="csrf" value="\(csrf)">\
                <button type="submit">\(text[.deleteSegment])</button></form></div>
                """
        }
        return """
            <p><code>\(segment.definition ?? text[.staticList])</code></p>
            <p class="muted">\(segment.description)</p>
            <section class="cards"><div class="card"><div class="value">\(NumberText.count(segment.size))</div>\
            <div class="label">\(text[.members])</div></div></section>
            <p><a href="/customers?segment=\(CustomerListPage.queryValue(segment.name))">\(text[.members]) →</a></p>
            \(actions)
            <h2>\(text[.segmentHistory])</h2>
            <figure>\(history)</figure>
            \(snapshots.isEmpty ? HTML("<p class=\"muted\">\(text[.noSnapshots])</p>") : """
                <table><thead><tr><th>\(text[.evaluated])</th><th class="number">\(text[.size])</th><th class="number">\(text[.entries])</th>\
                <th class="number">\(text[.exits])</th><th class="number">\(text[.churn])</th></tr></thead><tbody>\(rows)</tbody></table>
                """)
            """
    }
}
