import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// An HTTP response as the exchange clients need it.
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends GET requests. The real one is ``AsyncHTTPTransport``; tests drive it against a local server.
public protocol HTTPTransport: Sendable {
    func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse
}

/// GET over AsyncHTTPClient, with a deadline per request and a cap on the body size.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let maximumBody: Int

    public init(maximumBody: Int = 64 << 20) {
        client = HTTPClient(eventLoopGroupProvider: .singleton)
        self.maximumBody = maximumBody
    }

    /// Closes the connection pool; call once when done.
    public func shutdown() async throws { try await client.shutdown() }

    public func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "omega-bot-farm")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let seconds = timeout.components.seconds
        let response = try await client.execute(request, timeout: .seconds(max(1, seconds)))
        let body = try await response.body.collect(upTo: maximumBody)
        var names: [String: String] = [:]
        for header in response.headers { names[header.name.lowercased()] = header.value }
        return HTTPResponse(status: Int(response.status.code), headers: names, body: Array(buffer: body))
    }
}
