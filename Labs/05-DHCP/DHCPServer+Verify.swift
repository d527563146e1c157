import NetLabKit

extension DHCPServer {
    /// REQUEST in INIT-REBOOT (RFC 2131 §4.3.2): a client that remembers an address asks to
    /// keep it. NAK if the address is not on our subnet or belongs to someone else; ACK if
    /// it is this client's lease. A client we have no record of gets silence (another server
    /// may know it), or a NAK with `--authoritative`.
    func initReboot(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 3. The address is option 50. `configuration.onSubnet` says whether it
        // is on our subnet. An ACK extends the lease by a full lease time (`bind`, then
        // `persist`, then reply). "No record" means we know neither this client nor the
        // address as someone else's.
        throw NotImplemented("DHCPServer.initReboot")
    }

    /// REQUEST in RENEWING or REBINDING (RFC 2131 §4.3.2): a bound client (ciaddr set)
    /// asks to extend its lease. The same answers as INIT-REBOOT, for `ciaddr`.
    func renewing(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 3. Share the code with `initReboot`. An expired lease nobody took is
        // still this client's: ACK it.
        throw NotImplemented("DHCPServer.renewing")
    }
}
