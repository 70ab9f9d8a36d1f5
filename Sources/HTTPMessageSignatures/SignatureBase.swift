/// Builds the signature base of RFC 9421 section 2.5: the exact bytes a signature is made
/// over, rebuilt identically by the verifier from the message it received.
///
/// ```
/// "@method": POST
/// "@authority": example.com
/// "@path": /foo
/// "@signature-params": ("@method" "@authority" "@path");created=1618884473;keyid="k"
/// ```
public enum SignatureBase {
    /// The signature base for `input` over `request`: one line per covered component, in
    /// order, then the `@signature-params` line, with no final newline.
    public static func make(for request: SignableRequest, input: SignatureInput) throws(SignatureError) -> String {
        var output = ""
        for component in input.components {
            // Component names are validated tokens or known derived names, so the sf-string
            // serialization is the name in quotes.
            output += "\"\(component.name)\": "
            output += try value(of: component, in: request)
            output += "\n"
        }
        output += "\"@signature-params\": " + input.signatureParamsValue
        return output
    }

    /// The canonical value of one component (RFC 9421 sections 2.1 and 2.2).
    static func value(of component: CoveredComponent, in request: SignableRequest) throws(SignatureError) -> String {
        switch component {
        case .method:
            guard !request.method.isEmpty, request.method.utf8.allSatisfy(ASCII.isTokenCharacter) else {
                throw .invalidComponentValue(component: component.name, reason: "a method is a non-empty token")
            }
            return request.method
        case .authority:
            // RFC 9110 section 4.2.3: the host is case-insensitive, so it is signed lowercased.
            let authority = ASCII.lowercased(request.authority)
            guard !authority.isEmpty, authority.utf8.allSatisfy(ASCII.isVisible) else {
                throw .invalidComponentValue(component: component.name, reason: "an authority is non-empty visible ASCII without spaces")
            }
            return authority
        case .path:
            let path = request.path.isEmpty ? "/" : request.path
            guard path.utf8.first == UInt8(ascii: "/"), path.utf8.allSatisfy(ASCII.isVisible),
                  !path.utf8.contains(UInt8(ascii: "?")), !path.utf8.contains(UInt8(ascii: "#"))
            else {
                throw .invalidComponentValue(component: component.name, reason: "a path starts with '/' and is visible ASCII without '?' or '#'")
            }
            return path
        case .query:
            // An absent query is signed as "?" alone (RFC 9421 section 2.2.7).
            let query = "?" + (request.query ?? "")
            guard query.utf8.allSatisfy(ASCII.isVisible), !query.utf8.contains(UInt8(ascii: "#")) else {
                throw .invalidComponentValue(component: component.name, reason: "a query is visible ASCII without '#'")
            }
            return query
        default:
            guard !component.isDerived else { throw .unsupportedDerivedComponent(component.name) }
            return try fieldValue(named: component.name, in: request)
        }
    }

    /// RFC 9421 section 2.1: each value trimmed, several values joined with ", ".
    private static func fieldValue(named name: String, in request: SignableRequest) throws(SignatureError) -> String {
        let values = request.values(forHeader: name)
        guard !values.isEmpty else { throw .coveredHeaderMissing(name) }
        let trimmed = values.map(ASCII.trimmingOptionalWhitespace)
        for value in trimmed {
            // field-content without obs-text: a newline here would forge a line of the base.
            let allowed = value.utf8.allSatisfy { ASCII.isPrintable($0) || $0 == ASCII.tab }
            guard allowed else {
                throw .invalidComponentValue(component: name, reason: "a header value is printable ASCII, spaces and tabs only")
            }
        }
        return trimmed.joined(separator: ", ")
    }
}
