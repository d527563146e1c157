// Lab 02: a `Range` header against a file size (the first two bytes). Evaluating must never
// crash, and a partial answer must lie inside the file.
import Lab02HTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    let fileSize = Int(reader.integer(UInt16.self))
    let header = String(decoding: reader.rest(), as: UTF8.self)
    guard let outcome = try? ByteRange.evaluate(header, size: fileSize) else { return 0 }
    if case .partial(let first, let last) = outcome {
        require(0 <= first && first <= last && last < fileSize, "\(header) on \(fileSize) bytes gave \(first)-\(last)")
    }
    return 0
}
