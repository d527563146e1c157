import Testing
@testable import Lab06DNS

@Suite struct SmokeTests {
    @Test("compiles") func compiles() {}
}
