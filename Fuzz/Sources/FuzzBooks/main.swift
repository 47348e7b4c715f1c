import FuzzSupport

runFuzzer(fuzzBooks)
