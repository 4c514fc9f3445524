/// Where and how to reach a provider's API.
public struct APIConfiguration: Sendable {
    /// The provider's short name, used in every error line (`lago`).
    public var providerName: String
    /// The base URL, without a trailing slash (`https://api.getlago.com/api/v1`).
    public var baseURL: String
    /// The bearer key.
    public var apiKey: Secret
    /// The whole-request deadline, connect included.
    public var requestTimeout: Duration
    /// The largest response body accepted.
    public var maxBodyBytes: Int
    /// Tries per request, the first included (retries only 429, 5xx and transport failures).
    public var maxAttempts: Int

    /// Creates a configuration; refuses plain `http://` except to loopback addresses.
    public init(
        providerName: String, baseURL: String, apiKey: Secret, requestTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 16 << 20, maxAttempts: Int = 4
    ) throws(APIError) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard trimmed.hasPrefix("https://") || Self.isLoopback(trimmed) else {
            throw APIError(provider: providerName, kind: .invalidConfiguration,
                           message: "refusing \(trimmed): use https:// (plain http:// only to 127.0.0.1, ::1 or localhost)")
        }
        self.providerName = providerName
        self.baseURL = trimmed
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxAttempts = max(1, maxAttempts)
    }

    static func isLoopback(_ url: String) -> Bool {
        guard url.hasPrefix("http://") else { return false }
        let rest = url.dropFirst("http://".count)
        let host: Substring
        if rest.hasPrefix("[") {
            host = rest.prefix { $0 != "]" }.dropFirst()
        } else {
            host = rest.prefix { $0 != ":" && $0 != "/" }
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
