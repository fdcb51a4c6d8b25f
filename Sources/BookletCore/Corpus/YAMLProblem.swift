/// libyaml's problem descriptions ("mapping values are not allowed in this context")
/// rewritten for editors: what the slip usually is and how to fix it.
enum YAMLProblem {
    /// Rewrites, by the start of libyaml's description.
    private static let explanations: [(prefix: String, explanation: String)] = [
        (
            "mapping values are not allowed",
            "':' cannot appear here; if it is part of the text, put the whole value in quotes (title: \"Holding: back\"); if it starts a key, line the key up with the keys above"
        ),
        (
            "found character that cannot start any token",
            "a value cannot start with this character (such as ` @ or %); put the whole value in quotes"
        ),
        (
            "found unexpected end of stream",
            "a quote or bracket opened above is not closed; close it at the end of its value"
        ),
        (
            "did not find expected ',' or ']'",
            "a list in [ ] is not closed; end it with ']' on the same line and separate its items with ','"
        ),
        (
            "did not find expected ',' or '}'",
            "a '{' is not closed; end it with '}', or put the whole value in quotes"
        ),
        (
            "did not find expected key",
            "this line does not fit the lines above it; check its indentation, and that every quote is closed (in '...', an apostrophe is written '')"
        ),
        (
            "could not find expected ':'",
            "a line above is not 'key: value'; add the ':' after its key, or put a value that spans lines in quotes"
        ),
        (
            "found unknown escape character",
            "a backslash inside double quotes must start an escape; write \\\\ for a backslash, or use single quotes"
        ),
        (
            "block sequence entries are not allowed",
            "a '- ' list item cannot follow a value on the same line; put each item on its own line under the key, indented"
        ),
        (
            "did not find expected '-' indicator",
            "this line is indented like a list item but does not start with '- '; fix its indentation"
        ),
    ]

    /// The message for libyaml's `problem`, starting "invalid YAML: ".
    static func message(_ problem: String) -> String {
        let explanation = explanations.first { problem.hasPrefix($0.prefix) }?.explanation ?? problem
        return "invalid YAML: " + explanation
    }
}
