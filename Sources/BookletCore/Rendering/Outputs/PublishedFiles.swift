/// `files/`: the images and attached files entries (and the logo) use, copied from the
/// content folder as they are, at `files/<path in the content folder>`. `files` is a
/// reserved top-level name and content paths are unique, so a copy never collides with a
/// page or another copy. Files nothing uses are not copied (the linker warned about them).
struct PublishedFiles: Output {
    var name: String { "files" }
    var templates: [String] { [] }
    var reservedNames: [String] { [ContentFile.siteFolder] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        var report = TemplateReport()
        for index in site.booklet.usedFiles {
            let file = site.booklet.files[index]
            if let bytes = Self.bytes(of: file, report: &report) {
                try emit([OutputFile(path: file.sitePath, bytes: bytes)])
            }
        }
        return report
    }

    /// The bytes of `file`, read again (one file at a time, when it is copied) and only if
    /// it is still the file that was checked; otherwise nil, with the error that stops the
    /// build added to `report`.
    static func bytes(of file: ContentFile, report: inout TemplateReport) -> [UInt8]? {
        let bytes: [UInt8]
        do throws(FileError) {
            bytes = try FileSystem.read(file.filePath, limit: ContentFile.maximumSize)
        } catch {
            report.merge(changed(file, "it cannot be read now: \(error.reason)"))
            return nil
        }
        guard ContentFile.fingerprint(bytes) == file.fingerprint, bytes.count == file.size else {
            report.merge(changed(file, "it changed while the booklet was being built; build again"))
            return nil
        }
        return bytes
    }

    private static func changed(_ file: ContentFile, _ reason: String) -> TemplateReport {
        var report = TemplateReport()
        report.failure = .error(SourceLocation(path: file.filePath), "cannot copy '\(file.name)' into the site: \(reason)")
        return report
    }
}
