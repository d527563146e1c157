import Lab02HTTP
import Lab03Proxy
import Testing

/// Part 3: RFC 9111's rules on their own: storable, lifetime, age.
@Suite struct FreshnessTests {
    static let now = 1_800_000_000.0
    static func date(_ offset: Double) -> String { (try? HTTPDate.format(Int(now + offset))) ?? "" }

    static func make(_ headers: [(String, String)], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Date", date(0))] + headers))
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let headers: [(String, String)]
        var status = 200
        let storable: Bool
        let lifetime: Double
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "max-age", headers: [("Cache-Control", "max-age=60")], storable: true, lifetime: 60),
        Case(
            name: "s-maxage beats max-age", headers: [("Cache-Control", "max-age=60, s-maxage=120")],
            storable: true, lifetime: 120),
        Case(
            name: "max-age beats Expires", headers: [("Cache-Control", "max-age=5"), ("Expires", date(100))],
            storable: true, lifetime: 5),
        Case(name: "Expires minus Date", headers: [("Expires", date(300))], storable: true, lifetime: 300),
        Case(
            name: "Expires in the past", headers: [("Expires", date(-10)), ("ETag", "\"v1\"")], storable: true,
            lifetime: 0),
        Case(name: "invalid Expires means expired", headers: [("Expires", "0")], storable: true, lifetime: 0),
        Case(
            name: "heuristic: 10% since Last-Modified", headers: [("Last-Modified", date(-10_000))],
            storable: true, lifetime: 1_000),
        Case(
            name: "heuristic capped at one day", headers: [("Last-Modified", date(-10_000_000))], storable: true,
            lifetime: 86_400),
        Case(
            name: "no heuristic for a 302", headers: [("Last-Modified", date(-10_000))], status: 302,
            storable: false, lifetime: 0),
        Case(name: "no-store", headers: [("Cache-Control", "no-store, max-age=60")], storable: false, lifetime: 60),
        Case(name: "private", headers: [("Cache-Control", "private, max-age=60")], storable: false, lifetime: 60),
        Case(
            name: "no-cache is stored but never fresh",
            headers: [("Cache-Control", "no-cache, max-age=60"), ("ETag", "\"a\"")], storable: true, lifetime: 0),
        Case(
            name: "max-age=0 with a validator", headers: [("Cache-Control", "max-age=0"), ("ETag", "\"a\"")],
            storable: true, lifetime: 0),
        Case(
            name: "Vary: * is never stored", headers: [("Cache-Control", "max-age=60"), ("Vary", "*")],
            storable: false, lifetime: 60),
        Case(name: "nothing to go on", headers: [], storable: false, lifetime: 0),
        Case(
            name: "quoted and spaced directives", headers: [("Cache-Control", " Max-Age = \"30\" ")],
            storable: true, lifetime: 30),
    ]

    @Test("storable and lifetime follow RFC 9111", arguments: cases)
    func table(_ item: Case) throws {
        let response = FreshnessTests.make(item.headers, status: item.status)
        let storable = try Freshness.isStorable(method: "GET", requestHeaders: HTTPHeaders(), response: response)
        let lifetime = try Freshness.lifetime(response, responseTime: FreshnessTests.now)
        #expect(storable == item.storable)
        #expect(lifetime == item.lifetime)
    }

    /// RFC 9110 §15.1: the statuses a cache may give a heuristic lifetime, and neighbours it may not.
    static let heuristicStatuses = [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]
    static let otherStatuses = [201, 202, 302, 303, 307, 400, 403, 406, 409, 411, 413, 415, 500, 502, 503]

    @Test("only the heuristically cacheable statuses get a lifetime from Last-Modified")
    func heuristicStatuses() throws {
        for status in FreshnessTests.heuristicStatuses + FreshnessTests.otherStatuses {
            let response = FreshnessTests.make([("Last-Modified", FreshnessTests.date(-10_000))], status: status)
            let lifetime = try Freshness.lifetime(response, responseTime: FreshnessTests.now)
            let storable = try Freshness.isStorable(method: "GET", requestHeaders: HTTPHeaders(), response: response)
            let expected = FreshnessTests.heuristicStatuses.contains(status)
            #expect(lifetime == (expected ? 1_000 : 0), "status \(status)")
            #expect(storable == expected, "status \(status)")
        }
    }

    @Test("directives are split at the first '=' only, and quoted arguments unquoted")
    func directiveArguments() throws {
        let headers = HTTPHeaders([
            ("Cache-Control", "no-cache=\"Set-Cookie\", ext=\"a=b\", empty=\"\""),
            ("Cache-Control", "MAX-AGE=7, max-age=9"),
        ])
        let found = try Freshness.directives(headers)
        #expect(found["ext"] == "a=b", "\(found)")
        #expect(found["no-cache"] == "Set-Cookie", "\(found)")
        #expect(found["max-age"] == "7", "the first of two wins: \(found)")
        #expect(found["empty"] == "", "an empty quoted argument: \(found)")
    }

    @Test("only GET responses are stored, and not when the request says no-store or has Authorization")
    func requestSide() throws {
        let response = FreshnessTests.make([("Cache-Control", "max-age=60")])
        let post = try Freshness.isStorable(method: "POST", requestHeaders: HTTPHeaders(), response: response)
        let noStore = try Freshness.isStorable(
            method: "GET", requestHeaders: HTTPHeaders([("Cache-Control", "no-store")]), response: response)
        let authorized = try Freshness.isStorable(
            method: "GET", requestHeaders: HTTPHeaders([("Authorization", "Basic eDp5")]), response: response)
        #expect(!post)
        #expect(!noStore)
        #expect(!authorized)
    }

    @Test("the age counts the origin's Age, the trip, and the time in the cache")
    func currentAge() throws {
        let now = FreshnessTests.now
        let response = FreshnessTests.make([("Cache-Control", "max-age=100"), ("Age", "30")])
        let entry = CacheEntry(response: response, requestTime: now - 2, responseTime: now)
        let atArrival = try Freshness.currentAge(entry, now: now)
        let later = try Freshness.currentAge(entry, now: now + 50)
        let freshLater = try Freshness.isFresh(entry, now: now + 50)
        let staleLater = try Freshness.isFresh(entry, now: now + 69)
        #expect(atArrival == 32)
        #expect(later == 82)
        #expect(freshLater)
        #expect(!staleLater)
    }

    @Test("a Date in the past makes the response older on arrival")
    func apparentAge() throws {
        let now = FreshnessTests.now
        let response = HTTPResponse(
            status: 200, headers: HTTPHeaders([("Date", FreshnessTests.date(-40)), ("Cache-Control", "max-age=60")]))
        let entry = CacheEntry(response: response, requestTime: now, responseTime: now)
        let age = try Freshness.currentAge(entry, now: now + 10)
        let fresh = try Freshness.isFresh(entry, now: now + 25)
        #expect(age == 50)
        #expect(!fresh)
    }
}
