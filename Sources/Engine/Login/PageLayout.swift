/// The shared frame of the login, logout and error pages: one centred card, inline style only.
///
/// Self-contained (no fonts, images or scripts: the CSP allows none), readable at phone width,
/// contrast at least 4.5:1 in light and dark schemes, and a visible focus ring.
enum PageLayout {
    static let style = """
    :root{color-scheme:light dark}
    *{box-sizing:border-box}
    body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1rem;\
    font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
    background:#f3f4f6;color:#111827}
    main{width:100%;max-width:24rem;padding:2rem;background:#fff;border-radius:12px;\
    box-shadow:0 1px 3px rgba(0,0,0,.12),0 8px 24px rgba(0,0,0,.06)}
    h1{margin:0 0 1.5rem;font-size:1.5rem;line-height:1.25;overflow-wrap:anywhere}
    p{margin:0 0 1rem}
    label{display:block;margin:1rem 0 .25rem;font-weight:600}
    input{width:100%;padding:.625rem .75rem;font:inherit;color:inherit;background:#fff;\
    border:1px solid #6b7280;border-radius:6px}
    button{width:100%;margin-top:1.5rem;padding:.75rem;font:inherit;font-weight:600;color:#fff;\
    background:#1d4ed8;border:0;border-radius:6px;cursor:pointer}
    button:hover{background:#1e40af}
    a{color:#1d4ed8}
    :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
    .alert{padding:.75rem;border:1px solid #fecaca;border-radius:6px;background:#fef2f2;color:#991b1b}
    nav ul{display:flex;flex-wrap:wrap;justify-content:center;gap:.5rem 1rem;margin:1.5rem 0 0;padding:0;\
    list-style:none;font-size:.875rem}
    @media (prefers-color-scheme:dark){body{background:#111827;color:#f9fafb}\
    main{background:#1f2937;box-shadow:none}input{background:#111827;border-color:#9ca3af}\
    a{color:#93c5fd}.alert{background:#450a0a;border-color:#7f1d1d;color:#fecaca}}
    """

    /// A whole document; `title` is escaped here, `head` and `main` must already be safe HTML.
    static func document(title: String, head: String = "", main: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(head)<title>\(HTML.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(main)</main>
        </body>
        </html>

        """
    }
}
