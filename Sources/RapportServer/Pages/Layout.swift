import Hummingbird

/// The frame of every page: title, navigation, the signed-in user and the sign-out form. Styles
/// are inline in the page: nothing is fetched from elsewhere.
struct Layout {
    let text: Localization
    let user: AuthenticatedUser?

    func page(title: String, current: String? = nil, _ body: HTML) -> HTML {
        let navigation: [HTML] = [
            ("/", Phrase.dashboard), ("/customers", .customers), ("/segments", .segments), ("/analytics", .analytics),
            ("/campaigns", .campaigns), ("/calendar", .calendar), ("/reports", .reports), ("/imports", .imports),
        ].map { path, phrase in
            path == current ? "<a href=\"\(path)\" aria-current=\"page\">\(text[phrase])</a>" : "<a href=\"\(path)\">\(text[phrase])</a>"
        }
        // Typed as HTML so that the links go in as links, not as escaped text.
        let menu: HTML = user == nil ? "" : "<nav>\(navigation)</nav>"
        var account: HTML = ""
        if let user, case .session(let csrf) = user.credential {
            account = """
                <form method="post" action="/logout" class="account">\
                <span>\(text(.signedInAs, user.user.name, user.role.rawValue))</span>\
                <input type="hidden" name="csrf" value="\(csrf)">\
                <button type="submit">\(text[.signOut])</button></form>
                """
        }
        return """
            <!doctype html>
            <html lang="\(text.code)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(text[.appName])</title>
            <style>\(HTML(raw: Self.style))</style></head>
            <body>
            <header><strong>\(text[.appName])</strong>\(menu)\(account)</header>
            <main>
            <h1>\(title)</h1>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.5rem;background:#1d2f4f;color:#fff}
        header a{color:#dfe7f5;text-decoration:none;margin-right:1rem}header a[aria-current]{color:#fff;font-weight:600}
        .account{margin-left:auto;display:flex;gap:.8rem;align-items:center}
        main{padding:1rem 1.5rem;max-width:72rem}
        table{border-collapse:collapse;background:#fff;margin:.5rem 0 1.5rem}
        th,td{padding:.3rem .7rem;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
        td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.8rem;margin-bottom:1.5rem}
        .card{background:#fff;padding:.7rem .9rem;border-radius:6px;box-shadow:0 1px 2px #0002}
        .card .value{font-size:1.5rem;font-weight:600}.card .label{color:#5b6475;font-size:.85rem}
        .error{color:#a0001e}.muted{color:#5b6475}
        form.inline{display:flex;gap:.5rem;flex-wrap:wrap;margin-bottom:1rem}
        svg text{font-size:11px}svg text:not([fill]){fill:#1d2330}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(34rem,1fr));gap:1rem}
        figure{margin:0;background:#fff;padding:.6rem;border-radius:6px;box-shadow:0 1px 2px #0002}
        svg.chart{width:100%;height:auto}
        textarea{width:100%;max-width:48rem;font-family:ui-monospace,monospace}
        form.stacked{display:grid;gap:.4rem;max-width:48rem;background:#fff;padding:.8rem;border-radius:6px;margin-bottom:1.5rem}
        """
}

/// A page as a response, with the headers every page carries.
enum PageResponse {
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// The page of an error, in the page's language.
enum ErrorPage {
    static func response(for error: APIError, context: ServerContext) -> Response {
        let text = Localization.english
        if error.status == .unauthorized { return PageResponse.redirect(to: "/login") }
        let message: String
        switch error.status.code {
        case 403: message = text[.forbidden]
        case 404: message = text[.notFound]
        case 500...: message = text[.serverError]
        default: message = error.message
        }
        let body: HTML = """
            <p class="error">\(message)</p><p><a href="/">\(text[.backToDashboard])</a></p>
            """
        return PageResponse.html(
            Layout(text: text, user: context.identity).page(title: text(.errorTitle, String(error.status.code)), body),
            status: error.status)
    }
}
