import FuzzSupport

runFuzzer(fuzzGzip)
