/// The version printed by `booklet --version`.
public enum BookletVersion {
    public static let current = "0.1.0"
}
