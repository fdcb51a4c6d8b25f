import Yams

extension YAMLReader {
    /// Reads `node` as the list `key` of items with an `id` and a `title` (sections, terms,
    /// handouts): each item must be a mapping, keys outside `id`, `title` and `fields` are
    /// warned about, and an item without a valid id is reported and left out. Every other
    /// key goes to `field` in the order written, then `accept` checks the whole item (and
    /// may drop it), so problems are reported in the order they are written.
    ///
    /// - Parameters:
    ///   - what: the item as messages name it, "a term".
    ///   - kind: the item in "… id 'x' is not valid", "term".
    ///   - owner: the item in "… needs an 'id'", "a term of 'topics'".
    ///   - make: a blank item at the item's location.
    /// - Returns: the items with valid ids that `accept` kept, in order.
    mutating func itemsWithIDs<Item>(
        _ node: Node, key: String, what: String, kind: String, owner: String, fields: [String],
        id: WritableKeyPath<Item, String>, title: WritableKeyPath<Item, String>,
        make: (SourceLocation) -> Item,
        field: (inout YAMLReader, inout Item, String, Node) -> Void,
        accept: (inout YAMLReader, inout Item, _ idLocation: SourceLocation) -> Bool
    ) -> [Item] {
        guard let items = list(node, key: key) else { return [] }
        var result: [Item] = []
        for node in items {
            guard let pairs = pairs(of: node, what: what) else { continue }
            warnUnknownKeys(pairs, known: ["id", "title"] + fields, in: what)
            let itemLocation = location(of: node)
            var item = make(itemLocation)
            var idLocation = itemLocation
            for (key, value) in pairs {
                switch key.value {
                case "id":
                    item[keyPath: id] = nonEmptyString(value, key: "id") ?? ""
                    idLocation = location(of: value)
                case "title": item[keyPath: title] = nonEmptyProse(value, key: "title") ?? ""
                default: field(&self, &item, key.value, value)
                }
            }
            guard checkID(item[keyPath: id], kind: kind, owner: owner, item: itemLocation, value: idLocation)
                && accept(&self, &item, idLocation)
            else { continue }
            result.append(item)
        }
        return result
    }
}
