// Lab 04: the bytes an SMTP server sends the client, taken apart reply by reply as the client
// does. Nothing may crash or loop; each reply taken shortens the buffer, a reply's code is
// 200–559, and a reply re-encoded (as the sink sends it) decodes to itself. A reply that
// decodes is also read as an answer to EHLO.
import Lab04SMTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var buffer = fuzzBytes(data, size)
    while true {
        let before = buffer.count
        guard let reply = try? SMTPReplyParser.decode(&buffer) else { break }
        require(buffer.count < before, "\(reply) took no bytes off \(before)")
        require((200..<560).contains(reply.code), "reply code \(reply.code)")
        _ = try? SMTPExtensions.parse(ehloReply: reply)
        var wire = reply.encoded()
        let again = try? SMTPReplyParser.decode(&wire)
        let shown = String(describing: again)
        require(again == reply && wire.isEmpty, "\(reply) encodes as \(reply.encoded()), decodes as \(shown)")
    }
    return 0
}
