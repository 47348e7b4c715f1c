import FuzzSupport

runFuzzer(fuzzCandles)
