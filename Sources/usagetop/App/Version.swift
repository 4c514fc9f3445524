/// The release, printed by `usagetop --version`.
enum UsagetopVersion {
    /// Semantic version of this build.
    static let text = "0.9.0"
}
