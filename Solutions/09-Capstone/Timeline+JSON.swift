import NetLabKit

extension Timeline {
    /// The timeline as one JSON object (part 6), for `--timeline FILE.json`:
    ///
    /// ```json
    /// {"phases":[{"name":"dhcp","start_ms":0.0,"elapsed_ms":1.9,"detail":"lease …","ok":true}, …],
    ///  "messages":[{"at_ms":0.1,"from":"client","to":"dhcp","label":"DISCOVER"}, …]}
    /// ```
    ///
    /// Times in milliseconds with three decimals (`fixed`); strings escaped as JSON needs
    /// (`"`, `\`, and control characters as `\n`, `\t` or `\u00XX`).
    public func json() -> String {
        let phaseObjects = phases.map { phase in
            "{\"name\":\(Self.quoted(phase.name)),\"start_ms\":\(fixed(phase.start, decimals: 3)),"
                + "\"elapsed_ms\":\(fixed(phase.elapsed, decimals: 3)),\"detail\":\(Self.quoted(phase.detail)),"
                + "\"ok\":\(phase.succeeded)}"
        }
        let messageObjects = messages.map { message in
            "{\"at_ms\":\(fixed(message.at, decimals: 3)),\"from\":\(Self.quoted(message.from.rawValue)),"
                + "\"to\":\(Self.quoted(message.to.rawValue)),\"label\":\(Self.quoted(message.label))}"
        }
        return "{\"phases\":[" + phaseObjects.joined(separator: ",") + "],\"messages\":["
            + messageObjects.joined(separator: ",") + "]}"
    }

    /// `text` as a JSON string, quotes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    let digits = Array("0123456789abcdef")
                    result += "\\u00" + String(digits[Int(scalar.value >> 4)]) + String(digits[Int(scalar.value & 15)])
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
