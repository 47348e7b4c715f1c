import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

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

/// Sends requests. The real one is ``AsyncHTTPTransport``; tests drive it against a local server.
public protocol HTTPTransport: Sendable {
    func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse
    /// Sends `request` to `baseURL` (scheme, host and port). Throws ``TransportError``; its `sent` says
    /// whether the request may have reached the venue.
    func send(_ request: VenueRequest, baseURL: String, timeout: Duration) async throws -> HTTPResponse
}

extension HTTPTransport {
    /// GET-only transports (tests of the kline downloader) send GETs through ``get(_:headers:timeout:)``.
    public func send(_ request: VenueRequest, baseURL: String, timeout: Duration) async throws -> HTTPResponse {
        guard request.method == .get else {
            throw TransportError(retryable: false, description: "this transport only sends GET requests")
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name] = value }
        return try await get(baseURL + request.target, headers: headers, timeout: timeout)
    }
}

/// GET over AsyncHTTPClient, with a deadline per request and a cap on the body size.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let maximumBody: Int
    private let names = NameResolution()

    public init(maximumBody: Int = 64 << 20) {
        client = HTTPClient(eventLoopGroupProvider: .singleton)
        self.maximumBody = maximumBody
    }

    /// Closes the connection pool; call once when done.
    public func shutdown() async throws { try await client.shutdown() }

    public func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse {
        try await names.check(NameResolution.host(of: url))
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "omega-bot-farm")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let seconds = timeout.components.seconds
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .seconds(max(1, seconds)))
            body = try await response.body.collect(upTo: maximumBody)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TransportError(classifying: error)
        }
        var names: [String: String] = [:]
        for header in response.headers { names[header.name.lowercased()] = header.value }
        return HTTPResponse(status: Int(response.status.code), headers: names, body: Array(buffer: body))
    }

    public func send(_ request: VenueRequest, baseURL: String, timeout: Duration) async throws -> HTTPResponse {
        let url = baseURL + request.target
        try await names.check(NameResolution.host(of: url))
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        outgoing.headers.add(name: "User-Agent", value: "omega-bot-farm")
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(string: request.body)) }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            let milliseconds = max(1, Int64((timeout / .milliseconds(1)).rounded()))
            response = try await client.execute(outgoing, timeout: .milliseconds(milliseconds))
            body = try await response.body.collect(upTo: maximumBody)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TransportError(classifying: error)
        }
        var names: [String: String] = [:]
        for header in response.headers { names[header.name.lowercased()] = header.value }
        return HTTPResponse(status: Int(response.status.code), headers: names, body: Array(buffer: body))
    }
}

/// A request that failed below HTTP, with whether trying again can help. A name that does not resolve, a TLS
/// handshake or certificate that fails, or a malformed URL will not fix themselves in the next seconds, so
/// clients give up at once; timeouts, refused or dropped connections are retried.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public let retryable: Bool
    public let description: String
    /// Whether the request may have reached the server: false only when no connection was made (DNS, TLS,
    /// a refused or timed-out connect, a malformed URL).
    public let mayHaveBeenSent: Bool

    public init(retryable: Bool, description: String, mayHaveBeenSent: Bool = false) {
        self.retryable = retryable
        self.description = description
        self.mayHaveBeenSent = mayHaveBeenSent
    }

    /// Classifies an error from AsyncHTTPClient and SwiftNIO.
    public init(classifying error: any Error) {
        let text = "\(error)"
        if let error = error as? TransportError {
            self = error
        } else if error is SocketAddressError || error is SocketAddressError.UnknownHost {
            self.init(retryable: false, description: "DNS: \(text)")
        } else if let connection = error as? NIOConnectionError, connection.connectionErrors.isEmpty,
            connection.dnsAError != nil || connection.dnsAAAAError != nil
        {
            self.init(retryable: false, description: "DNS: \(text)")
        } else if String(reflecting: type(of: error)).hasPrefix("NIOSSL.") {
            // TLS errors come from NIOSSL, which AsyncHTTPClient uses but does not re-export.
            self.init(retryable: false, description: "TLS: \(text)")
        } else if let client = error as? HTTPClientError,
            [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(client)
        {
            self.init(retryable: false, description: text)
        } else if error is NIOConnectionError || (error as? HTTPClientError) == .connectTimeout
            || (error as? ChannelError).map({ if case .connectTimeout = $0 { true } else { false } }) == true
            || text.contains("connectionRefused") || text.contains("Connection refused")
        {
            self.init(retryable: true, description: text)
        } else {
            // A read timeout, a reset or a closed connection: the request may have been sent.
            self.init(retryable: true, description: text, mayHaveBeenSent: true)
        }
    }
}
