import Glibc

// Wiring only: parse the command line, then hand over to the command.
let environment = ProcessEnvironment.current()
let command: Command
do {
    command = try CommandLineParser(environment: environment).parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    ProcessEnvironment.printError("interceptor: \(error.description)\n\(CommandLineParser.usage)")
    exit(2)
}

switch command {
case .help:
    print(CommandLineParser.help)
case .version:
    print("interceptor \(Version.current)")
case .serve(let options):
    // _exit: provider threads may still be inside JavaScriptCore; running C++ static destructors
    // under them could crash a clean shutdown. Logs are written unbuffered, nothing is lost.
    _exit(Serve(options: options, environment: environment).run())
case .checkConfig(let options):
    exit(CheckConfig.run(options))
case .checkScripts:
    exit(CheckScripts.run())
case .token(let options, let token):
    exit(TokenCommand.run(options, token, environment: environment))
}
