import Synchronization

// The records and their lock are given, in `LocalRecords+Storage.swift`.
extension LocalRecords {
    /// Answers a question from the local data alone.
    ///
    /// CNAMEs are followed inside the local data (at most 8 links, so a CNAME loop ends):
    /// asking `www` for A, where `www` is a CNAME for `web` and `web` has an A record,
    /// answers both records (RFC 1034 §4.3.2 step 3a).
    public func lookup(_ question: DNSQuestion) -> LocalAnswer {
        table.withLock { table in
            var answers: [ResourceRecord] = []
            var name = question.name
            for _ in 0..<8 {
                guard let records = table.byName[name], !records.isEmpty else {
                    if !answers.isEmpty { return .answer(answers) }
                    if let soa = Self.zone(of: name, in: table) { return .nameError(soa: soa) }
                    return .notLocal
                }
                let matching = question.type == .any ? records : records.filter { $0.type == question.type }
                if !matching.isEmpty { return .answer(answers + matching) }
                if question.type != .cname, let alias = records.first(where: { $0.type == .cname }),
                    case .cname(let target) = alias.data
                {
                    answers.append(alias)
                    name = target
                    continue
                }
                return answers.isEmpty ? .noData(soa: Self.zone(of: name, in: table)) : .answer(answers)
            }
            return .answer(answers)
        }
    }
}
