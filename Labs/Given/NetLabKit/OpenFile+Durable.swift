/// Making writes durable: what a journal (a lease file, a log that must survive a crash)
/// needs after each record.
extension OpenFile {
    /// Waits until everything written so far is on the disk, so that a crash (even a power
    /// cut) after this returns cannot lose it. Call it after writing a record and before
    /// telling anyone the record exists. The corresponding C call is `fsync(2)`.
    ///
    /// - Throws: `FileError` if the disk reports a failure.
    public func flushToDisk() throws(FileError) {
        try synchronize()
    }
}
