import Foundation
import Lab02HTTP
import Lab03Proxy
import NetLabKit
import Testing

/// Part 6: freshness over the wire, conditional GET to the origin, and the client's own.
@Suite struct RevalidationTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let headers: [String]
        /// X-Cache of the second request.
        let second: String
        /// Origin requests after both.
        let originRequests: Int
        var requestHeaders: [String] = []
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "max-age: hit", headers: ["Cache-Control: max-age=600"], second: "HIT", originRequests: 1),
        Case(
            name: "Expires in the future: hit", headers: ["Expires: \(httpDate(600))"], second: "HIT",
            originRequests: 1),
        Case(
            name: "old Last-Modified: heuristic hit", headers: ["Last-Modified: \(httpDate(-100_000))"],
            second: "HIT", originRequests: 1),
        Case(name: "no-store: miss", headers: ["Cache-Control: no-store"], second: "MISS", originRequests: 2),
        Case(
            name: "private: miss", headers: ["Cache-Control: private, max-age=600"], second: "MISS",
            originRequests: 2),
        Case(name: "no validator, no freshness: miss", headers: [], second: "MISS", originRequests: 2),
        Case(
            name: "no-cache with ETag: revalidated", headers: ["Cache-Control: no-cache", "ETag: \"v1\""],
            second: "REVALIDATED", originRequests: 2),
        Case(
            name: "max-age=0 with Last-Modified: revalidated",
            headers: ["Cache-Control: max-age=0", "Last-Modified: \(httpDate(-100_000))"], second: "REVALIDATED",
            originRequests: 2),
        Case(
            name: "Expires in the past with ETag: revalidated", headers: ["Expires: \(httpDate(-60))", "ETag: \"e\""],
            second: "REVALIDATED", originRequests: 2),
        Case(
            name: "Age past max-age: revalidated", headers: ["Cache-Control: max-age=60", "Age: 100", "ETag: \"a\""],
            second: "REVALIDATED", originRequests: 2),
        Case(
            name: "request no-cache forces revalidation", headers: ["Cache-Control: max-age=600", "ETag: \"r\""],
            second: "REVALIDATED", originRequests: 2, requestHeaders: ["Cache-Control: no-cache"]),
        Case(
            name: "Vary: * is never stored", headers: ["Cache-Control: max-age=600", "Vary: *"], second: "MISS",
            originRequests: 2),
    ]

    /// An origin that sends `headers` with 200, and 304 to a conditional request.
    static func origin(_ headers: [String], body: String = "body") throws -> ScriptedOrigin {
        try ScriptedOrigin { _, request in
            if request.has("If-None-Match") || request.has("If-Modified-Since") {
                return .reply(response(status: 304, headers: headers.filter { !$0.hasPrefix("Age:") }))
            }
            return .reply(response(headers: headers, body: body))
        }
    }

    @Test("the second request's X-Cache and the origin's count follow the response's headers", arguments: cases)
    func table(_ item: Case) throws {
        let origin = try RevalidationTests.origin(item.headers)
        let proxy = try RunningProxy()
        let first = try proxy.get(origin.url("/t"))
        let second = try proxy.get(origin.url("/t"), headers: item.requestHeaders)
        #expect(first.cache == "MISS")
        #expect(second.cache == item.second)
        #expect(second.status == 200)
        #expect(second.text == "body")
        #expect(origin.count == item.originRequests)
    }

    @Test("revalidation sends If-None-Match from ETag and If-Modified-Since from Last-Modified")
    func conditionalHeaders() throws {
        let modified = httpDate(-100_000)
        let origin = try RevalidationTests.origin([
            "Cache-Control: no-cache", "ETag: \"tag\"", "Last-Modified: \(modified)",
        ])
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/v"))
        _ = try proxy.get(origin.url("/v"))
        let second = try #require(origin.requests.last)
        #expect(second.header("If-None-Match") == "\"tag\"")
        #expect(second.header("If-Modified-Since") == modified)
    }

    @Test("a 304 refreshes the entry: the next request within the new max-age is a hit")
    func notModifiedRefreshes() throws {
        let origin = try ScriptedOrigin { _, request in
            if request.has("If-None-Match") {
                return .reply(
                    response(status: 304, headers: ["Cache-Control: max-age=600", "ETag: \"x\"", "Connection: close"]))
            }
            return .reply(response(headers: ["Cache-Control: max-age=0", "ETag: \"x\""], body: "first"))
        }
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/r"))
        let second = try proxy.get(origin.url("/r"))
        let third = try proxy.get(origin.url("/r"))
        #expect(second.cache == "REVALIDATED")
        #expect(second.header("Connection") == nil, "the origin's hop-by-hop header leaked into the entry")
        #expect(third.cache == "HIT")
        #expect(third.text == "first")
        #expect(origin.count == 2)
    }

    @Test("a 200 to revalidation replaces the entry")
    func changedReplaces() throws {
        let origin = try ScriptedOrigin { index, _ in
            .reply(response(headers: ["Cache-Control: max-age=0", "ETag: \"v\(index)\""], body: "version \(index)"))
        }
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/c"))
        let second = try proxy.get(origin.url("/c"))
        let third = try proxy.get(origin.url("/c"))
        #expect(second.text == "version 1")
        #expect(second.cache == "MISS")
        #expect(origin.requests.last?.header("If-None-Match") == "\"v1\"")
        #expect(third.text == "version 2")
    }

    @Test("a client's own conditional request is answered 304 from a fresh entry")
    func clientConditional() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600", "ETag: \"k\""])
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/k"))
        let matching = try proxy.get(origin.url("/k"), headers: ["If-None-Match: \"k\""])
        let other = try proxy.get(origin.url("/k"), headers: ["If-None-Match: \"other\""])
        #expect(matching.status == 304)
        #expect(matching.body.isEmpty)
        #expect(other.status == 200)
        #expect(origin.count == 1)
    }

    @Test("a client's validators: weak ETag comparison, *, and If-Modified-Since at or after Last-Modified")
    func clientValidators() throws {
        let modified = 1_800_000_000
        func entry(_ headers: [(String, String)]) -> CacheEntry {
            CacheEntry(
                response: HTTPResponse(status: 200, headers: HTTPHeaders(headers)), requestTime: 0, responseTime: 0)
        }
        func date(_ offset: Int) -> String { (try? HTTPDate.format(modified + offset)) ?? "" }
        let tagged = entry([("ETag", "\"k\"")])
        let dated = entry([("Last-Modified", date(0))])
        let cases: [(HTTPHeaders, CacheEntry, Bool, String)] = [
            (HTTPHeaders([("If-None-Match", "W/\"k\"")]), tagged, true, "a weak tag matches weakly"),
            (HTTPHeaders([("If-None-Match", "\"x\", \"k\"")]), tagged, true, "one of a list"),
            (HTTPHeaders([("If-None-Match", "*")]), tagged, true, "*"),
            (HTTPHeaders([("If-None-Match", "\"x\"")]), tagged, false, "another tag"),
            (HTTPHeaders([("If-Modified-Since", date(0))]), dated, true, "the same second"),
            (HTTPHeaders([("If-Modified-Since", date(100))]), dated, true, "after"),
            (HTTPHeaders([("If-Modified-Since", date(-100))]), dated, false, "before"),
            (HTTPHeaders([("If-Modified-Since", date(0))]), tagged, false, "no Last-Modified to compare"),
        ]
        for (request, stored, expected, why) in cases {
            let notModified = try Revalidation.clientNotModified(request, entry: stored)
            #expect(notModified == expected, "\(why): \(request)")
        }
    }

    @Test("Vary: a different Accept-Language is a different response")
    func vary() throws {
        let origin = try ScriptedOrigin { _, request in
            .reply(
                response(
                    headers: ["Cache-Control: max-age=600", "Vary: Accept-Language"],
                    body: request.header("Accept-Language") ?? "none"))
        }
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/l"), headers: ["Accept-Language: fr"])
        let french = try proxy.get(origin.url("/l"), headers: ["Accept-Language: fr"])
        let german = try proxy.get(origin.url("/l"), headers: ["Accept-Language: de"])
        #expect(french.cache == "HIT")
        #expect(french.text == "fr")
        #expect(german.text == "de")
        #expect(german.cache == "MISS")
    }

    @Test("a hit carries an Age that counts the origin's Age")
    func ageOnHit() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600", "Age: 100"])
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/a"))
        let hit = try proxy.get(origin.url("/a"))
        let age = hit.header("Age").flatMap { Int($0) } ?? -1
        #expect(hit.cache == "HIT")
        #expect(age >= 100 && age < 200)
    }
}
