import Lab02HTTP
import NetLabKit
import Testing

/// 1994-11-06 08:49:37 UTC, RFC 9110's example date.
private let rfcExample = 784_111_777

@Suite("Part 5: conditional and range requests")
struct ConditionalRangeTests {
    @Test("HTTP dates are written as IMF-fixdate and read in all three forms")
    func dates() throws {
        let formats: [(Int, String)] = [
            (rfcExample, "Sun, 06 Nov 1994 08:49:37 GMT"), (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (1_709_210_096, "Thu, 29 Feb 2024 12:34:56 GMT"),  // A leap day.
            (1_728_555_010, "Thu, 10 Oct 2024 10:10:10 GMT"),
        ]
        for (seconds, expected) in formats {
            let text = try HTTPDate.format(seconds)
            #expect(text == expected, "HTTPDate.format(\(seconds))")
        }
        let forms: [(String, Int?)] = [
            ("Sun, 06 Nov 1994 08:49:37 GMT", rfcExample), ("Sunday, 06-Nov-94 08:49:37 GMT", rfcExample),
            ("Sun Nov  6 08:49:37 1994", rfcExample), ("Thu, 29 Feb 2024 12:34:56 GMT", 1_709_210_096),
            ("", nil), ("yesterday", nil), ("Sun, 06 Nov 1994 25:49:37 GMT", nil),
            ("Sun, 06 Foo 1994 08:49:37 GMT", nil),
            // The first day of a month, and IMF-fixdate's fixed widths: a 2-digit day, a 4-digit year.
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0), ("Sun, 6 Nov 1994 08:49:37 GMT", nil),
            ("Sun, 06 Nov 01994 08:49:37 GMT", nil),
            ("Sat, 31 Dec 2016 23:59:60 GMT", 1_483_228_800),  // A leap second: second 60 is valid.
            // Days run 1 to 31; years 1970 to 9999 (before 1970 is no time a file can have).
            ("Sun, 00 Nov 1994 08:49:37 GMT", nil), ("Thu, 32 Dec 1994 08:49:37 GMT", nil),
            ("Wed, 31 Dec 1969 23:59:59 GMT", nil), ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799),
            ("Sat Jan  1 00:00:00 10000", nil),
        ]
        for (text, expected) in forms {
            let seconds = try HTTPDate.parse(text)
            #expect(seconds == expected, "HTTPDate.parse(\"\(text)\")")
        }
    }

    @Test("byte ranges: first-last, open-ended, suffix, past the end, and ones to ignore")
    func rangeEvaluation() throws {
        let cases: [(String?, ByteRange.Outcome, String)] = [
            ("bytes=0-99", .partial(first: 0, last: 99), "the first 100 bytes"),
            ("bytes=900-", .partial(first: 900, last: 999), "from byte 900 to the end"),
            ("bytes=-100", .partial(first: 900, last: 999), "the last 100 bytes"),
            ("bytes=-5000", .partial(first: 0, last: 999), "a suffix longer than the file is all of it"),
            ("bytes=990-2000", .partial(first: 990, last: 999), "the end is cut to the file"),
            ("bytes=1000-", .unsatisfiable, "starts past the end"),
            ("bytes=-0", .unsatisfiable, "an empty suffix"),
            (nil, .whole, "no Range header"),
            ("bytes=5-1", .whole, "an invalid range is ignored"),
            ("bytes=1000000000000000000-", .whole, "a number of 19 digits is too long to be a position: ignored"),
            ("items=0-1", .whole, "an unknown unit is ignored"),
            ("bytes=0-1,5-6", .whole, "this server ignores multiple ranges"),
        ]
        for (header, expected, why) in cases {
            let outcome = try ByteRange.evaluate(header, size: 1_000)
            #expect(outcome == expected, "Range: \(header ?? "(none)") on 1000 bytes: \(why)")
        }
    }

    @Test("Last-Modified is the file's modification time")
    func lastModified() throws {
        let site = try Site()
        try site.write("old.html", "old")
        try site.setModified("old.html", rfcExample)
        let server = try RunningServer(site: site)
        let reply = try server.get("/old.html")
        #expect(
            reply.header("Last-Modified") == "Sun, 06 Nov 1994 08:49:37 GMT",
            "GET /old.html, modified at 784111777:\n\(reply)")
    }

    @Test("If-Modified-Since at or after Last-Modified gets 304 without a body; earlier or invalid gets 200")
    func ifModifiedSince() throws {
        let site = try Site()
        try site.write("page.html", "content")
        try site.setModified("page.html", rfcExample)
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(request("GET", "/page.html", headers: ["If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT"]))
        let same = try wire.readResponse()
        #expect(same.status == 304, "not modified since exactly that time:\n\(same)")
        try wire.send(request("GET", "/page.html", headers: ["If-Modified-Since: Mon, 07 Nov 1994 00:00:00 GMT"]))
        let later = try wire.readResponse()
        #expect(later.status == 304, "not modified since a later time:\n\(later)")
        try wire.send(request("GET", "/page.html", headers: ["If-Modified-Since: Sat, 05 Nov 1994 00:00:00 GMT"]))
        let earlier = try wire.readResponse()
        #expect(earlier.status == 200, "modified since an earlier time")
        #expect(earlier.text == "content", "a 304 must not have sent a body: this response would be garbled")
        try wire.send(request("GET", "/page.html", headers: ["If-Modified-Since: not a date"]))
        let invalid = try wire.readResponse()
        #expect(invalid.status == 200, "If-Modified-Since: not a date is ignored:\n\(invalid)")
    }

    @Test("If-None-Match with the file's ETag gets 304")
    func ifNoneMatch() throws {
        let site = try Site()
        try site.write("a.css", "body {}")
        let server = try RunningServer(site: site)
        let etag = try #require(try server.get("/a.css").header("ETag"), "files carry an ETag")
        let same = try server.get("/a.css", headers: ["If-None-Match: \(etag)"])
        #expect(same.status == 304, "If-None-Match: \(etag), the file's own ETag:\n\(same)")
        let other = try server.get("/a.css", headers: ["If-None-Match: \"other\""])
        #expect(other.status == 200, "If-None-Match: \"other\":\n\(other)")
    }

    @Test("Range: bytes=10-19 gets 206 with Content-Range and exactly those bytes")
    func partialContent() throws {
        let site = try Site()
        let content = seededBytes(count: 100_000, seed: 5)
        try site.write("video.mp4", content)
        let server = try RunningServer(site: site)
        let full = try server.get("/video.mp4")
        #expect(full.header("Accept-Ranges") == "bytes", "advertise ranges so players know they can seek")
        let reply = try server.get("/video.mp4", headers: ["Range: bytes=10-19"])
        #expect(reply.status == 206)
        #expect(reply.header("Content-Range") == "bytes 10-19/100000")
        #expect(reply.header("Content-Length") == "10")
        #expect(reply.body == Array(content[10...19]))
        #expect(reply.mediaType == "video/mp4")
        let tail = try server.get("/video.mp4", headers: ["Range: bytes=-70000"])
        #expect(tail.header("Content-Range") == "bytes 30000-99999/100000")
        #expect(tail.body == Array(content[30_000...]), "a suffix range sends the last bytes")
        let open = try server.get("/video.mp4", headers: ["Range: bytes=99990-"])
        #expect(open.body == Array(content[99_990...]))
    }

    @Test("a range past the end gets 416 with Content-Range: bytes */size; one to ignore gets the whole file")
    func unsatisfiableAndIgnored() throws {
        let site = try Site()
        try site.write("a.txt", "0123456789")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(request("GET", "/a.txt", headers: ["Range: bytes=10-20"]))
        let reply = try wire.readResponse()
        #expect(reply.status == 416)
        #expect(reply.header("Content-Range") == "bytes */10")
        try wire.send(request("GET", "/a.txt", headers: ["Range: bytes=5-1"]))
        let ignored = try wire.readResponse()
        #expect(ignored.status == 200 && ignored.text == "0123456789", "an invalid range is ignored")
    }

    @Test("If-Range with an old date sends the whole file")
    func ifRange() throws {
        let site = try Site()
        try site.write("a.txt", "0123456789")
        try site.setModified("a.txt", rfcExample)
        let server = try RunningServer(site: site)
        let matching = try server.get(
            "/a.txt", headers: ["Range: bytes=0-1", "If-Range: Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(matching.status == 206 && matching.text == "01")
        let stale = try server.get("/a.txt", headers: ["Range: bytes=0-1", "If-Range: Sat, 05 Nov 1994 08:49:37 GMT"])
        #expect(stale.status == 200 && stale.text == "0123456789", "the client's copy is stale: send all of it")
    }
}
