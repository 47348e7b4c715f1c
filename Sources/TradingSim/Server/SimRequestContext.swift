import Hummingbird
import NIOCore

/// Hummingbird's request context plus the client's address, which request weights are counted by (as
/// Binance counts them per IP).
struct SimRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
