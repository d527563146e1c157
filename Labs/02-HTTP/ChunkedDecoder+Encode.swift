import NetLabKit

extension ChunkedDecoder {
    /// Encodes a body as chunks of at most `chunkSize` bytes, then the last chunk.
    public static func encode(_ body: [UInt8], chunkSize: Int = 4_096) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        while start < body.count {
            let end = min(body.count, start + max(1, chunkSize))
            output += Array(String(end - start, radix: 16).utf8) + [cr, lf]
            output += body[start..<end]
            output += [cr, lf]
            start = end
        }
        return output + Array("0\r\n\r\n".utf8)
    }
}
