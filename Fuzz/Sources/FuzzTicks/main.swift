import FuzzSupport

runFuzzer(fuzzTicks)
