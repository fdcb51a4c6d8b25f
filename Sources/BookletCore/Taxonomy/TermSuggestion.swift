/// The term an editor meant by a value that is no term id: often the term's visible title
/// or an alias (`Holding back` for `holding-back`), else a misspelt id.
enum TermSuggestion {
    /// "; 'Holding back' is the title of term 'holding-back': write its id", or
    /// "; did you mean 'x'?", or "".
    static func hint(for written: String, in vocabulary: Vocabulary) -> String {
        // Titles are stored with smart punctuation; the value is compared the same way.
        let folded = Words.fold(SmartPunctuation.apply(written.trimmingSpaces))
        if let term = vocabulary.terms.first(where: { Words.fold($0.title) == folded }) {
            return "; '\(written)' is the title of term '\(term.id)': write its id, '\(term.id)'"
        }
        if let term = vocabulary.terms.first(where: { $0.aliases.contains { Words.fold(SmartPunctuation.apply($0)) == folded } }) {
            return "; '\(written)' is an alias of term '\(term.id)': write its id, '\(term.id)'"
        }
        let ids = vocabulary.terms.map(\.id)
        let asID = Identifier.suggested(from: written)
        if asID != written, ids.contains(asID) { return "; did you mean '\(asID)'?" }
        return Suggestion.hint(for: written, in: ids)
    }
}
