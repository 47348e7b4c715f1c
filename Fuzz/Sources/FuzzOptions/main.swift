import FuzzSupport

runFuzzer(fuzzOptions)
