/// A problem that is not the content's, said in one message and ending the command with
/// exit status 2: a missing folder, an output folder Booklet may not replace, a write
/// that failed, an entry `booklet new` refuses to create.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    /// An error saying `message`.
    public init(message: String) { self.message = message }
}
