// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for everything that reads outside input: the data file readers, gzip, the decimal and
// timestamp parsers, farm.yaml and the command line's typed options. Built with
// `-sanitize=fuzzer,address -parse-as-library` by `scripts/fuzz.sh`, which also runs them on the seed corpus
// in `Fuzz/Corpus/<target>`. A finding is any crash or sanitizer report: every input must end in a typed
// error or a valid result.
let fuzzTargets: [(name: String, products: [String])] = [
    ("FuzzCandles", ["TradingCore", "TradingMarketData"]),
    ("FuzzTicks", ["TradingCore", "TradingMarketData"]),
    ("FuzzBooks", ["TradingCore", "TradingMarketData"]),
    ("FuzzGzip", ["TradingMarketData"]),
    ("FuzzNumbers", ["TradingCore"]),
    ("FuzzFarmYAML", ["TradingFarm"]),
    ("FuzzOptions", ["OmegaCLI"]),
]

let package = Package(
    name: "omega-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "omega-bot-farm", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport")
    ]
        + fuzzTargets.map { target in
            .executableTarget(
                name: target.name,
                dependencies: ["FuzzSupport"]
                    + target.products.map { .product(name: $0, package: "omega-bot-farm") }
            )
        },
    swiftLanguageModes: [.v6]
)
