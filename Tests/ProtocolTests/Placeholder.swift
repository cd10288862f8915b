import Testing
@testable import Protocol
@Test func builds() { #expect(Bool(true)) }
