/// Prints DNS messages the way dig does, so the output reads like every DNS tutorial's.
public enum DigFormatter {
    /// The whole report for one exchange: header, flags, sections, query time and size.
    public static func format(_ result: DNSQueryResult) -> String {
        // TODO: dig's layout, line by line (see the handout for a full example):
        //   ;; Got answer:
        //   ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242
        //   ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0
        //   (blank line)
        //   ;; QUESTION SECTION:            one ";name.<TAB><TAB>IN<TAB>A" per question
        //   (blank line)
        //   ;; ANSWER SECTION:              `recordLine` per record; AUTHORITY and
        //   (blank line)                    ADDITIONAL the same way, each only if not empty
        //   ;; Query time: 1 msec
        //   ;; SERVER: 127.0.0.1#5353(127.0.0.1) (UDP)
        //   ;; MSG SIZE  rcvd: 44
        ";; not implemented yet: DigFormatter.format"
    }

    /// One record in master-file form: `www.example.test.	300	IN	A	10.0.0.1`.
    public static func recordLine(_ record: ResourceRecord, separator: String = "\t") -> String {
        // TODO: name, TTL, class, type and `dataText`, joined by `separator`.
        ""
    }

    /// The RDATA as dig prints it.
    public static func dataText(_ data: RecordData) -> String {
        // TODO: A/AAAA as `IPAddressText.format`, names with their final dot, MX as
        // "10 mail.example.test.", TXT strings `quoted` and joined by spaces, SOA as its
        // seven fields, unknown data as RFC 3597's "\# <length> <hex>".
        ""
    }
}
