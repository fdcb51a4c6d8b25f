/// The template names of published files: the logo on every page, and an entry's
/// attached files.
enum PageFiles {
    /// `logo`: zero or one object with `url`, `width` and `height`, for a page with `links`.
    /// Every HTML page has it (the layout's header, the cover, print.html, handouts), so
    /// any output rendering a page (an e-book cover, a PDF) can use it too.
    static func logo(_ booklet: LinkedBooklet, links: PageLinks) -> [TemplateObject] {
        guard let index = booklet.logo, let size = booklet.files[index].imageSize else { return [] }
        return [
            [
                "url": .text(links.fileHref(index, in: booklet)),
                "width": .number(size.width),
                "height": .number(size.height),
            ]
        ]
    }

    /// `entry.attachments`: the files the entry links to, each with `name`, `url`, `size`
    /// (`120 KB`) and `kind` (`PDF`: its extension in capitals, or `file`).
    static func attachments(of entry: LinkedEntry, links: PageLinks, in booklet: LinkedBooklet) -> [TemplateObject] {
        entry.attachments.map { index in
            let file = booklet.files[index]
            return [
                "name": .text(file.name),
                "url": .text(links.fileHref(index, in: booklet)),
                "size": .text(ContentFile.sizeText(file.size)),
                "kind": .text(kind(of: file.name)),
            ]
        }
    }

    /// `PDF` for `form.pdf`; `file` without an extension.
    static func kind(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else {
            return "file"
        }
        return name[name.index(after: dot)...].uppercased()
    }
}
