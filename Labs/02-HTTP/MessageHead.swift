// Yours, and optional: a place for code that `HTTPRequest.decode` (part 1) and
// `HTTPResponse.decodeHead` (part 2) can share. Both read a head the same way: a start line,
// header field lines, a blank line, each line ended by CRLF (RFC 9112 §2.1). The reference
// scans a head here once, for both, and parses `HTTP/1.1` here too. Leave the file empty if
// you write each decoder on its own: nothing else needs it.
