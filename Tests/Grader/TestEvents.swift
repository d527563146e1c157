// Reading Swift Testing's event stream (`swift test --experimental-event-stream-output`), one
// JSON record per line. Unlike the xUnit file, it reports each case of a parameterised test
// on its own, so one wrong case out of 14 costs one case, not the whole test.
import Foundation

/// The few fields of an event-stream record that grading needs (schema version 0).
private struct Record: Decodable {
    struct TestCase: Decodable {
        let id: String
        let displayName: String?
    }

    struct Message: Decodable {
        let symbol: String?
        let text: String
    }

    struct Issue: Decodable {
        let isKnown: Bool?
    }

    struct Payload: Decodable {
        // A "test" record (the tests that exist).
        let id: String?
        let kind: String?
        let name: String?
        let displayName: String?
        let isParameterized: Bool?
        // An "event" record (what happened).
        let testID: String?
        let _testCase: TestCase?
        let messages: [Message]?
        let issue: Issue?
    }

    let kind: String
    let payload: Payload?
}

/// Reads the event stream at `path` into one outcome per test, or per case of a
/// parameterised test. Returns `nil` if the run did not reach its end (it crashed or was
/// stopped), because then the file cannot be trusted.
func parseTestEvents(_ path: String, target: String?) -> [TestOutcome]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let decoder = JSONDecoder()
    var functions: [(id: String, name: String)] = []
    var started: Set<String> = []
    var ended: Set<String> = []
    var skipped: Set<String> = []
    /// Test id → its cases in the order they started: (case id, argument text, ended).
    var cases: [String: [(id: String, arguments: String, ended: Bool)]] = [:]
    /// "test id|case id" (case id empty for the test as a whole) → failure messages.
    var issues: [String: [String]] = [:]
    var runEnded = false

    for line in data.split(separator: UInt8(ascii: "\n")) {
        guard let record = try? decoder.decode(Record.self, from: Data(line)), let payload = record.payload else {
            continue
        }
        if record.kind == "test" {
            if payload.kind == "function", let id = payload.id {
                functions.append((id, payload.displayName ?? payload.name ?? id))
            }
            continue
        }
        guard record.kind == "event", let event = payload.kind else { continue }
        let testID = payload.testID ?? ""
        switch event {
        case "testStarted": started.insert(testID)
        case "testEnded": ended.insert(testID)
        case "testSkipped": skipped.insert(testID)
        case "testCaseStarted":
            if let testCase = payload._testCase {
                cases[testID, default: []].append((testCase.id, testCase.displayName ?? "?", false))
            }
        case "testCaseEnded":
            if let testCase = payload._testCase, let index = cases[testID]?.firstIndex(where: { $0.id == testCase.id })
            {
                cases[testID]![index].ended = true
            }
        case "issueRecorded":
            if payload.issue?.isKnown == true { continue }
            let text = (payload.messages ?? []).map(\.text).joined(separator: "\n")
            issues["\(testID)|\(payload._testCase?.id ?? "")", default: []].append(text.isEmpty ? "failed" : text)
        case "runEnded": runEnded = true
        default: break
        }
    }
    guard runEnded else { return nil }

    var outcomes: [TestOutcome] = []
    for function in functions where started.contains(function.id) || skipped.contains(function.id) {
        // `Lab01PingTests.EchoServerTests/echoesInCapitals()/EchoServerTests.swift:9:6`
        let path = function.id.split(separator: "/").first.map(String.init) ?? function.id
        let components = path.split(separator: ".").map(String.init)
        let testTarget = components.first ?? path
        if let target, testTarget != target { continue }
        let suite = components.dropFirst().first ?? path
        let whole = issues["\(function.id)|"] ?? []
        if skipped.contains(function.id) {
            outcomes.append(
                TestOutcome(target: testTarget, suite: suite, name: function.name, passed: false, messages: ["skipped"])
            )
        } else if let list = cases[function.id], !list.isEmpty {
            for testCase in list {
                var messages = whole + (issues["\(function.id)|\(testCase.id)"] ?? [])
                if !testCase.ended { messages.append("this case did not finish") }
                outcomes.append(
                    TestOutcome(
                        target: testTarget, suite: suite, name: function.name, testCase: testCase.arguments,
                        testCaseCount: list.count, passed: messages.isEmpty, messages: messages))
            }
        } else {
            var messages = whole
            if !ended.contains(function.id) { messages.append("the test did not finish") }
            outcomes.append(
                TestOutcome(
                    target: testTarget, suite: suite, name: function.name, passed: messages.isEmpty, messages: messages)
            )
        }
    }
    return outcomes
}
