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
}
