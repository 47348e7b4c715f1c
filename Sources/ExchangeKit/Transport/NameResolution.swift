#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks a host name up before the first request to it, so that a name that does not resolve (no network,
/// a typo) fails in milliseconds: AsyncHTTPClient would keep retrying the connection until its connect
/// timeout, about ten seconds a request. Hosts that resolved once are not looked up again.
package actor NameResolution {
    private var resolved: Set<String> = []

    package init() {}

    /// Throws a non-retryable ``TransportError`` when `host` has no address.
    package func check(_ host: String) async throws {
        if host.isEmpty || resolved.contains(host) { return }
        let failure = await Task.detached { Self.lookup(host) }.value
        if let failure {
            throw TransportError(
                retryable: false,
                description: "DNS: \(host) does not resolve (\(failure)); check the network and the host name"
            )
        }
        resolved.insert(host)
    }

    /// `nil` when `host` has an address, else getaddrinfo's message.
    private static func lookup(_ host: String) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        if let result { freeaddrinfo(result) }
        guard status != 0 else { return nil }
        return String(cString: gai_strerror(status))
    }

    /// The host of an `http(s)://host[:port]/…` URL, without brackets for an IPv6 literal.
    package static func host(of url: String) -> String {
        let characters = Array(url)
        var start = 0
        while start + 2 < characters.count
            && !(characters[start] == ":" && characters[start + 1] == "/" && characters[start + 2] == "/")
        {
            start += 1
        }
        guard start + 2 < characters.count else { return "" }
        let rest = String(characters[(start + 3)...])
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last ?? authority
        if hostAndPort.hasPrefix("[") {
            return String(hostAndPort.dropFirst().prefix { $0 != "]" })
        }
        return String(hostAndPort.prefix { $0 != ":" })
    }
}
