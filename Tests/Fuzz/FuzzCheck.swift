// The fuzz binaries' `check`: an invariant that does not hold stops the fuzzer, which
// keeps the input as a finding. (Under `swift test` the same harness records an issue.)

/// Stops the fuzzer with a message when an invariant does not hold.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant violated: \(message())") }
}
