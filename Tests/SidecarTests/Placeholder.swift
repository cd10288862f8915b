import Testing
@testable import Sidecar
@Test func builds() { #expect(Bool(true)) }
