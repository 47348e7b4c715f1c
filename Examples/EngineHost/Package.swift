// swift-tools-version:6.1
import PackageDescription

// A package of its own, outside `omega-bot-farm`: it sees only the public API (no `package` symbol), so its
// build proves that a strategy and a host can be written against the engine's contract alone. CI builds and
// runs it (`.ci/run`).
let package = Package(
    name: "engine-host-example",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "omega-bot-farm", path: "../..")],
    targets: [
        .executableTarget(
            name: "engine-host",
            dependencies: [
                .product(name: "TradingCore", package: "omega-bot-farm"),
                .product(name: "TradingEngine", package: "omega-bot-farm"),
                .product(name: "TradingMarketData", package: "omega-bot-farm"),
                .product(name: "TradingBacktest", package: "omega-bot-farm"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        )
    ],
    swiftLanguageModes: [.v6]
)
