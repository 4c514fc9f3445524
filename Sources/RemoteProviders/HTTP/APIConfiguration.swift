import UsageCore

/// Where and how to reach a provider's API.
public struct APIConfiguration: Sendable {
    /// The provider's short name, used in every error line (`lago`).
    public var providerName: String
    /// The base URL in canonical form, without a trailing slash (`https://api.getlago.com/api/v1`).
    public var baseURL: String
    /// The bearer key.
    public var apiKey: Secret
    /// The deadline of one whole exchange: connecting, the response head and the whole body.
    public var requestTimeout: Duration
    /// The largest response body accepted.
    public var maxBodyBytes: Int
    /// Tries per request, the first included (retries only 429, 5xx and transport failures).
    public var maxAttempts: Int
    /// The most pages one listing may take; a server that keeps announcing more past it is an error, not a loop.
    public var maxPages: Int

    /// Creates a configuration. Refuses a base URL that does not parse strictly (user names, passwords, queries,
    /// ports outside 1–65535), plain `http://` except to a loopback host, and a key that cannot travel in a header.
    /// No error line shows the key.
    public init(
        providerName: String, baseURL: String, apiKey: Secret, requestTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 16 << 20, maxAttempts: Int = 4, maxPages: Int = 2_000
    ) throws(APIError) {
        func refuse(_ message: String) -> APIError {
            APIError(provider: providerName, kind: .invalidConfiguration, message: message)
        }
        let url: BaseURL
        switch BaseURL.parse(baseURL) {
        case .success(let parsed): url = parsed
        case .failure(let problem): throw refuse("refusing the base URL: it \(problem.reason)")
        }
        guard url.scheme == "https" || url.isLoopback else {
            throw refuse("refusing \(url.text): use https:// (plain http:// only to 127.0.0.0/8, ::1 or localhost)")
        }
        guard !apiKey.value.isEmpty, apiKey.value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw refuse("the API key is empty or holds a space, control or non-ASCII character; it cannot be sent")
        }
        self.providerName = providerName
        self.baseURL = url.text
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxAttempts = max(1, maxAttempts)
        self.maxPages = max(1, maxPages)
    }

    /// The error for a listing at `path` that still announced more after `maxPages` pages.
    func tooManyPages(_ path: String) -> APIError {
        pagingProblem(path, "still more after \(maxPages) pages; stopped (the server keeps announcing more)")
    }

    /// The error for a listing at `path` that `PageGuard` stopped.
    func pagingProblem(_ path: String, _ problem: String) -> APIError {
        APIError(provider: providerName, kind: .malformed, message: "GET \(path): \(problem)")
    }

    /// Removes this configuration's key from network text.
    public var scrubber: SecretScrubber { SecretScrubber(key: apiKey.value) }
}
