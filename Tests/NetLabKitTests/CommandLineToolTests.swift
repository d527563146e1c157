import NetLabKit
import Testing

@Suite("Command-line parsing (given code)")
struct CommandLineToolTests {
    static let tool = CommandLineTool(name: "demo", abstract: "A demo.", subcommands: [
        Subcommand(
            name: "serve", abstract: "Serve.", arguments: [Positional("HOST", "Host.", optional: true)],
            options: [
                .value("--port", "port", "Port.", default: "12000"),
                .value("--loss", "fraction", "Loss.", default: "0"),
                .value("--record", "name=ip", "Record.", repeatable: true),
                .flag("--tcp", "Use TCP."),
            ]
        ) { args in
            _ = try args.port("--port")
            _ = try args.double("--loss", in: 0...1)
            if let host = args.argument("HOST") { _ = try args.address(host: host, port: 1) }
            return args.flag("--tcp") ? 7 : 0
        },
    ])

    @Test("good arguments run the subcommand and return its exit code")
    func runs() {
        #expect(Self.tool.run(arguments: ["serve", "--port", "0"]) == 0)
        #expect(Self.tool.run(arguments: ["serve", "--tcp", "--port=5"]) == 7)
        #expect(Self.tool.run(arguments: ["serve", "127.0.0.1", "--record", "a=1", "--record", "b=2"]) == 0)
    }

    @Test("usage mistakes exit 2", arguments: [
        ["serve", "--port", "99999"],
        ["serve", "--port", "http"],
        ["serve", "--loss", "1.5"],
        ["serve", "--bogus"],
        ["serve", "--port"],
        ["serve", "--port", "1", "--port", "2"],
        ["serve", "a", "b"],
        ["serve", "bad host!"],
        ["nosuch"],
        [],
    ])
    func usageErrors(arguments: [String]) {
        #expect(Self.tool.run(arguments: arguments) == 2)
    }

    @Test("--help on every level exits 0")
    func help() {
        #expect(Self.tool.run(arguments: ["--help"]) == 0)
        #expect(Self.tool.run(arguments: ["serve", "--help"]) == 0)
        #expect(Self.tool.run(arguments: ["help", "serve"]) == 0)
    }

    @Test("the overview lists the subcommands in swift-argument-parser's shape")
    func overview() {
        #expect(Self.tool.overview.hasPrefix("OVERVIEW: A demo.\n\nUSAGE: demo <subcommand>\n\nSUBCOMMANDS:\n  serve"))
    }
}
