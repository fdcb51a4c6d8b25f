/// Where a diagnostic points: a file path (as given to the user) and a 1-based line and column.
///
/// Line 0 means "the whole file"; column 0 means "the whole line".
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// Path as the user should see it, e.g. `content/ground-rules/confidentiality.md`.
    public var path: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column in Unicode scalars, or 0 when unknown.
    public var column: Int

    /// Creates a location; line and column default to "whole file".
    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One message for the editor, printed clang-style: `path:line:column: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How bad it is: errors fail the build, warnings fail it only with `--strict`.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// An error at `location`.
    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    /// A warning at `location`.
    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, location, message)
    }

    /// The clang-style line, without a trailing newline; control characters in the path
    /// and message are escaped, so the line is always one line of plain text.
    public var description: String {
        var prefix = location.path.escapingControlCharacters
        if location.line > 0 {
            prefix += ":\(location.line)"
            if location.column > 0 { prefix += ":\(location.column)" }
        }
        return "\(prefix): \(severity.rawValue): \(message.escapingControlCharacters)"
    }

    /// Sorted by path, line, column, then errors before warnings, then message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity == .error }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
    /// True when any diagnostic is a warning.
    public var containsWarnings: Bool { contains { $0.severity == .warning } }
}
