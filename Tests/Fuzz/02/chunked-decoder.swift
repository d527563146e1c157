// Lab 02: a chunked body. Decoding must never crash, must give the same body and the same
// verdict whether the bytes come at once or in pieces (the first byte says where to cut), and
// a body encoded with `ChunkedDecoder.encode` must decode to itself.
import Lab02HTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = fuzzBytes(data, size)
    let step = 1 + Int(bytes.first ?? 0) % 17
    if !bytes.isEmpty { bytes.removeFirst() }

    var whole = ChunkedDecoder(maxBodyBytes: 1 << 16)
    let all = try? whole.feed(bytes[...])

    var pieces = ChunkedDecoder(maxBodyBytes: 1 << 16)
    var body: [UInt8] = []
    var used = 0
    var failed = false
    while used < bytes.count && !pieces.isFinished {
        let end = min(bytes.count, used + step)
        guard let (out, count) = try? pieces.feed(bytes[used..<end]) else { failed = true; break }
        require(count <= end - used, "used \(count) of \(end - used) bytes")
        body += out
        let given = end - used
        used += count
        if count < given { break }  // the body ended inside this piece
    }
    require(
        (all == nil) == failed,
        "at once: \(all == nil ? "error" : "ok"), in pieces of \(step): \(failed ? "error" : "ok")")
    if let all, !failed {
        require(
            whole.isFinished == pieces.isFinished,
            "finished at once: \(whole.isFinished), in pieces: \(pieces.isFinished)")
        require(all.data == body, "at once gave \(all.data.count) bytes, in pieces \(body.count)")
        if whole.isFinished { require(all.used == used, "used \(all.used) at once, \(used) in pieces") }
    }

    // Round trip: the input as a body, in chunks of `step` bytes.
    let encoded = ChunkedDecoder.encode(bytes, chunkSize: step)
    var decoder = ChunkedDecoder()
    let decoded = try? decoder.feed(encoded[...])
    require(decoded?.data == bytes && decoder.isFinished, "encode then decode did not give the body back")
    return 0
}
