import Foundation
import Testing

@testable import BookletCore

// Replays every committed fuzz input (Tests/Fuzz/crashes/<target>/ and the seeds in
// Tests/Fuzz/corpus/<target>/) through the libFuzzer harness itself (FuzzHarness.swift is
// a link to Tests/Fuzz/Harness.swift), so a fixed crash stays fixed under plain
// `swift test`. Here a broken invariant records an issue instead of stopping the process.

/// Records an issue when an invariant of the fuzz harness does not hold.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { Issue.record("invariant violated: \(message())") }
}

@Suite("Hostile input: fuzz regressions")
struct HostileFuzzRegressionTests {
    static let fuzzFolder = Repository.root.path + "/Tests/Fuzz"

    /// (target, file name) of every committed crash and seed.
    static let inputs: [String] = {
        var result: [String] = []
        for kind in ["crashes", "corpus"] {
            for target in ["FrontMatter", "Links", "Slugs", "Templates", "TextLayout", "YAML"] {
                let folder = fuzzFolder + "/" + kind + "/" + target
                for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
                where !name.hasPrefix(".") {
                    result.append(kind + "/" + target + "/" + name)
                }
            }
        }
        return result
    }()

    @Test func thereAreInputsToReplay() {
        #expect(Self.inputs.contains { $0.hasPrefix("corpus/FrontMatter/") })
        #expect(Self.inputs.contains { $0.hasPrefix("corpus/YAML/") })
        #expect(Self.inputs.contains { $0.hasPrefix("corpus/Templates/") })
        #expect(Self.inputs.contains { $0.hasPrefix("crashes/") })
    }

    @Test(arguments: inputs)
    func replay(_ input: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fuzzFolder + "/" + input)))
        switch input.split(separator: "/")[1] {
        case "FrontMatter": fuzzFrontMatter(bytes)
        case "Links": fuzzLinks(bytes)
        case "TextLayout": fuzzTextLayout(bytes)
        case "YAML": fuzzYAML(bytes)
        case "Templates": fuzzTemplates(bytes)
        default: fuzzSlugs(bytes)
        }
    }
}
