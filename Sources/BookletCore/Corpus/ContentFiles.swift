/// A file of the content folder that is neither an entry nor a configuration file: an
/// image (PNG, JPEG, GIF, WebP, SVG) or any other file, which entries attach by linking to it.
///
/// The rule for where they live: **beside the file that uses it**. An entry's images and
/// attachments sit in its section folder (`content/ground-rules/figure.png`, written
/// `![…](figure.png)`); the logo, and images of `booklet.yml` and `taxonomy.yml`, sit at
/// the top of the content folder beside them. A path into another folder is an error
/// that names this rule.
public struct ContentFile: Sendable, Hashable {
    /// Its path inside the content folder: `ground-rules/figure.png`, `logo.svg`.
    public var path: String
    /// Its path on disk: `content/ground-rules/figure.png`.
    public var filePath: String
    /// The folder it sits in: a section id, or "" for the top of the content folder.
    public var folder: String
    /// Its file name.
    public var name: String
    /// Size in bytes.
    public var size: Int
    /// Its image format by extension, or nil for an attachment.
    public var format: ImageFormat?
    /// Width and height of a usable image (nil for attachments and refused files).
    public var imageSize: ImageSize?
    /// Why the file cannot be published (a symbolic link, too large, a damaged or unsafe
    /// image), reported where it is used; nil when it can be.
    public var refusal: String?
    /// True for a symbolic link (already warned about where it is; never read).
    public var isSymbolicLink = false
    /// False for a symbolic link or a special file, which the loader already warned about.
    public var isListedAsFile = true
    /// FNV-1a of the bytes read, so the copy made at the end of the build is known to be
    /// the file that was checked.
    var fingerprint: UInt64 = 0

    public var isImage: Bool { format != nil }

    /// The largest file Booklet attaches or shows: 20 MB.
    public static let maximumSize = 20 * 1024 * 1024
    /// Images larger than this (1 MB) load slowly on a phone: a warning.
    public static let largeImageSize = 1024 * 1024

    /// `120 KB`, `2.3 MB`, `512 bytes` (1 KB = 1,024 bytes).
    public static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// Reads and checks the file at `filePath` (listed as `kind`): its size, and for an
    /// image its header (or, for SVG, its whole text). Never follows a symbolic link and
    /// never reads more than `maximumSize` bytes.
    static func inspect(folder: String, name: String, filePath: String, kind: FileSystem.Kind) -> ContentFile {
        var file = ContentFile(
            path: folder.isEmpty ? name : folder + "/" + name, filePath: filePath, folder: folder, name: name,
            size: FileSystem.size(of: filePath) ?? 0, format: ImageFormat.forFileName(name), imageSize: nil,
            refusal: nil)
        switch kind {
        case .file: break
        case .symbolicLink:
            file.isSymbolicLink = true
            file.isListedAsFile = false
            file.refusal = "it is a symbolic link; Booklet publishes only real files inside the content folder"
            return file
        default:
            file.refusal = "it is not a regular file"
            file.isListedAsFile = false
            return file
        }
        guard file.size <= maximumSize else {
            file.refusal =
                "it is \(sizeText(file.size)), larger than \(maximumSize / (1024 * 1024)) MB, the limit for attached files and images"
            return file
        }
        let bytes: [UInt8]
        do throws(FileError) {
            bytes = try FileSystem.read(filePath, limit: maximumSize)
        } catch {
            file.refusal = "it cannot be read: \(error.reason)"
            return file
        }
        file.size = bytes.count
        file.fingerprint = fingerprint(bytes)
        guard let format = file.format else { return file }
        let result = format == .svg ? SVGImage.inspect(bytes) : ImageHeader.size(of: bytes, format: format)
        switch result {
        case .success(let size): file.imageSize = size
        case .failure(let problem): file.refusal = problem.message
        }
        return file
    }

    /// Paths of the `files` whose names the draft `bodies` beside them mention.
    static func named(by bodies: [(section: String, body: String)], in files: [ContentFile]) -> Set<String> {
        guard !bodies.isEmpty else { return [] }
        let byFolder = Dictionary(grouping: files, by: \.folder)
        var named: Set<String> = []
        for (section, body) in bodies {
            for file in byFolder[section] ?? [] where body.contains(file.name) { named.insert(file.path) }
        }
        return named
    }

    /// FNV-1a, 64 bits.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
    }

    /// Where the site keeps published files: `files/<path in the content folder>`. `files`
    /// is a reserved top-level name, and paths in the content folder are unique, so a
    /// published file never collides with a page or with another file.
    public static let siteFolder = "files"

    /// Its path in the site: `files/ground-rules/figure.png`.
    public var sitePath: String { Self.siteFolder + "/" + path }

    /// `path` for a URL: every byte but ASCII letters, digits, `-._~` and `/` as `%XX`, so
    /// any file name (a space, `#`, `%`, `é`) names exactly that file, and the result needs
    /// no HTML escaping.
    public static func urlPath(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
