import Testing

/// Lab 91's tests must never run while lab 92 is graded: grading a lab runs only its own
/// tests, or an earlier lab's crash would be blamed on the later one. This one crashes the
/// test process on purpose, so `make check` cannot miss it if it ever runs there.
@Suite struct TripwireTests {
    @Test("lab 91's tests ran while another lab was graded (they must not)")
    func mustNotRun() {
        fatalError("Lab91BaseTests ran: grading a lab must run only that lab's tests")
    }
}
