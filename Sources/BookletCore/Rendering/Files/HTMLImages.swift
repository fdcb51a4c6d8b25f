/// The HTML of an image in a body: `<img>` with its file's address, alt text, and the
/// width and height read from the file's header, so the page keeps its layout while (or
/// without) loading it.
enum HTMLImages {
    /// The `<img>` tag of an image resolved to `link`, the `number`th image of its body,
    /// on a page with `links`. Images after the first load lazily on an entry's own page;
    /// on print.html and handouts every image loads at once, so printing shows them all.
    /// Empty when the image did not resolve (the linker reported it, so no site is written).
    static func tag(
        _ link: ResolvedLink?, alt: String, title: String, number: Int, links: PageLinks, in booklet: LinkedBooklet,
        xhtml: Bool = false
    ) -> String {
        guard case .file(let index)? = link, let size = booklet.files[index].imageSize else { return "" }
        var tag = "<img src=\"\(links.fileHref(index, in: booklet))\" alt=\"\(alt.htmlEscaped)\""
        if !title.isEmpty { tag += " title=\"\(title.htmlEscaped)\"" }
        tag += " width=\"\(size.width)\" height=\"\(size.height)\""
        if number > 1 && !links.isOnePage { tag += " loading=\"lazy\"" }
        return tag + (xhtml ? "/>" : ">")
    }
}
