/// scrypt cost settings (N = 2^logN, block size r, parallelism p), always within the range this
/// package is willing to run.
///
/// The same limits apply when creating and when opening a file, so a hostile or corrupted file
/// can neither weaken the passphrase protection below the floor nor make the opener allocate
/// more than `allowedMemoryBytes.upperBound` or spend more than `maximumWork`. There is
/// deliberately no "test profile" marker in the file format that would relax the floor: such a
/// marker could be copied into a production file. Tests use `.fast`, which sits at the floor.
public struct ScryptParameters: Hashable, Sendable {
    /// log2 of the CPU/memory cost N.
    public let logN: Int
    /// Block size factor r.
    public let r: Int
    /// Parallelism factor p (evaluated sequentially here, so it multiplies time, not memory).
    public let p: Int

    /// logN below 14 is too cheap for a guessing attacker; above 20 needs too much memory.
    public static let allowedLogN: ClosedRange<Int> = 14...20
    /// r above 16 also breaks swift-crypto's memory estimate for p = 1.
    public static let allowedR: ClosedRange<Int> = 1...16
    /// Larger p only multiplies time, which `maximumWork` bounds as well.
    public static let allowedP: ClosedRange<Int> = 1...16
    /// 128·r·N bytes: at least 16 MiB (memory hardness), at most 256 MiB (safe on any office machine).
    public static let allowedMemoryBytes: ClosedRange<Int> = (16 << 20)...(256 << 20)
    /// N·r·p: four times `.standard`, about 1.4 s in a release build on the reference machine.
    public static let maximumWork = 1 << 22

    /// The profile for officials' keys: N = 2^17, r = 8, p = 1 (128 MiB), the OWASP recommendation.
    ///
    /// Measured on the project's shared 2-core reference machine (Swift 6.3.1, swift-crypto 4.5.2):
    /// 0.33–0.38 s per create or unlock in a release build, 1.6–1.8 s in a debug build (BoringSSL
    /// unoptimised). Creating costs one derivation, unlocking one, changing the passphrase two.
    /// logN 18 would double both time and memory (256 MiB), the most the opener accepts.
    public static let standard = ScryptParameters(uncheckedLogN: 17, r: 8, p: 1)

    /// The cheapest accepted profile: N = 2^14, r = 8, p = 1 (16 MiB, scrypt's original interactive
    /// setting). 0.04 s release / 0.19 s debug on the reference machine. Meant for tests; prefer
    /// `.standard` for real keys.
    public static let fast = ScryptParameters(uncheckedLogN: 14, r: 8, p: 1)

    /// Validates the parameters against the accepted range.
    /// - Throws: `kdfParameterOutOfRange`, `kdfMemoryOutOfRange` or `kdfWorkTooHigh`.
    public init(logN: Int, r: Int, p: Int) throws(KeystoreError) {
        try Self.check("logN", logN, in: Self.allowedLogN)
        try Self.check("r", r, in: Self.allowedR)
        try Self.check("p", p, in: Self.allowedP)
        self.init(uncheckedLogN: logN, r: r, p: p)
        // Each factor is bounded above, so these products cannot overflow.
        guard Self.allowedMemoryBytes.contains(memoryBytes) else {
            throw .kdfMemoryOutOfRange(byteCount: memoryBytes, allowed: Self.allowedMemoryBytes)
        }
        guard work <= Self.maximumWork else {
            throw .kdfWorkTooHigh(work: work, limit: Self.maximumWork)
        }
    }

    private init(uncheckedLogN logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// N, the number of scrypt rounds.
    public var n: Int { 1 << logN }

    /// Approximate peak memory of one derivation: 128·r·N bytes.
    public var memoryBytes: Int { 128 * r * n }

    /// Relative running time: N·r·p.
    public var work: Int { n * r * p }

    private static func check(_ name: String, _ value: Int, in range: ClosedRange<Int>) throws(KeystoreError) {
        guard range.contains(value) else {
            throw .kdfParameterOutOfRange(parameter: name, value: value, allowed: range)
        }
    }
}
