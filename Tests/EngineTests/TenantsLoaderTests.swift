import Testing
@testable import Engine

@Suite struct TenantsLoaderTests {
    @Test func loadsBothShapesAndSkipsOtherKinds() throws {
        let files = try Fixture.tenantFiles("Valid")
        #expect(files.map(\.fileName) == ["kubernetes.yml", "shop.yaml"]) // hidden and non-YAML files skipped
        let (tenants, warnings) = try TenantsLoader.load(files)
        #expect(tenants.all.map(\.id) == ["blog", "cheese/cheese", "shop"])
        #expect(warnings.map(\.description) == [
            "kubernetes.yml:37:14: warning: tenant \"blog\": spec.providers is empty, so nobody can log in",
        ])

        let shop = try #require(tenants.tenant(id: "shop"))
        #expect(shop.name == "shop")
        #expect(shop.namespace == nil)
        #expect(shop.hosts == ["login.example.net", "shop.example.net", "*.apps.example.net"])
        #expect(shop.interceptor == Tenant.Interceptor(enabled: true, domain: "login.example.net", cookieDomain: "example.net"))
        #expect(shop.silentLogin == false)
        #expect(shop.informations == Tenant.Informations(imprintURL: "https://example.net/imprint",
                                                          privacyURL: "https://example.net/privacy",
                                                          registerURL: "https://example.net/register"))
        #expect(shop.providerScript.hasPrefix("class UserLoginProvider {\n  isLoggedIn = false;\n"))
        // Each `- |` script keeps its final newline; the join adds one more.
        #expect(shop.providerScript.contains("  get role() { return \"user\"; }\n}\n\nclass UserValidationProvider {\n"))
        #expect(shop.providerScript.hasSuffix("  get isValid() { return true; }\n}\n"))

        let cheese = try #require(tenants.tenant(id: "cheese/cheese"))
        #expect(cheese.name == "cheese")
        #expect(cheese.namespace == "cheese")
        #expect(cheese.hosts == ["cheese.example.com", "api.example.com"])
        #expect(cheese.interceptor == Tenant.Interceptor(enabled: true, domain: "login.example.com", cookieDomain: "example.com"))
        #expect(cheese.silentLogin == true)
        #expect(cheese.informations == Tenant.Informations())

        let blog = try #require(tenants.tenant(id: "blog"))
        #expect(blog.namespace == nil)
        #expect(blog.interceptor.enabled == false)
        #expect(blog.providerScript == "")
        #expect(tenants.tenant(forHost: "www.blog.example.org")?.id == "blog")
    }

    @Test func reportsEveryProblemOfABrokenFileSorted() throws {
        #expect(try Fixture.problemLines("Broken") == [
            "broken.yaml:5:7: tenant \"broken\": config.hosts[1] (\"*.\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:6:7: tenant \"broken\": config.hosts[2] (\"*\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:7:7: tenant \"broken\": config.hosts[3] (\"a.*.b\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:8:7: tenant \"broken\": config.hosts[4] (\"*foo.example\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:9:7: tenant \"broken\": config.hosts[5] (\"under_score.example.com\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:10:7: tenant \"broken\": config.hosts[6] (\"-dash.example.com\") must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:11:7: tenant \"broken\": config.hosts[7] must be a host name or a wildcard like \"*.example.com\"",
            "broken.yaml:13:14: tenant \"broken\": config.interceptor.enabled (\"maybe\") must be true or false",
            "broken.yaml:14:13: tenant \"broken\": config.interceptor.domain (\"*.example.com\") must be a host name like \"login.example.com\"",
            "broken.yaml:15:13: tenant \"broken\": config.interceptor.cookie (\"..example.com\") must be a domain like \".example.com\"",
            "broken.yaml:16:17: tenant \"broken\": config.silent_login (\"true\") must be true or false without quotes",
            "broken.yaml:18:18: tenant \"broken\": config.informations.imprint_url (\"ftp://example.com/imprint\") must be an absolute http or https URL",
            "broken.yaml:19:18: tenant \"broken\": config.informations.privacy_url (\"//example.com/privacy\") must be an absolute http or https URL",
            "broken.yaml:20:14: tenant \"broken\": config.providers (\"class UserLoginProvider {}\") must be a list of scripts",
            "broken.yaml:22:13: apiVersion (\"uitsmijter.io/v2\") must be \"uitsmijter.io/v1\"",
            "broken.yaml:26:14: metadata.namespace must be a string",
            "broken.yaml:28:10: spec.hosts (\"login.example.com\") must be a list of host names",
            "broken.yaml:29:16: spec.interceptor (\"yes\") must be a mapping",
            "broken.yaml:31:19: spec.informations.register_url (\"http://example.com/a b\") must be an absolute http or https URL",
            "broken.yaml:33:7: spec.providers[0] must be a string",
            "broken.yaml:37:11: metadata.name is required",
            "broken.yaml:38:7: spec.hosts is required",
            "broken.yaml:38:7: spec.providers is required",
            "broken.yaml:40:1: name is required",
            "broken.yaml:41:10: config.hosts must name at least one host",
            "broken.yaml:42:14: warning: config.providers is empty, so nobody can log in",
            "broken.yaml:44:1: the document must be a mapping",
        ])
    }

    @Test func errorsCarryTheirFields() throws {
        let error = try #require(throws: ConfigurationError.self) { try TenantsLoader.load(Fixture.tenantFiles("Broken")) }
        let first = try #require(error.errors.first)
        #expect(first == ConfigurationProblem(
            severity: .error, file: "broken.yaml", line: 5, column: 7, tenant: "broken", path: "config.hosts[1]",
            message: "config.hosts[1] (\"*.\") must be a host name or a wildcard like \"*.example.com\""))
        #expect(error.errors.count == error.problems.count - 1)
        #expect(error.description.split(separator: "\n").count == error.problems.count)
    }

    @Test func hostsAndIDsClaimedTwiceAcrossFilesNameBothPlaces() throws {
        #expect(try Fixture.problemLines("Conflict") == [
            "a.yaml:4:14: warning: tenant \"first\": config.providers is empty, so nobody can log in",
            "b.yaml:7:7: tenant \"second\": spec.hosts[0] (\"SHOP.example.net\") is already claimed by tenant \"first\" at a.yaml:3:11",
            "b.yaml:8:7: tenant \"second\": spec.hosts[1] (\"*.apps.example.net\") is already claimed by tenant \"first\" at a.yaml:3:29",
            "b.yaml:10:14: warning: tenant \"second\": spec.providers is empty, so nobody can log in",
            "b.yaml:12:7: tenant \"first\": the tenant id \"first\" is already defined at a.yaml:1:7",
            "b.yaml:15:14: warning: tenant \"first\": config.providers is empty, so nobody can log in",
        ])
    }

    @Test func conflictsDoNotDependOnTheOrderFilesArrive() throws {
        let files = try Fixture.tenantFiles("Conflict")
        let forward = try #require(throws: ConfigurationError.self) { try TenantsLoader.load(files) }
        let backward = try #require(throws: ConfigurationError.self) { try TenantsLoader.load(files.reversed()) }
        #expect(forward == backward)
    }

    @Test func unsupportedAndUnknownFieldsOnlyWarn() throws {
        let (tenants, warnings) = try TenantsLoader.load(Fixture.tenantFiles("Warnings"))
        #expect(tenants.tenant(forHost: "a.example.com")?.hosts == ["a.example.com"])
        #expect(warnings.map(\.description) == [
            "warnings.yaml:2:1: warning: tenant \"warned\": color is not a known field and is ignored",
            "warnings.yaml:4:26: warning: tenant \"warned\": config.hosts[1] (\"A.example.com\") is listed more than once",
            "warnings.yaml:6:5: warning: tenant \"warned\": config.templates is ignored: the interceptor serves its own login page",
            "warnings.yaml:7:18: warning: tenant \"warned\": config.jwt_algorithm (\"RS256\") is ignored: tokens are always signed with HS256",
            "warnings.yaml:10:13: warning: tenant \"warned\": config.interceptor.cookie (\".example.org\") does not contain config.interceptor.domain (\"login.example.com\"), so browsers will refuse the cookie",
            "warnings.yaml:11:5: warning: tenant \"warned\": config.interceptor.mode is not a known field and is ignored",
            "warnings.yaml:13:5: warning: tenant \"warned\": config.informations.help_url is not a known field and is ignored",
            "warnings.yaml:14:14: warning: tenant \"warned\": config.providers is empty, so nobody can log in",
            "warnings.yaml:15:3: warning: tenant \"warned\": config.extra is not a known field and is ignored",
        ])
        #expect(warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func malformedYAMLGivesLineAndColumn() throws {
        #expect(try Fixture.problemLines("Malformed") == [
            "malformed.yaml:4:12: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at 3:10)",
        ])
    }

    @Test func aBrokenFileDoesNotHideProblemsInOthers() {
        let files = [
            ("z.yaml", "name: z\nconfig: { hosts: [\"*\"], providers: [] }\n"),
            ("a.yaml", "a: &anchor 1\nb: *anchor\n"),
        ]
        #expect(throws: ConfigurationError(problems: [
            ConfigurationProblem(severity: .error, file: "a.yaml", line: 2, column: 4, tenant: nil, path: "",
                                 message: "aliases (\"*anchor\") are not supported; write the value out"),
            ConfigurationProblem(severity: .error, file: "z.yaml", line: 2, column: 19, tenant: "z", path: "config.hosts[0]",
                                 message: "config.hosts[0] (\"*\") must be a host name or a wildcard like \"*.example.com\""),
            ConfigurationProblem(severity: .warning, file: "z.yaml", line: 2, column: 36, tenant: "z", path: "config.providers",
                                 message: "config.providers is empty, so nobody can log in"),
        ])) {
            try TenantsLoader.load(files)
        }
    }

    @Test func documentsWithDuplicateKeysAndBadTypesAreErrors() throws {
        let yaml = """
        name: dup
        config:
          hosts: [a.example.com]
          hosts: [b.example.com]
          providers: [x]
          silent_login: [true]
          interceptor: { enabled: "false", domain: 42.example.com., cookie: {} }
          informations: "https://example.com"
        """
        let error = try #require(throws: ConfigurationError.self) { try TenantsLoader.load([("dup.yaml", yaml)]) }
        #expect(error.problems.map(\.description) == [
            "dup.yaml:4:3: tenant \"dup\": config.hosts is given more than once",
            "dup.yaml:6:17: tenant \"dup\": config.silent_login must be true or false",
            "dup.yaml:7:27: tenant \"dup\": config.interceptor.enabled (\"false\") must be true or false without quotes",
            "dup.yaml:7:44: tenant \"dup\": config.interceptor.domain (\"42.example.com.\") must be a host name like \"login.example.com\"",
            "dup.yaml:7:69: tenant \"dup\": config.interceptor.cookie must be a domain like \".example.com\"",
            "dup.yaml:8:17: tenant \"dup\": config.informations (\"https://example.com\") must be a mapping",
        ])
    }

    @Test func acceptsYAML11BooleansAndNullBlocks() throws {
        let yaml = """
        name: old
        config:
          hosts: [old.example.com]
          providers: ["class UserLoginProvider {}"]
          silent_login: no
          interceptor:
          informations: ~
        """
        let (tenants, warnings) = try TenantsLoader.load([("old.yaml", yaml)])
        let tenant = try #require(tenants.tenant(id: "old"))
        #expect(tenant.silentLogin == false)
        #expect(tenant.interceptor == Tenant.Interceptor())
        #expect(tenant.providerScript == "class UserLoginProvider {}")
        #expect(warnings.isEmpty)
    }

    @Test func noFilesIsAWarning() throws {
        let (tenants, warnings) = try TenantsLoader.load([])
        #expect(tenants.count == 0)
        #expect(warnings.map(\.description) == ["warning: no tenants are configured, so every check answers 403"])
        let onlyClients = try TenantsLoader.load([("c.yaml", "apiVersion: uitsmijter.io/v1\nkind: Client\n")])
        #expect(onlyClients.warnings.map(\.description) == ["warning: no tenants are configured, so every check answers 403"])
    }

    @Test(arguments: [
        ("shop.yaml", true), ("shop.yml", true), (".shop.yaml", false), ("shop.yaml~", false),
        ("shop.json", false), ("shop.YAML", false), ("yaml", false),
    ])
    func tenantFileNames(name: String, isTenantFile: Bool) {
        #expect(TenantsLoader.isTenantFile(named: name) == isTenantFile)
    }
}
