/// A small command-line parser, shaped like swift-argument-parser's output.
///
/// Each lab binary declares its subcommands, their positional arguments and their options,
/// and gets `--help` on every level, `USAGE:` text, and one-line errors for free:
///
/// ```swift
/// CommandLineTool(name: "lab01-ping", abstract: "UDP ping.", subcommands: [
///     Subcommand(name: "server", abstract: "Echo pings back.",
///                options: [.value("--port", "port", "Port to bind.", default: "12000")]) { args in
///         let port = try args.port("--port")
///         …
///         return 0
///     },
/// ]).run()
/// ```
///
/// Exit codes follow the house rule: 0 success, 1 runtime failure, 2 usage error.
internal import NetLabSystem

public struct CommandLineTool: Sendable {
    public let name: String
    public let abstract: String
    public let subcommands: [Subcommand]

    public init(name: String, abstract: String, subcommands: [Subcommand]) {
        self.name = name
        self.abstract = abstract
        self.subcommands = subcommands
    }

    /// Parses `CommandLine.arguments`, runs the chosen subcommand, and exits the process.
    public func run() -> Never {
        exit(run(arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses `arguments` and runs the chosen subcommand.
    ///
    /// - Returns: the process exit code.
    public func run(arguments: [String]) -> Int32 {
        // A server killed by a closed client must not die of SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        guard let first = arguments.first else {
            Console.error(overview)
            return 2
        }
        if first == "--help" || first == "-h" {
            Console.print(overview)
            return 0
        }
        if first == "help" {
            if arguments.count > 1, let command = subcommands.first(where: { $0.name == arguments[1] }) {
                Console.print(command.help(tool: name))
                return 0
            }
            Console.print(overview)
            return 0
        }
        guard let command = subcommands.first(where: { $0.name == first }) else {
            Console.error("error: unknown subcommand '\(first)'. Run '\(name) --help' to see them.")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Console.print(command.help(tool: name))
            return 0
        }
        do {
            let parsed = try ParsedArguments(rest, for: command)
            return try command.body(parsed)
        } catch let error as UsageError {
            Console.error("error: \(error.message)")
            Console.error("Usage: \(command.usageLine(tool: name))")
            Console.error("  See '\(name) \(command.name) --help' for more.")
            return 2
        } catch {
            Console.error("error: \(error)")
            return 1
        }
    }

    /// The top-level help text.
    public var overview: String {
        let width = (subcommands.map(\.name.count).max() ?? 0) + 4
        var lines = ["OVERVIEW: \(abstract)", "", "USAGE: \(name) <subcommand>", "", "SUBCOMMANDS:"]
        for command in subcommands {
            lines.append("  " + command.name.padding(width) + command.abstract)
        }
        lines += ["", "  See '\(name) help <subcommand>' for detailed help."]
        return lines.joined(separator: "\n")
    }
}

/// One subcommand: its name, arguments, options, and the code that runs it.
public struct Subcommand: Sendable {
    public let name: String
    public let abstract: String
    public let arguments: [Positional]
    public let options: [Option]
    let body: @Sendable (ParsedArguments) throws -> Int32

    /// - Parameters:
    ///   - body: runs the command; returns the exit code. Throw `UsageError` for bad
    ///     arguments (exit 2) and anything else for a runtime failure (exit 1).
    public init(
        name: String, abstract: String, arguments: [Positional] = [], options: [Option] = [],
        body: @escaping @Sendable (ParsedArguments) throws -> Int32
    ) {
        self.name = name
        self.abstract = abstract
        self.arguments = arguments
        self.options = options
        self.body = body
    }

    func usageLine(tool: String) -> String {
        var parts = [tool, name]
        parts += arguments.map { "<\($0.name.lowercased())>" }
        for option in options {
            let shown = option.valueName.map { "\(option.name) <\($0)>" } ?? option.name
            parts.append(option.repeatable ? "[\(shown) ...]" : "[\(shown)]")
        }
        return parts.joined(separator: " ")
    }

    func help(tool: String) -> String {
        var lines = ["OVERVIEW: \(abstract)", "", "USAGE: \(usageLine(tool: tool))"]
        let labels = arguments.map { "<\($0.name.lowercased())>" }
            + options.map { option in option.valueName.map { "\(option.name) <\($0)>" } ?? option.name }
        let width = (labels.map(\.count).max() ?? 0) + 3
        if !arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for (label, argument) in zip(labels, arguments) {
                lines.append("  " + label.padding(width) + argument.help)
            }
        }
        lines += ["", "OPTIONS:"]
        for (label, option) in zip(labels.dropFirst(arguments.count), options) {
            var text = option.help
            if let value = option.defaultValue { text += " (default: \(value))" }
            lines.append("  " + label.padding(width) + text)
        }
        lines.append("  " + "-h, --help".padding(width) + "Show help information.")
        return lines.joined(separator: "\n")
    }
}

/// A positional argument, such as the HOST in `lab01-ping client HOST`.
public struct Positional: Sendable {
    public let name: String
    public let help: String
    public let optional: Bool

    public init(_ name: String, _ help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
    }
}

/// A `--name value` option, or a `--name` flag when it takes no value.
public struct Option: Sendable {
    public let name: String
    public let valueName: String?
    public let help: String
    public let defaultValue: String?
    public let repeatable: Bool

    /// An option that takes a value, such as `--port 8080`.
    public static func value(
        _ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil,
        repeatable: Bool = false
    ) -> Option {
        Option(name: name, valueName: valueName, help: help, defaultValue: defaultValue, repeatable: repeatable)
    }

    /// A flag, such as `--tcp`: present or absent.
    public static func flag(_ name: String, _ help: String) -> Option {
        Option(name: name, valueName: nil, help: help, defaultValue: nil, repeatable: false)
    }
}

/// A mistake on the command line. The tool prints it with the usage line and exits 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The parsed command line of one subcommand, with typed getters that turn bad values into
/// `UsageError`s that say what was expected.
public struct ParsedArguments: Sendable {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    private var positionals: [String: String] = [:]
    private let defaults: [String: String]

    init(_ arguments: [String], for command: Subcommand) throws {
        let byName = Dictionary(uniqueKeysWithValues: command.options.map { ($0.name, $0) })
        defaults = command.options.reduce(into: [:]) { $0[$1.name] = $1.defaultValue }
        var loose: [String] = []
        var index = 0
        while index < arguments.count {
            var word = arguments[index]
            var inlineValue: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                inlineValue = String(word[word.index(after: equals)...])
                word = String(word[..<equals])
            }
            if word.hasPrefix("-") && word.count > 1 && Double(word) == nil {
                guard let option = byName[word] else {
                    throw UsageError("unknown option '\(word)'")
                }
                if option.valueName == nil {
                    if inlineValue != nil { throw UsageError("'\(word)' takes no value") }
                    flags.insert(word)
                } else {
                    let value: String
                    if let inlineValue {
                        value = inlineValue
                    } else {
                        index += 1
                        guard index < arguments.count else {
                            throw UsageError("'\(word)' needs a value <\(option.valueName!)>")
                        }
                        value = arguments[index]
                    }
                    if values[word] != nil && !option.repeatable {
                        throw UsageError("'\(word)' was given twice")
                    }
                    values[word, default: []].append(value)
                }
            } else {
                loose.append(word)
            }
            index += 1
        }
        for (offset, argument) in command.arguments.enumerated() {
            if offset < loose.count {
                positionals[argument.name] = loose[offset]
            } else if !argument.optional {
                throw UsageError("missing <\(argument.name.lowercased())>")
            }
        }
        if loose.count > command.arguments.count {
            throw UsageError("unexpected argument '\(loose[command.arguments.count])'")
        }
    }

    /// The value of a positional argument, or `nil` if an optional one was left out.
    public func argument(_ name: String) -> String? { positionals[name] }

    /// The value of an option, or its default, or `nil`.
    public func string(_ name: String) -> String? { values[name]?.last ?? defaults[name] }

    /// Every value of a repeatable option, in order (`--record a=1 --record b=2`).
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, checked against a range.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// A decimal option, checked against a range.
    public func double(
        _ name: String,
        in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    ) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// A port option (0-65535; 0 lets the kernel choose).
    public func port(_ name: String) throws -> UInt16? {
        guard let text = string(name) else { return nil }
        guard let value = UInt16(text) else {
            throw UsageError("\(name) must be a port number from 0 to 65535, not '\(text)'")
        }
        return value
    }

    /// A host to bind or reach, resolved with a port. Bad hosts are usage errors.
    public func address(host: String, port: UInt16) throws -> SocketAddress {
        do {
            return try SocketAddress.resolve(host: host, port: port)
        } catch {
            throw UsageError(error.description)
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
