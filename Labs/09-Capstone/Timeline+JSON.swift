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
        // TODO: part 6.
        ""
    }
}
