// swift-tools-version:6.1
import PackageDescription

// The layers (L0 at the bottom) and every target's dependencies are tabled in the README;
// scripts/check-architecture.py checks that this file, the README and the real imports agree.

/// Settings shared by every target (see ../shared/STYLE.md, section 1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .enableUpcomingFeature("InferIsolatedConformances"),
    // Lets the optimizer inline across our layered targets in release builds (the engine's hot path runs
    // through four of them).
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "omega-bot-farm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "omega", targets: ["omega"]),
        .library(name: "OmegaCLI", targets: ["OmegaCLI"]),
        .library(name: "TradingCore", targets: ["TradingCore"]),
        .library(name: "TradingEngine", targets: ["TradingEngine"]),
        .library(name: "TradingIndicators", targets: ["TradingIndicators"]),
        .library(name: "TradingMarketData", targets: ["TradingMarketData"]),
        .library(name: "TradingReports", targets: ["TradingReports"]),
        .library(name: "TradingStrategies", targets: ["TradingStrategies"]),
        .library(name: "TradingCosmos", targets: ["TradingCosmos"]),
        .library(name: "TradingFarm", targets: ["TradingFarm"]),
        .library(name: "TradingBacktest", targets: ["TradingBacktest"]),
        .library(name: "TradingResearch", targets: ["TradingResearch"]),
        .library(name: "TradingData", targets: ["TradingData"]),
        .library(name: "ExchangeKit", targets: ["ExchangeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // L0: domain values. No dependencies.
        .target(name: "TradingCore", swiftSettings: swiftSettings),
        // L1: the deterministic engine; its backtest fast paths are package API in FastPath/ (see its README).
        .target(
            name: "TradingEngine",
            dependencies: ["TradingCore"],
            exclude: ["FastPath/README.md"],
            swiftSettings: swiftSettings
        ),
        // L1: incremental indicators (pure Double analytics).
        .target(name: "TradingIndicators", swiftSettings: swiftSettings),
        // L1: cosmic factors (Moon, Mercury, Schumann resonance, sentiment) for any time, computed offline.
        .target(name: "TradingCosmos", dependencies: ["TradingCore"], swiftSettings: swiftSettings),
        // L2: strategies written against the engine's Strategy protocol.
        .target(
            name: "TradingStrategies",
            dependencies: ["TradingCore", "TradingEngine", "TradingIndicators"],
            swiftSettings: swiftSettings
        ),
        // L0: the system zlib, for reading gzip data files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // L1: market data files: timeframes, line and CSV readers, streaming file sources, data setup.
        .target(
            name: "TradingMarketData",
            dependencies: ["TradingCore", "CZlib", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        // L1: report helpers: display formats, JSON values, atomic output files, HTML and SVG pieces.
        .target(name: "TradingReports", dependencies: ["TradingCore"], swiftSettings: swiftSettings),
        // L2: replay, simulated exchange, runner, results.
        .target(
            name: "TradingBacktest",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingReports",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // L3: the market data store (SQLite through GRDB), importers, verification and resampling.
        .target(
            name: "TradingData",
            dependencies: [
                "TradingCore", "TradingMarketData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // L3: exchange connectors: REST transport, signing, rate limits, each venue's requests and parsers.
        .target(
            name: "ExchangeKit",
            dependencies: [
                "TradingCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // L3: research on top of backtests: parameter search, walk-forward, Monte Carlo, VaR, stress tests.
        .target(
            name: "TradingResearch",
            dependencies: ["TradingCore", "TradingEngine", "TradingBacktest", "TradingReports", "TradingStrategies"],
            swiftSettings: swiftSettings
        ),
        // L3: the bot farm: personas, trader psychology, farm configuration, multi-bot backtests, read models.
        .target(
            name: "TradingFarm",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingIndicators", "TradingStrategies", "TradingMarketData",
                "TradingBacktest", "TradingReports", "TradingCosmos",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // L3, tests only: fixtures, property testing, a local HTTP server; production never imports this.
        .target(
            name: "TradingTestSupport",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingBacktest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // L3: `omega sim`, a local exchange that speaks Binance's protocols over a replayed market.
        .target(
            name: "TradingSim",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingBacktest", "TradingReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // L4: the command line: every command and its typed options, a library so the fuzzers parse with it.
        .target(
            name: "OmegaCLI",
            dependencies: [
                "TradingCore",
                "TradingEngine",
                "TradingIndicators",
                "TradingStrategies",
                "TradingMarketData",
                "TradingReports",
                "TradingBacktest",
                "TradingResearch",
                "TradingData",
                "TradingCosmos",
                "TradingFarm",
                "TradingSim",
                "ExchangeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // L5: the `omega` executable: the composition root.
        // Benchmarks: the load generator and the bare reference server of scripts/benchmark-sim.sh.
        .executableTarget(
            name: "sim-benchmark",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/SimBenchmark",
            swiftSettings: swiftSettings
        ),
        // Benchmarks: decode plus book apply of Binance depth frames (scripts/benchmark-depth.sh).
        .executableTarget(
            name: "depth-benchmark",
            dependencies: ["ExchangeKit", "TradingCore"],
            path: "Benchmarks/DepthBenchmark",
            swiftSettings: swiftSettings
        ),
        // Benchmarks: the client's own cost per order against omega sim (scripts/benchmark-client.sh).
        .executableTarget(
            name: "client-benchmark",
            dependencies: ["ExchangeKit", "TradingCore"],
            path: "Benchmarks/ClientBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "omega", dependencies: ["OmegaCLI"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TradingCoreTests",
            dependencies: ["TradingCore", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingEngineTests",
            dependencies: ["TradingCore", "TradingEngine", "TradingBacktest", "TradingReports", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingMarketDataTests",
            dependencies: ["TradingCore", "TradingMarketData", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingReportsTests",
            dependencies: ["TradingCore", "TradingReports", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingIndicatorsTests",
            dependencies: ["TradingCore", "TradingIndicators", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingCosmosTests",
            dependencies: ["TradingCore", "TradingCosmos", "TradingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingStrategiesTests",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingStrategies", "TradingMarketData", "TradingBacktest",
                "TradingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingBacktestTests",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingReports", "TradingBacktest",
                "TradingStrategies",
                "TradingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingResearchTests",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingBacktest", "TradingReports",
                "TradingStrategies", "TradingResearch", "TradingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingDataTests",
            // The store feeding a backtest is tested here too.
            dependencies: [
                "TradingCore", "TradingMarketData", "TradingData", "TradingEngine", "TradingBacktest",
                "TradingStrategies",
                "TradingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingFarmTests",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingMarketData", "TradingBacktest", "TradingCosmos", "TradingFarm",
                "TradingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TradingSimTests",
            dependencies: [
                "TradingCore", "TradingEngine", "TradingBacktest", "TradingMarketData", "TradingSim",
                "TradingTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExchangeKitTests",
            dependencies: [
                "ExchangeKit", "TradingCore", "TradingTestSupport", .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TradingTestSupport", "omega"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
