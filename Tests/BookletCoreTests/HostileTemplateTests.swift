import Foundation
import Testing

@testable import BookletCore

/// Templates that would never end, or nest without bound: an error at the template's
/// file, line and column, the previous site kept, nothing left beside it, never a crash.
@Suite("Hostile input: templates")
struct HostileTemplateTests {
    @Test func layoutInheritingFromItselfIsAnErrorAtItsTag() async throws {
        try await expectAfterDamage { scratch in
            let path = scratch.templates + "/html/layout.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try ("{{<layout}}{{/layout}}\n" + text).write(toFile: path, atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(
                report, path: "templates/html/layout.mustache", line: 1, column: 1,
                "template includes itself ('layout' → 'layout'), so it would never end")
        }
    }

    @Test func partialsIncludingEachOtherAreAnErrorAtTheTagThatClosesTheCircle() async throws {
        try await expectAfterDamage { scratch in
            try "a {{> loop-b}}\n".write(toFile: scratch.templates + "/html/loop-a.mustache", atomically: false, encoding: .utf8)
            try "b\n  {{> loop-a}}\n".write(
                toFile: scratch.templates + "/html/loop-b.mustache", atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(
                report, path: "templates/html/loop-b.mustache", line: 2, column: 3,
                "template includes itself ('loop-a' → 'loop-b' → 'loop-a')")
        }
    }

    @Test func partialRecursingThroughASectionStopsWithAnErrorAtItsTag() async throws {
        // Inside a section the recursion could end with the data; over the same list it
        // never does, and rendering stops at the depth limit instead of the stack's.
        try await expectAfterDamage { scratch in
            let path = scratch.templates + "/html/search.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "{{$content}}\n", with: "{{$content}}\n{{> deeper}}\n").write(
                toFile: path, atomically: false, encoding: .utf8)
            try "{{#nav_sections}}{{> deeper}}{{/nav_sections}}".write(
                toFile: scratch.templates + "/html/deeper.mustache", atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(
                report, path: "templates/html/deeper.mustache", line: 1, column: 18,
                "template recursion does not end at 'deeper'")
        }
    }

    @Test func hundredThousandNestedSectionsAreASyntaxError() async throws {
        try await expectAfterDamage { scratch in
            try String(repeating: "{{#a}}", count: 100_000).write(
                toFile: scratch.templates + "/html/search.mustache", atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(
                report, path: "templates/html/search.mustache", line: 1, column: 601,
                "nested more than 100 deep")
        }
    }

    @Test func missingLayoutIsOneErrorNotOnePerPageTemplate() async throws {
        try await expectAfterDamage { scratch in
            try FileManager.default.removeItem(atPath: scratch.templates + "/html/layout.mustache")
        } _: { report, _ in
            #expect(report.hostileErrors.map(\.message) == ["required template is missing"], "\(report.lines)")
            expectHostileError(report, path: "templates/html/layout.mustache", "required template is missing")
        }
    }
}
