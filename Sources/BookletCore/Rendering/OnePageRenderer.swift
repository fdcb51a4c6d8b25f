/// Renders the outputs that put several entries on one page: `print.html`, the handouts
/// (HTML and text) and the plain-text booklet.
struct OnePageRenderer {
    let site: SiteRenderer

    func pages() -> [SiteRenderer.Page] {
        []
    }
}
