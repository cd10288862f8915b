import Testing
@testable import Engine

@Suite struct LoginFormTests {
    static func form(_ body: String, _ contentType: String? = "application/x-www-form-urlencoded") throws(LoginFormError) -> LoginForm {
        try LoginForm(body: Array(body.utf8), contentType: contentType)
    }

    @Test func readsEveryUrlencodedField() throws {
        let form = try Self.form("username=alice%40example.net&password=p%26ss+w%3Drd&location=https%3A%2F%2Fshop.example.net%2F%3Fa%3D1%26b%3D2"
                                 + "&mode=interceptor&scope=openid+profile&csrf=abc_-1&unknown=1&")
        #expect(form == LoginForm(username: "alice@example.net", password: "p&ss w=rd",
                                  location: "https://shop.example.net/?a=1&b=2", mode: "interceptor",
                                  scope: "openid profile", csrf: "abc_-1"))
    }

    @Test func defaultsOptionalFields() throws {
        #expect(try Self.form("password=&username=") == LoginForm(username: "", password: ""))
        #expect(try Self.form("username=a&password=b&mode=") == LoginForm(username: "a", password: "b", mode: "interceptor"))
    }

    @Test func readsJSON() throws {
        let body = #"{"username":"al\u00efce","password":"s\"cret","location":"https://shop.example.net/","csrf":"t","extra":[1]}"#
        #expect(try Self.form(body, "application/json; charset=utf-8")
                == LoginForm(username: "alïce", password: "s\"cret", location: "https://shop.example.net/", csrf: "t"))
    }

    @Test(arguments: [
        ("application/x-www-form-urlencoded", LoginForm.Encoding.urlencoded),
        ("Application/X-WWW-Form-Urlencoded; charset=UTF-8", .urlencoded),
        (" application/x-www-form-urlencoded ;charset=utf-8", .urlencoded),
        ("application/json", .json),
        ("APPLICATION/JSON;charset=utf-8", .json),
    ])
    func encoding(contentType: String, encoding: LoginForm.Encoding) throws {
        #expect(try LoginForm.Encoding(contentType: contentType) == encoding)
    }

    @Test func noContentTypeMeansUrlencoded() throws {
        #expect(try LoginForm.Encoding(contentType: nil) == .urlencoded)
    }

    @Test(arguments: ["", "text/plain", "multipart/form-data; boundary=x", "application/jsonx", "application/x-www-form-urlencodedx",
                      "text/json", "application/*"])
    func unsupportedMediaTypes(contentType: String) {
        #expect(throws: LoginFormError.unsupportedMediaType) { try Self.form("username=a&password=b", contentType) }
    }

    @Test(arguments: [
        ("password=b", nil, LoginFormError.missingField("username")),
        ("username=a", nil, .missingField("password")),
        ("", nil, .missingField("username")),
        ("username=a&password=b&username=c", nil, .duplicateField("username")),
        ("username=a&password=b&csrf=1&csrf=1", nil, .duplicateField("csrf")),
        ("username=a%zz&password=b", nil, .malformed),
        ("username=a%4&password=b", nil, .malformed),
        ("username=%ff&password=b", nil, .malformed),
        ("username&password=b", nil, .malformed),
        ("username=a&password=b&x", nil, .malformed),
        (#"{"username":1,"password":"b"}"#, "application/json", .notAString("username")),
        (#"{"username":"a","password":null}"#, "application/json", .notAString("password")),
        (#"{"username":"a","password":"b","location":{}}"#, "application/json", .notAString("location")),
        (#"{"username":"a","password":"b","username":"c"}"#, "application/json", .malformed),
        (#"["a","b"]"#, "application/json", .malformed),
        (#"{"username":"a","password":"b"} x"#, "application/json", .malformed),
        ("username=a&password=b", "application/json", .malformed),
        (#"{"password":"b"}"#, "application/json", .missingField("username")),
    ])
    func refuses(body: String, contentType: String?, error: LoginFormError) {
        #expect(throws: error) { try Self.form(body, contentType ?? "application/x-www-form-urlencoded") }
    }

    @Test func invalidUTF8IsMalformed() {
        #expect(throws: LoginFormError.malformed) {
            try LoginForm(body: Array("username=a&password=".utf8) + [0xC3, 0x28], contentType: nil)
        }
    }

    @Test(arguments: [
        ("username", 256), ("password", 1024), ("location", 4096), ("mode", 256), ("scope", 256), ("csrf", 256),
    ])
    func limits(field: String, limit: Int) throws {
        func body(_ length: Int) -> String {
            var fields = ["username": "a", "password": "b"]
            fields[field] = String(repeating: "x", count: length)
            return fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        }
        _ = try Self.form(body(limit))
        #expect(throws: LoginFormError.tooLong(field: field, limit: limit)) { try Self.form(body(limit + 1)) }
    }

    /// Limits count UTF-8 bytes after decoding: 128 × "é" (2 bytes) fits 256, 129 does not.
    @Test func limitsCountDecodedBytes() throws {
        let fits = String(repeating: "%C3%A9", count: 128)
        #expect(try Self.form("username=\(fits)&password=b").username.utf8.count == 256)
        #expect(throws: LoginFormError.tooLong(field: "username", limit: 256)) {
            try Self.form("username=\(fits)%C3%A9&password=b")
        }
    }

    @Test func descriptionHidesThePassword() throws {
        let form = try Self.form("username=alice&password=hunter2&location=https%3A%2F%2Fshop.example.net%2F&csrf=tok")
        #expect(form.description
                == #"LoginForm(username: "alice", password: <hidden>, location: "https://shop.example.net/", mode: "interceptor", scope: "")"#)
        #expect(!"\(form)".contains("hunter2"))
        #expect(!String(reflecting: form).contains("hunter2"))
        var dumped = ""
        dump(form, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }

    @Test(arguments: [
        (LoginFormError.unsupportedMediaType,
         "The login form must be sent as application/x-www-form-urlencoded or application/json."),
        (.malformed, "The login form is not a well-formed body."),
        (.missingField("username"), #"The login form has no "username" field."#),
        (.duplicateField("csrf"), #"The login form has the "csrf" field more than once."#),
        (.notAString("password"), #"The login form's "password" field must be a string."#),
        (.tooLong(field: "password", limit: 1024), #"The login form's "password" field is longer than 1024 bytes."#),
    ])
    func errorDescriptions(error: LoginFormError, description: String) {
        #expect(error.description == description)
    }

    @Test func errorsNeverCarryThePassword() {
        #expect(throws: LoginFormError.tooLong(field: "password", limit: 1024)) {
            try Self.form("username=a&password=" + String(repeating: "s", count: 1025))
        }
    }
}
