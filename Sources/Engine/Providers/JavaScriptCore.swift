// The one file that touches JavaScriptCore's C API. Nothing else in the
// package sees a JSC type: providers work with `JSVirtualMachine`,
// `JSScriptContext` and `JSValueHandle`.
//
// The library is opened with dlopen on first use instead of being linked:
// merely linking libjavascriptcoregtk costs ≈ 7 MiB of idle RSS (measured:
// 7.3 MiB → 14.5 MiB for an empty executable), which would not fit the
// 20 MiB idle budget of the sidecar (SPEC §9). Glibc is imported here only for
// dlopen/dlsym/dlerror; this file does no I/O.
import Glibc
import Synchronization

// MARK: - Library

/// JavaScriptCore could not be loaded (library or symbol missing).
struct JavaScriptUnavailable: Error, CustomStringConvertible {
    let description: String
}

/// C handles of JSC (`JSContextRef`, `JSValueRef`, …): opaque everywhere.
private typealias Ref = OpaquePointer
private typealias ExceptionOut = UnsafeMutablePointer<Ref?>

/// Signature of a native function called from JavaScript.
private typealias CallAsFunction = @convention(c) (
    Ref?, Ref?, Ref?, Int, UnsafePointer<Ref?>?, ExceptionOut?
) -> Ref?
/// Signature of the watchdog callback (`JSShouldTerminateCallback`).
private typealias ShouldTerminate = @convention(c) (Ref?, UnsafeMutableRawPointer?) -> Bool

/// The entry points of libjavascriptcoregtk-4.1, resolved by dlsym.
private final class JSCLibrary: @unchecked Sendable {
    // `@unchecked`: only immutable C function pointers, set once in `init`.
    let groupCreate: @convention(c) () -> Ref?
    let groupRelease: @convention(c) (Ref?) -> Void
    let setTimeLimit: @convention(c) (Ref?, Double, ShouldTerminate?, UnsafeMutableRawPointer?) -> Void
    let clearTimeLimit: @convention(c) (Ref?) -> Void
    let contextCreateInGroup: @convention(c) (Ref?, Ref?) -> Ref?
    let contextRelease: @convention(c) (Ref?) -> Void
    let contextGlobalObject: @convention(c) (Ref?) -> Ref?
    let contextGlobalContext: @convention(c) (Ref?) -> Ref?
    let evaluateScript: @convention(c) (Ref?, Ref?, Ref?, Ref?, Int32, ExceptionOut?) -> Ref?
    let checkScriptSyntax: @convention(c) (Ref?, Ref?, Ref?, Int32, ExceptionOut?) -> Bool
    let stringCreate: @convention(c) (UnsafePointer<UInt16>?, Int) -> Ref?
    let stringRelease: @convention(c) (Ref?) -> Void
    let stringLength: @convention(c) (Ref?) -> Int
    let stringCharacters: @convention(c) (Ref?) -> UnsafePointer<UInt16>?
    let valueType: @convention(c) (Ref?, Ref?) -> UInt32
    let valueIsArray: @convention(c) (Ref?, Ref?) -> Bool
    let valueToBoolean: @convention(c) (Ref?, Ref?) -> Bool
    let valueToNumber: @convention(c) (Ref?, Ref?, ExceptionOut?) -> Double
    let valueToStringCopy: @convention(c) (Ref?, Ref?, ExceptionOut?) -> Ref?
    let valueCreateJSONString: @convention(c) (Ref?, Ref?, UInt32, ExceptionOut?) -> Ref?
    let valueMakeUndefined: @convention(c) (Ref?) -> Ref?
    let valueMakeNumber: @convention(c) (Ref?, Double) -> Ref?
    let valueMakeString: @convention(c) (Ref?, Ref?) -> Ref?
    let valueProtect: @convention(c) (Ref?, Ref?) -> Void
    let valueUnprotect: @convention(c) (Ref?, Ref?) -> Void
    let objectMake: @convention(c) (Ref?, Ref?, UnsafeMutableRawPointer?) -> Ref?
    let objectGetProperty: @convention(c) (Ref?, Ref?, Ref?, ExceptionOut?) -> Ref?
    let objectSetProperty: @convention(c) (Ref?, Ref?, Ref?, Ref?, UInt32, ExceptionOut?) -> Void
    let objectGetPropertyAtIndex: @convention(c) (Ref?, Ref?, UInt32, ExceptionOut?) -> Ref?
    let objectMakeFunction: @convention(c) (Ref?, Ref?, CallAsFunction?) -> Ref?
    let objectCallAsFunction: @convention(c) (Ref?, Ref?, Ref?, Int, UnsafePointer<Ref?>?, ExceptionOut?) -> Ref?
    let objectCallAsConstructor: @convention(c) (Ref?, Ref?, Int, UnsafePointer<Ref?>?, ExceptionOut?) -> Ref?
    let objectIsConstructor: @convention(c) (Ref?, Ref?) -> Bool
    let objectMakeError: @convention(c) (Ref?, Int, UnsafePointer<Ref?>?, ExceptionOut?) -> Ref?
    let objectMakeDeferredPromise: @convention(c) (Ref?, ExceptionOut?, ExceptionOut?, ExceptionOut?) -> Ref?
    let objectCopyPropertyNames: @convention(c) (Ref?, Ref?) -> Ref?
    let propertyNamesCount: @convention(c) (Ref?) -> Int
    let propertyNameAt: @convention(c) (Ref?, Int) -> Ref?
    let propertyNamesRelease: @convention(c) (Ref?) -> Void

    /// Soname of Debian's libjavascriptcoregtk-4.1 (WebKitGTK 2.50).
    static let soname = "libjavascriptcoregtk-4.1.so.0"

    /// Loaded once per process, on first use (a process-wide fact: dlopen is).
    static let shared: Result<JSCLibrary, JavaScriptUnavailable> = {
        do throws(JavaScriptUnavailable) { return .success(try JSCLibrary()) } catch { return .failure(error) }
    }()

    private init() throws(JavaScriptUnavailable) {
        guard let handle = dlopen(Self.soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            throw JavaScriptUnavailable(description: "JavaScriptCore (\"\(Self.soname)\") could not be loaded: \(reason).")
        }
        func load<T>(_ name: String) throws(JavaScriptUnavailable) -> T {
            guard let symbol = dlsym(handle, name) else {
                throw JavaScriptUnavailable(description: "JavaScriptCore lacks the symbol \"\(name)\".")
            }
            return unsafeBitCast(symbol, to: T.self)
        }
        groupCreate = try load("JSContextGroupCreate")
        groupRelease = try load("JSContextGroupRelease")
        setTimeLimit = try load("JSContextGroupSetExecutionTimeLimit")
        clearTimeLimit = try load("JSContextGroupClearExecutionTimeLimit")
        contextCreateInGroup = try load("JSGlobalContextCreateInGroup")
        contextRelease = try load("JSGlobalContextRelease")
        contextGlobalObject = try load("JSContextGetGlobalObject")
        contextGlobalContext = try load("JSContextGetGlobalContext")
        evaluateScript = try load("JSEvaluateScript")
        checkScriptSyntax = try load("JSCheckScriptSyntax")
        stringCreate = try load("JSStringCreateWithCharacters")
        stringRelease = try load("JSStringRelease")
        stringLength = try load("JSStringGetLength")
        stringCharacters = try load("JSStringGetCharactersPtr")
        valueType = try load("JSValueGetType")
        valueIsArray = try load("JSValueIsArray")
        valueToBoolean = try load("JSValueToBoolean")
        valueToNumber = try load("JSValueToNumber")
        valueToStringCopy = try load("JSValueToStringCopy")
        valueCreateJSONString = try load("JSValueCreateJSONString")
        valueMakeUndefined = try load("JSValueMakeUndefined")
        valueMakeNumber = try load("JSValueMakeNumber")
        valueMakeString = try load("JSValueMakeString")
        valueProtect = try load("JSValueProtect")
        valueUnprotect = try load("JSValueUnprotect")
        objectMake = try load("JSObjectMake")
        objectGetProperty = try load("JSObjectGetProperty")
        objectSetProperty = try load("JSObjectSetProperty")
        objectGetPropertyAtIndex = try load("JSObjectGetPropertyAtIndex")
        objectMakeFunction = try load("JSObjectMakeFunctionWithCallback")
        objectCallAsFunction = try load("JSObjectCallAsFunction")
        objectCallAsConstructor = try load("JSObjectCallAsConstructor")
        objectIsConstructor = try load("JSObjectIsConstructor")
        objectMakeError = try load("JSObjectMakeError")
        objectMakeDeferredPromise = try load("JSObjectMakeDeferredPromise")
        objectCopyPropertyNames = try load("JSObjectCopyPropertyNames")
        propertyNamesCount = try load("JSPropertyNameArrayGetCount")
        propertyNameAt = try load("JSPropertyNameArrayGetNameAtIndex")
        propertyNamesRelease = try load("JSPropertyNameArrayRelease")
    }

    /// A new `JSStringRef` holding exactly `text` (UTF-16, embedded NULs kept).
    func makeString(_ text: String) -> Ref? {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { buffer in
            withUnsafePointer(to: 0 as UInt16) { empty in stringCreate(buffer.baseAddress ?? empty, buffer.count) }
        }
    }

    /// Swift text of a `JSStringRef`, or nil when longer than `limit` UTF-16 units.
    func text(of string: Ref?, limit: Int = .max) -> String? {
        let count = stringLength(string)
        guard count <= limit else { return nil }
        guard count > 0, let characters = stringCharacters(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF16.self)
    }

    /// The first `prefix` UTF-16 units of a `JSStringRef` (a cut surrogate pair becomes U+FFFD).
    func text(of string: Ref?, prefix: Int) -> String {
        let count = min(stringLength(string), max(prefix, 0))
        guard count > 0, let characters = stringCharacters(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF16.self)
    }

    /// Calls `body` with a temporary `JSStringRef`.
    func withString<R>(_ text: String, _ body: (Ref?) throws(JSException) -> R) throws(JSException) -> R {
        let string = makeString(text)
        defer { stringRelease(string) }
        return try body(string)
    }
}

// MARK: - Errors

/// A JavaScript exception (or a stop by the execution time limit), made Swift.
struct JSException: Error, CustomStringConvertible {
    /// `String(exception)`, e.g. "TypeError: x is not a function".
    let message: String
    /// The line the exception points at, when JavaScriptCore knows it.
    let line: Int?
    /// True when the virtual machine's time limit stopped the script.
    let terminated: Bool

    var description: String { message }
}

/// Thrown by a native function to raise a JavaScript `Error` in the caller.
struct JSNativeError: Error {
    let message: String
}

// MARK: - Virtual machine

/// One JavaScriptCore context group (virtual machine): owned by one thread.
///
/// Contexts of a group share a heap and a lock; a group is never used by two
/// threads at once (PLATFORM: one group per worker thread is safe).
final class JSVirtualMachine {
    fileprivate let lib: JSCLibrary
    fileprivate let group: Ref
    private let watchdog = Watchdog()

    /// Set by the time-limit callback; the virtual machine object outlives it.
    private final class Watchdog {
        var fired = false
        var deadline = ContinuousClock.now
        /// Re-arms the limit for another slice from inside the callback.
        var rearm: (() -> Void)?
    }

    init() throws(JavaScriptUnavailable) {
        let lib = try JSCLibrary.shared.get()
        guard let group = lib.groupCreate() else {
            throw JavaScriptUnavailable(description: "JavaScriptCore could not create a context group.")
        }
        self.lib = lib
        self.group = group
    }

    deinit {
        lib.clearTimeLimit(group)
        lib.groupRelease(group)
    }

    /// Stops any script of this group still running at `deadline` (wall clock); clears the
    /// "fired" mark.
    ///
    /// JavaScriptCore's limit counts the thread's CPU time, which on a busy machine (or at the
    /// provider threads' low priority) runs far slower than the clock. So the limit is a short
    /// CPU slice whose callback compares the wall clock and lets the script go on until the
    /// deadline: a runaway ends within a slice of CPU time after it.
    func limitExecution(until deadline: ContinuousClock.Instant) {
        watchdog.fired = false
        watchdog.deadline = deadline
        let terminate: ShouldTerminate = { _, info in
            guard let info else { return true }
            let watchdog = Unmanaged<Watchdog>.fromOpaque(info).takeUnretainedValue()
            guard ContinuousClock.now >= watchdog.deadline else {
                // JavaScriptCore does not call again unless the limit is set anew.
                watchdog.rearm?()
                return false
            }
            watchdog.fired = true
            return true
        }
        let context = Unmanaged.passUnretained(watchdog).toOpaque()
        let (lib, group) = (lib, group)
        watchdog.rearm = { lib.setTimeLimit(group, Self.slice, terminate, context) }
        let remaining = (deadline - ContinuousClock.now).components
        let seconds = Double(remaining.seconds) + Double(remaining.attoseconds) * 1e-18
        lib.setTimeLimit(group, min(max(seconds, 0.001), Self.slice), terminate, context)
    }

    /// CPU time between two looks at the wall clock while a script runs: short, because the
    /// provider threads run at the lowest priority and may get little CPU. Default: 10 ms.
    static let slice = 0.01

    /// True when the time limit stopped a script since the last `limitExecution`.
    var executionLimitFired: Bool { watchdog.fired }

    /// Checks `source` without running it; nil when it parses.
    func syntaxError(in source: String, startingLine: Int = 1) -> JSException? {
        let context = JSScriptContext(in: self)
        let string = lib.makeString(source)
        defer { lib.stringRelease(string) }
        var exception: Ref?
        if lib.checkScriptSyntax(context.ref, string, nil, Int32(clamping: startingLine), &exception) { return nil }
        return context.exception(from: exception)
    }
}

// MARK: - Context

/// A JavaScript function implemented in Swift.
typealias JSNativeFunction = (_ context: JSScriptContext, _ arguments: [JSValueHandle]) throws(JSNativeError) -> JSValueHandle?

/// Native functions by the address of their JavaScript function object.
///
/// A C callback cannot capture, so the trampoline finds the Swift closure
/// here. Entries live exactly as long as their context.
private let nativeFunctions = Mutex<[UInt: NativeEntry]>([:])

private final class NativeEntry: @unchecked Sendable {
    // `@unchecked`: created, called and removed on the thread owning the context.
    unowned(unsafe) let context: JSScriptContext
    let body: JSNativeFunction
    init(context: JSScriptContext, body: @escaping JSNativeFunction) {
        self.context = context
        self.body = body
    }
}

/// Entry point for every native function.
private let nativeTrampoline: CallAsFunction = { _, function, this, count, arguments, exception in
    guard let function, let entry = nativeFunctions.withLock({ $0[UInt(bitPattern: function)] }) else { return nil }
    let context = entry.context
    var values: [JSValueHandle] = []
    values.reserveCapacity(count)
    for index in 0..<count {
        if let value = arguments?[index] { values.append(JSValueHandle(value, context)) }
    }
    do throws(JSNativeError) {
        return try entry.body(context, values)?.ref ?? context.lib.valueMakeUndefined(context.ref)
    } catch {
        exception?.pointee = context.makeError(error.message).ref
        return nil
    }
}

/// A fresh global context (its own global object) in a virtual machine.
final class JSScriptContext {
    fileprivate let lib: JSCLibrary
    fileprivate let ref: Ref
    /// Keeps the group alive while the context lives.
    let machine: JSVirtualMachine
    private var registered: [UInt] = []

    init(in machine: JSVirtualMachine) {
        self.machine = machine
        self.lib = machine.lib
        // Creating a context only fails when out of memory.
        guard let ref = machine.lib.contextCreateInGroup(machine.group, nil) else { fatalError("JSGlobalContextCreateInGroup failed") }
        self.ref = ref
    }

    deinit {
        let keys = registered
        nativeFunctions.withLock { table in for key in keys { table[key] = nil } }
        lib.contextRelease(ref)
    }

    /// The global object (`globalThis`).
    var global: JSValueHandle { JSValueHandle(lib.contextGlobalObject(ref), self) }

    /// Runs `source` as a script; its value, or the exception it threw.
    @discardableResult
    func evaluate(_ source: String, startingLine: Int = 1) throws(JSException) -> JSValueHandle {
        let string = lib.makeString(source)
        defer { lib.stringRelease(string) }
        var exception: Ref?
        let result = lib.evaluateScript(ref, string, nil, nil, Int32(clamping: startingLine), &exception)
        return try value(result, exception)
    }

    /// A JavaScript function that calls `body`.
    func makeFunction(_ name: String, _ body: @escaping JSNativeFunction) -> JSValueHandle {
        let string = lib.makeString(name)
        defer { lib.stringRelease(string) }
        let function = lib.objectMakeFunction(ref, string, nativeTrampoline)
        if let function {
            let key = UInt(bitPattern: function)
            nativeFunctions.withLock { $0[key] = NativeEntry(context: self, body: body) }
            registered.append(key)
        }
        return JSValueHandle(function, self)
    }

    func makeObject() -> JSValueHandle { JSValueHandle(lib.objectMake(ref, nil, nil), self) }
    func makeUndefined() -> JSValueHandle { JSValueHandle(lib.valueMakeUndefined(ref), self) }
    func makeNumber(_ number: Double) -> JSValueHandle { JSValueHandle(lib.valueMakeNumber(ref, number), self) }

    func makeString(_ text: String) -> JSValueHandle {
        let string = lib.makeString(text)
        defer { lib.stringRelease(string) }
        return JSValueHandle(lib.valueMakeString(ref, string), self)
    }

    /// `new Error(message)`.
    func makeError(_ message: String) -> JSValueHandle {
        var argument: Ref? = makeString(message).ref
        return JSValueHandle(lib.objectMakeError(ref, 1, &argument, nil), self)
    }

    /// A pending promise and its resolve and reject functions.
    func makePromise() throws(JSException) -> (promise: JSValueHandle, resolve: JSValueHandle, reject: JSValueHandle) {
        var resolve: Ref?
        var reject: Ref?
        var exception: Ref?
        let promise = lib.objectMakeDeferredPromise(ref, &resolve, &reject, &exception)
        let made = try value(promise, exception)
        guard let resolve, let reject else { throw JSException(message: "Promise could not be created.", line: nil, terminated: false) }
        return (made, JSValueHandle(resolve, self), JSValueHandle(reject, self))
    }

    /// Turns a C result and exception into a value or a thrown `JSException`.
    fileprivate func value(_ result: Ref?, _ exception: Ref?) throws(JSException) -> JSValueHandle {
        if let exception { throw self.exception(from: exception) }
        guard let result else { throw JSException(message: "JavaScriptCore returned no value.", line: nil, terminated: false) }
        return JSValueHandle(result, self)
    }

    /// Message and line of a thrown JavaScript value.
    fileprivate func exception(from thrown: Ref?) -> JSException {
        let terminated = machine.executionLimitFired
        guard let thrown else { return JSException(message: "unknown exception", line: nil, terminated: terminated) }
        let value = JSValueHandle(thrown, self)
        let message = value.displayString(limit: 512)
        var line: Int?
        if value.isObject, let number = (try? value.property("line"))?.number, number.isFinite,
           number >= 0, number < 1e9 {
            line = Int(number)
        }
        return JSException(message: message, line: line, terminated: terminated)
    }
}

// MARK: - Values

/// A JavaScript value of one context.
///
/// JavaScriptCore's collector scans the C stack, so a handle held in a local
/// is safe; one stored on the heap across calls into JavaScript must be
/// pinned (`JSPinnedValue`).
struct JSValueHandle {
    fileprivate let ref: Ref?
    let context: JSScriptContext

    fileprivate init(_ ref: Ref?, _ context: JSScriptContext) {
        self.ref = ref
        self.context = context
    }

    /// The JavaScript type (`typeof`, roughly).
    enum Kind: UInt32 { case undefined, null, boolean, number, string, object, symbol, bigint }

    var kind: Kind { Kind(rawValue: context.lib.valueType(context.ref, ref)) ?? .object }
    var isObject: Bool { kind == .object }
    var isArray: Bool { context.lib.valueIsArray(context.ref, ref) }
    var isUndefinedOrNull: Bool { kind == .undefined || kind == .null }
    /// JavaScript truthiness (`!!value`).
    var truthy: Bool { context.lib.valueToBoolean(context.ref, ref) }
    /// The number when the value is a number primitive.
    var number: Double? { kind == .number ? context.lib.valueToNumber(context.ref, ref, nil) : nil }

    /// The text when the value is a string primitive (`.notString` for other
    /// kinds, `.tooLong` beyond `limit` UTF-16 units, checked before copying).
    func string(limit: Int = .max) -> StringRead {
        guard kind == .string else { return .notString }
        let copy = context.lib.valueToStringCopy(context.ref, ref, nil)
        defer { context.lib.stringRelease(copy) }
        guard let text = context.lib.text(of: copy, limit: limit) else { return .tooLong }
        return .text(text)
    }

    enum StringRead: Equatable { case text(String), notString, tooLong }

    /// `String(value)` for logs and messages, cut to `limit` characters; never throws.
    func displayString(limit: Int) -> String {
        var exception: Ref?
        let copy = context.lib.valueToStringCopy(context.ref, ref, &exception)
        guard let copy, exception == nil else { return "[value]" }
        defer { context.lib.stringRelease(copy) }
        if let text = context.lib.text(of: copy, limit: limit) { return text }
        return context.lib.text(of: copy, prefix: limit) + "…"
    }

    /// `value[name]` (runs getters).
    func property(_ name: String) throws(JSException) -> JSValueHandle {
        guard isObject else { return context.makeUndefined() }
        let lib = context.lib
        let ctx = context.ref
        let target = ref
        return try lib.withString(name) { string throws(JSException) in
            var exception: Ref?
            let result = lib.objectGetProperty(ctx, target, string, &exception)
            return try context.value(result, exception)
        }
    }

    /// `value[index]`.
    func element(_ index: Int) throws(JSException) -> JSValueHandle {
        var exception: Ref?
        let result = context.lib.objectGetPropertyAtIndex(context.ref, ref, UInt32(clamping: index), &exception)
        return try context.value(result, exception)
    }

    /// `value[name] = newValue`, read-only and not deletable when `locked`.
    func setProperty(_ name: String, _ newValue: JSValueHandle, locked: Bool = false) {
        let string = context.lib.makeString(name)
        defer { context.lib.stringRelease(string) }
        // kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete
        context.lib.objectSetProperty(context.ref, ref, string, newValue.ref, locked ? (1 << 1 | 1 << 3) : 0, nil)
    }

    /// Own enumerable property names.
    func propertyNames() -> [String] {
        guard isObject else { return [] }
        let lib = context.lib
        let names = lib.objectCopyPropertyNames(context.ref, ref)
        defer { lib.propertyNamesRelease(names) }
        return (0..<lib.propertyNamesCount(names)).map { lib.text(of: lib.propertyNameAt(names, $0)) ?? "" }
    }

    /// `JSON.stringify(value)`: nil when undefined (functions, undefined).
    func json(limit: Int) throws(JSException) -> StringRead {
        var exception: Ref?
        let string = context.lib.valueCreateJSONString(context.ref, ref, 0, &exception)
        if let exception { throw context.exception(from: exception) }
        guard let string else { return .notString }
        defer { context.lib.stringRelease(string) }
        guard let text = context.lib.text(of: string, limit: limit) else { return .tooLong }
        return .text(text)
    }

    /// Calls the value as a function with `this` undefined.
    @discardableResult
    func call(_ arguments: [JSValueHandle]) throws(JSException) -> JSValueHandle {
        var refs = arguments.map(\.ref)
        var exception: Ref?
        let result = refs.withUnsafeMutableBufferPointer { buffer in
            context.lib.objectCallAsFunction(context.ref, ref, nil, buffer.count, buffer.baseAddress, &exception)
        }
        return try context.value(result, exception)
    }

    /// True when the value can be called with `new`.
    var isConstructor: Bool { isObject && context.lib.objectIsConstructor(context.ref, ref) }

    /// `new value(...arguments)`.
    func construct(_ arguments: [JSValueHandle]) throws(JSException) -> JSValueHandle {
        var refs = arguments.map(\.ref)
        var exception: Ref?
        let result = refs.withUnsafeMutableBufferPointer { buffer in
            context.lib.objectCallAsConstructor(context.ref, ref, buffer.count, buffer.baseAddress, &exception)
        }
        return try context.value(result, exception)
    }
}

/// A value kept alive by the collector until this object goes away.
final class JSPinnedValue {
    let value: JSValueHandle

    init(_ value: JSValueHandle) {
        self.value = value
        value.context.lib.valueProtect(value.context.ref, value.ref)
    }

    deinit { value.context.lib.valueUnprotect(value.context.ref, value.ref) }
}
