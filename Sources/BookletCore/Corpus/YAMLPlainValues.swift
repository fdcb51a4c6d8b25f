import Yams

extension YAMLReader {
    /// Whether the composed YAML is plain data Booklet can read in time proportional to the
    /// file, without control characters; reports the first anchor (`&name`), alias
    /// (`*name`) or control character in a value and stops there.
    ///
    /// An alias stands for a whole copy of its anchored value, so a 200 KB `taxonomy.yml`
    /// of 4,000 terms sharing one anchored list of 4,000 aliases reads as 16 million values
    /// (and a "billion laughs" file as a billion). None of Booklet's files needs them.
    /// Yams resolves an alias to the anchored node itself, anchor and all, so the first
    /// anchored node met in document order is the anchor's definition; nothing before it
    /// is a copy, so the walk is linear in the file.
    mutating func checkPlainValues(_ root: Node) -> Bool {
        var pending = [root]
        while let node = pending.popLast() {
            if node.anchor != nil {
                error(
                    at: location(of: node),
                    "YAML anchors ('&name') and aliases ('*name') are not supported; write each value out in full")
                return false
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in Array(mapping).reversed() { pending += [value, key] }
            case .sequence(let sequence):
                pending += Array(sequence).reversed()
            case .scalar(let scalar):
                // An escape in a quoted value ("\e", "\r", "\a") writes a control character
                // the file itself does not contain.
                if let control = scalar.string.unicodeScalars.first(where: \.isForbiddenControl) {
                    error(
                        at: location(of: node),
                        "value contains the control character \(control.codePoint); remove the escape that writes it")
                    return false
                }
            case .alias:
                break
            }
        }
        return true
    }
}

extension Node {
    /// The anchor of a scalar, list or mapping (nil once the parser that made it is gone).
    fileprivate var anchor: Anchor? {
        switch self {
        case .scalar(let scalar): return scalar.anchor
        case .mapping(let mapping): return mapping.anchor
        case .sequence(let sequence): return sequence.anchor
        case .alias: return nil
        }
    }
}
