/// A component a signature covers (RFC 9421 section 2): a derived component such as
/// `@method`, or a header field by its lowercased name, such as `content-digest`.
///
/// Component parameters (`;sf`, `;key`, `;bs`, `;req`, `;tr`) are not supported: Hotline
/// signs none, and a signature whose components carry them is refused.
public struct CoveredComponent: Sendable, Hashable, CustomStringConvertible {
    /// The component name, lowercased, such as `@path` or `content-type`.
    public let name: String

    /// Makes a component; the name is lowercased, as RFC 9421 section 2.1 requires.
    public init(_ name: String) {
        self.name = ASCII.lowercased(name)
    }

    /// A header field component, such as `.field("Date")`, named `date`.
    public static func field(_ name: String) -> CoveredComponent { CoveredComponent(name) }

    /// `@method`: the request method.
    public static let method = CoveredComponent("@method")
    /// `@authority`: host and port of the target URI.
    public static let authority = CoveredComponent("@authority")
    /// `@path`: the absolute path of the target URI.
    public static let path = CoveredComponent("@path")
    /// `@query`: the query of the target URI, with its leading `?`.
    public static let query = CoveredComponent("@query")
    /// The `Content-Digest` header field (RFC 9530), which binds the body.
    public static let contentDigest = CoveredComponent("content-digest")
    /// The `Content-Type` header field.
    public static let contentType = CoveredComponent("content-type")

    /// The derived components this module can compute.
    public static let supportedDerivedComponents: [CoveredComponent] = [.method, .authority, .path, .query]

    /// Whether this is a derived component (its name starts with `@`).
    public var isDerived: Bool { name.utf8.first == UInt8(ascii: "@") }

    public var description: String { name }

    /// Checks that the name is one this module can put in a signature base.
    func validate() throws(SignatureError) {
        if name == "@signature-params" { throw .signatureParamsCovered }
        if isDerived {
            guard Self.supportedDerivedComponents.contains(self) else {
                throw .unsupportedDerivedComponent(name)
            }
            return
        }
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isTokenCharacter) else {
            throw .invalidComponentName(name)
        }
    }
}
