import Testing
@testable import Engine

@Suite struct ProviderScriptTests {
    @Test func validScriptHasNoSyntaxError() {
        #expect(ProviderScript(joining: [loginProvider(), ProviderValidationTests.valid]).syntaxError(tenant: "shop") == nil)
    }

    @Test(arguments: [
        ("class UserLoginProvider {\n  constructor() {\n    commit(true;\n  }\n}", 3),
        ("let a = 1;\nlet a = 2;", 2),
        ("\n\n\n\nfunction (", 5),
    ])
    func syntaxErrorNamesTheLine(source: String, line: Int) throws {
        let error = try #require(ProviderScript(source: source).syntaxError(tenant: "shop"))
        #expect(error.tenant == "shop")
        #expect(error.line == line)
        #expect(error.message.hasPrefix("SyntaxError"))
        #expect(error.description.hasPrefix("tenant \"shop\": provider script line \(line): SyntaxError"))
    }

    @Test func joinedScriptsCountLinesAcrossEntries() throws {
        let script = ProviderScript(joining: ["let a = 1;\nlet b = 2;", "let c = ;"])
        let error = try #require(script.syntaxError(tenant: "t"))
        #expect(error.line == 3)
    }

    @Test func syntaxCheckDoesNotRunTheScript() {
        #expect(ProviderScript(source: "while (true) {}").syntaxError(tenant: "t") == nil)
    }
}
