// depth-benchmark: decode plus local-book apply of Binance depthUpdate frames, for scripts/benchmark-depth.sh.
//
//   depth-benchmark FRAMES_FILE [ROUNDS]
//
// FRAMES_FILE holds one frame per line: `S<TAB>{REST snapshot}` starts a capture window, `D<TAB>{depthUpdate}`
// is a stream frame. Prints, for the best of ROUNDS rounds, the level updates a second of decode alone and of
// decode plus BinanceBookSync apply, one core.
import ExchangeKit
import Foundation
import TradingCore

let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: depth-benchmark FRAMES_FILE [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

enum Frame {
    case snapshot(DepthSnapshot)
    case diff([UInt8])
}

var frames: [Frame] = []
var levelUpdates = 0
for line in text.split(separator: "\n") {
    let body = Array(line.dropFirst(2).utf8)
    if line.hasPrefix("S") {
        frames.append(.snapshot(try BinanceDepthParsing.snapshot(body)))
    } else {
        frames.append(.diff(body))
        levelUpdates += try BinanceDepthParsing.diff(body).bids.count + BinanceDepthParsing.diff(body).asks.count
    }
}
let diffCount = frames.filter { if case .diff = $0 { true } else { false } }.count

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let decoder = BinanceDepthDecoder()
var bestDecode = Double.infinity
var bestApply = Double.infinity
var checksum: UInt64 = 0
for _ in 0..<rounds {
    var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
    let clock = ContinuousClock()
    let decodeStart = clock.now
    for frame in frames {
        guard case .diff(let bytes) = frame else { continue }
        try decoder.decode(bytes, into: &diff)
        checksum &+= diff.finalUpdateID
    }
    bestDecode = min(bestDecode, seconds(clock.now - decodeStart))

    var sync = BinanceBookSync(product: .usdm)
    let applyStart = clock.now
    for frame in frames {
        switch frame {
        case .snapshot(let snapshot):
            sync.reset()
            guard sync.start(from: snapshot) == .applied else { fatalError("the snapshot did not start the book") }
        case .diff(let bytes):
            try decoder.decode(bytes, into: &diff)
            switch sync.receive(diff) {
            case .applied, .dropped: break
            case let outcome: fatalError("the recorded stream broke: \(outcome)")
            }
        }
    }
    bestApply = min(bestApply, seconds(clock.now - applyStart))
    checksum &+= sync.lastUpdateID
}
print(
    "frames \(diffCount), level updates \(levelUpdates); decode: \(Int(Double(levelUpdates) / bestDecode)) level updates/s; "
        + "decode+apply: \(Int(Double(levelUpdates) / bestApply)) level updates/s (checksum \(checksum % 1000))"
)
