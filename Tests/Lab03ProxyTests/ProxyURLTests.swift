import Lab03Proxy
import Testing

@Suite struct ProxyURLTests {
    @Test("an absolute-form target is split into host, port and path")
    func absoluteForm() throws {
        let url = try ProxyURL.parse("http://Example.COM:8080/a?b=1")
        #expect(url == ProxyURL(host: "example.com", port: 8080, path: "/a?b=1"))
    }
}
