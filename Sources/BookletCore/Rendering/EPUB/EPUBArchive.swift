import Foundation
import ZIPFoundation

/// Packs the e-book's files into an EPUB (OCF ZIP container) with ZIPFoundation, in
/// memory, byte for byte the same from build to build: `mimetype` first and stored,
/// then the files in the order given, every entry dated `date` (UTC), with fixed
/// permissions; text files deflated.
enum EPUBArchive {
    struct Failure: Error {
        var message: String
    }

    /// The container's bytes.
    static func pack(_ files: [(path: String, bytes: [UInt8])], date: Int) throws(Failure) -> [UInt8] {
        let modified = Date(timeIntervalSince1970: TimeInterval(date))
        do {
            let archive = try Archive(accessMode: .create)
            let entries = [("mimetype", Array("application/epub+zip".utf8))] + files.map { ($0.path, $0.bytes) }
            for (index, (path, bytes)) in entries.enumerated() {
                let data = Data(bytes)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                    permissions: 0o644, compressionMethod: index == 0 ? .none : .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(message: "the e-book archive has no data") }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "cannot pack the e-book: \(error)")
        }
    }
}
