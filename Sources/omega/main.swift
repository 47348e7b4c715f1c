import OmegaCLI

// `omega`: parses the command line and runs the command (see `Omega` in OmegaCLI).
await Omega.main()
