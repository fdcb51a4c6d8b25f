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

    /// The container's bytes. Each file is released from `files` once packed, so the
    /// book is never held twice.
    static func pack(_ files: inout [OutputFile], date: Int) throws(Failure) -> [UInt8] {
        let modified = Date(timeIntervalSince1970: TimeInterval(date))
        do {
            let archive = try Archive(accessMode: .create)
            try add(archive, "mimetype", Data("application/epub+zip".utf8), date: modified, compressed: false)
            for index in files.indices {
                let data = files[index].withBytes { Data($0) }
                files[index] = OutputFile(path: files[index].path, bytes: [])
                try add(archive, files[index].path, data, date: modified, compressed: true)
            }
            guard let data = archive.data else { throw Failure(message: "the e-book archive has no data") }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "cannot pack the e-book: \(error)")
        }
    }

    private static func add(_ archive: Archive, _ path: String, _ data: Data, date: Date, compressed: Bool) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            permissions: 0o644, compressionMethod: compressed ? .deflate : .none
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
