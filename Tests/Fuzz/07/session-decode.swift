// Lab 07: a frame's payload read as a session message, as it came (so almost always a bad
// checksum) and with its CRC-32 made right (so the fuzzer reaches the type check). Nothing may
// crash; a message that decodes encodes back to exactly those bytes.
import Lab07Framing
import NetLabKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var body = fuzzBytes(data, size)
    _ = try? SessionMessage.decode(body)
    guard body.count >= SessionMessage.headerAfterLength else { return 0 }
    // The CRC covers the length field, the header with a zero checksum, and the payload.
    let length = UInt32(body.count)
    let shifts: [UInt32] = [24, 16, 8, 0]
    let covered = shifts.map { UInt8(truncatingIfNeeded: length >> $0) } + body[0..<5] + [0, 0, 0, 0] + body[9...]
    let crc = CRC32.checksum(covered)
    body.replaceSubrange(5..<9, with: shifts.map { UInt8(truncatingIfNeeded: crc >> $0) })
    guard let message = try? SessionMessage.decode(body) else { return 0 }
    let encoded = try? message.encode()
    require(encoded == body, "\(message) decoded from \(body) encodes as \(String(describing: encoded))")
    return 0
}
