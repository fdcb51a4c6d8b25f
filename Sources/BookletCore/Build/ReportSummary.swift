extension Pipeline.Report {
    /// " (2 drafts skipped)", or nothing when no entry is a draft.
    public var draftsSkipped: String {
        draftCount == 0 ? "" : " (\(draftCount) draft\(draftCount == 1 ? "" : "s") skipped)"
    }

    /// What the diagnostics add up to, for the last line the editor reads: "no problems",
    /// "2 warnings", "1 error, 2 warnings".
    public var problemSummary: String {
        let errors = diagnostics.count(where: { $0.severity == .error })
        let warnings = diagnostics.count - errors
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (0, _): return counted(warnings, "warning")
        case (_, 0): return counted(errors, "error")
        default: return counted(errors, "error") + ", " + counted(warnings, "warning")
        }
    }

    /// What `booklet build` and `booklet serve` print on standard error for a run: every
    /// diagnostic, then "1 error, 2 warnings" (nothing when there are none).
    public var diagnosticLines: [String] {
        guard !diagnostics.isEmpty else { return [] }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return diagnostics.map(\.description) + [
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        ]
    }
}
