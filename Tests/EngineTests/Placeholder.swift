import Testing
@testable import Engine
@Test func builds() { #expect(Bool(true)) }
