import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers from a route closure and records requests.
/// For tests only: it speaks the providers' documented shapes as the tests write them.
public final class TestHTTPServer: Sendable {
    /// A canned answer.
    public struct Reply: Sendable {
        public var status: HTTPResponseStatus = .ok
        public var headers: [(String, String)] = [("Content-Type", "application/json")]
        public var body: String = "{}"
        /// Answer only after this long (for timeout tests).
        public var delay: TimeAmount = .zero
        /// When set, the head goes out at once and the body one byte per this interval (a server that drips).
        public var drip: TimeAmount?

        /// Creates a reply.
        public init(
            status: HTTPResponseStatus = .ok, headers: [(String, String)] = [("Content-Type", "application/json")],
            body: String = "{}", delay: TimeAmount = .zero, drip: TimeAmount? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.drip = drip
        }
    }

    /// What the server was asked.
    public struct Request: Sendable {
        /// 1 for the first request the server received, 2 for the second, and so on.
        public var number: Int = 0
        public var method: String = "GET"
        public var uri: String
        public var body: String = ""
        public var authorization: String?
        /// Every request header, in order.
        public var headers: [(String, String)] = []
        /// The path without the query.
        public var path: String { String(uri.prefix { $0 != "?" }) }
        /// The decoded query parameters.
        public var query: [String: String] {
            guard let q = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
            return Dictionary(
                q.split(separator: "&").map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1).map {
                        String($0).removingPercentEncoding ?? String($0)
                    }
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Requests seen, shared by the server and its connection handlers.
    final class RequestLog: Sendable {
        private let entries = Mutex<[Request]>([])
        private let load = Mutex((now: 0, peak: 0))
        /// A request is being answered.
        func enter() {
            load.withLock {
                $0.now += 1; $0.peak = max($0.peak, $0.now)
            }
        }
        /// An answer went out.
        func leave() { load.withLock { $0.now -= 1 } }
        /// The most requests answered at once.
        var peak: Int { load.withLock { $0.peak } }
        /// Numbers and records a request; returns it with its number.
        func append(_ request: Request) -> Request {
            entries.withLock { all in
                var numbered = request
                numbered.number = all.count + 1
                all.append(numbered)
                return numbered
            }
        }
        var all: [Request] { entries.withLock { $0 } }
    }

    /// One event loop serves every test server of the process (nothing to shut down per server).
    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: Channel
    private let log = RequestLog()
    private let connections = Connections()
    /// The base URL, e.g. `http://127.0.0.1:54321`.
    public let baseURL: String

    /// Starts a server that answers every request with `route`, on `port` (0 picks a free one; a stopped server's
    /// port can be taken again, to bring a backend back).
    public init(port: Int = 0, route: @escaping @Sendable (Request) -> Reply) throws {
        let log = self.log
        let connections = self.connections
        channel = try ServerBootstrap(group: Self.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(route: route, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: port).wait()
        baseURL = "http://127.0.0.1:\(channel.localAddress!.port!)"
    }

    /// Every request so far.
    public var requests: [Request] { log.all }

    /// The most requests the server was answering at one time (received, reply not yet written).
    public var peakInFlight: Int { log.peak }

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Stops listening and drops every open connection, so new ones are refused (a backend that went away).
    public func stop() {
        try? channel.close().wait()
        for connection in connections.all { try? connection.close().wait() }
    }

    deinit {
        channel.close(promise: nil)
        for connection in connections.all { connection.close(promise: nil) }
    }

    /// Accepted connections, so `stop` can drop them.
    private final class Connections: Sendable {
        private let channels = Mutex<[Channel]>([])
        func add(_ channel: Channel) { channels.withLock { $0.append(channel) } }
        var all: [Channel] { channels.withLock { $0 } }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let route: @Sendable (Request) -> Reply
        let log: RequestLog
        var head: HTTPRequestHead?
        var body = ""

        init(route: @escaping @Sendable (Request) -> Reply, log: RequestLog) {
            self.route = route
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = ""
            case .body(var buffer): body += buffer.readString(length: buffer.readableBytes) ?? ""
            case .end:
                guard let head else { return }
                let request = log.append(
                    Request(
                        method: head.method.rawValue, uri: head.uri, body: body,
                        authorization: head.headers.first(name: "Authorization"),
                        headers: head.headers.map { ($0.name, $0.value) }))
                let reply = route(request)
                log.enter()
                if reply.delay == .zero {
                    write(reply, context: context)
                } else {
                    let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                    context.eventLoop.scheduleTask(in: reply.delay) {
                        bound.value.0.write(reply, context: bound.value.1)
                    }
                }
            }
        }

        func write(_ reply: Reply, context: ChannelHandlerContext) {
            log.leave()
            var headers = HTTPHeaders(reply.headers)
            let body = context.channel.allocator.buffer(string: reply.body)
            headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))),
                promise: nil)
            if let interval = reply.drip {
                context.flush()
                drip(Array(body.readableBytesView)[...], every: interval, context: context)
                return
            }
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        /// Sends one byte, then the rest later, until the body is out or the client has gone.
        private func drip(_ bytes: ArraySlice<UInt8>, every interval: TimeAmount, context: ChannelHandlerContext) {
            guard context.channel.isActive else { return }
            guard let first = bytes.first else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            context.writeAndFlush(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: [first])))),
                promise: nil)
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: interval) {
                bound.value.0.drip(bytes.dropFirst(), every: interval, context: bound.value.1)
            }
        }
    }
}
