import FuzzSupport

runFuzzer(fuzzFarmYAML)
