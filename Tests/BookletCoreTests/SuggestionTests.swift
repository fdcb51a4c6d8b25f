import Testing

@testable import BookletCore

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test func nearestCandidateWithinATypoIsSuggested() {
        #expect(Suggestion.nearest(to: "silense", in: ["silence", "science", "sense"]) == "silence")
        #expect(Suggestion.nearest(to: "topcis", in: ["title", "topics", "order"]) == "topics")
        #expect(Suggestion.nearest(to: "SILENCE", in: ["silence"]) == "silence", "case-folded")
    }

    @Test func farCandidatesAreNotSuggested() {
        #expect(Suggestion.nearest(to: "xyz", in: ["silence", "topics"]) == nil)
        #expect(Suggestion.hint(for: "xyz", in: ["silence"]) == "")
    }

    @Test func tiesAreBrokenByCandidateOrder() {
        #expect(Suggestion.nearest(to: "cat", in: ["hat", "bat"]) == "bat")
    }

    @Test func identifiersFollowTheFormatRule() {
        #expect(Identifier.isValid("ground-rules"))
        #expect(Identifier.isValid("a1"))
        #expect(!Identifier.isValid("Ground"))
        #expect(!Identifier.isValid("-a"))
        #expect(!Identifier.isValid("a-"))
        #expect(!Identifier.isValid("a--b"))
        #expect(!Identifier.isValid(""))
        #expect(Identifier.suggested(from: "Shut Up!") == "shut-up")
        #expect(Identifier.suggested(from: "St Margaret's, Pittsburgh") == "st-margarets-pittsburgh")
    }
}
