import Lab91Base
import Lab92Derived
import Testing

@Suite struct DerivedTests {
    @Test("the later lab's tests can call the earlier lab's code")
    func earlierModuleIsVisible() {
        let text = greeting(for: "ada")
        #expect(text == "hello, ada")
    }

    @Test("the later lab plugs into the earlier lab's protocol")
    func protocolCarriesForward() {
        let greeter: any Greeter = Shouter()
        let text = greeter.greet("ada")
        #expect(text == "HELLO, ADA!")
    }
}
