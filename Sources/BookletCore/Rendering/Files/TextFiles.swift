/// How images and attached files read in the plain text: `[Figure: alt]` and
/// `(attached: consent-form.pdf, 120 KB)`.
enum TextFiles {
    /// `inline` with its text from UTF-8 offset `start` on (an image's alt text) written
    /// as `[Figure: alt]`.
    static func figure(in inline: String, altTextFrom start: Int) -> String {
        let before = String(decoding: inline.utf8.prefix(start), as: UTF8.self)
        let alt = String(decoding: inline.utf8.dropFirst(start), as: UTF8.self).trimmingSpaces
        return before + "[Figure: " + alt + "]"
    }

    /// The words after a link to file `index`, starting with a space.
    static func attachment(_ index: Int, in booklet: LinkedBooklet) -> String {
        let file = booklet.files[index]
        return " (attached: \(file.name), \(ContentFile.sizeText(file.size)))"
    }
}
