/// A bare item of an RFC 8941 / RFC 9651 Structured Field: the subset this module reads and
/// writes. Decimals, Dates and Display Strings are refused by the parser, since none of
/// `Signature-Input`, `Signature` and `Content-Digest` needs them.
public enum StructuredBareItem: Sendable, Hashable {
    /// An Integer, at most 15 decimal digits either side of zero.
    case integer(Int64)
    /// A String of printable ASCII.
    case string(String)
    /// A Token, such as `ed25519` or `*foo/bar`.
    case token(String)
    /// A Byte Sequence, carried base64-encoded between colons.
    case byteSequence([UInt8])
    /// A Boolean, `?1` or `?0`.
    case boolean(Bool)
}

/// One parameter of an Item or an Inner List: a key and a bare value. Parameters stay in the
/// order they were written because the order is part of what a signature covers.
public struct StructuredParameter: Sendable, Hashable {
    /// The parameter's key, an sf-key such as `created` or `keyid`.
    public var key: String
    /// The parameter's value; a bare key means `.boolean(true)`.
    public var value: StructuredBareItem

    /// Makes a parameter.
    public init(key: String, value: StructuredBareItem) {
        self.key = key
        self.value = value
    }
}

/// An Item: a bare item with its parameters.
public struct StructuredItem: Sendable, Hashable {
    /// The item's value.
    public var value: StructuredBareItem
    /// The item's parameters, in order.
    public var parameters: [StructuredParameter]

    /// Makes an item.
    public init(_ value: StructuredBareItem, parameters: [StructuredParameter] = []) {
        self.value = value
        self.parameters = parameters
    }
}

/// An Inner List: parenthesised items, followed by parameters of the list itself.
public struct StructuredInnerList: Sendable, Hashable {
    /// The list's items, in order.
    public var items: [StructuredItem]
    /// The list's own parameters, in order.
    public var parameters: [StructuredParameter]

    /// Makes an inner list.
    public init(_ items: [StructuredItem], parameters: [StructuredParameter] = []) {
        self.items = items
        self.parameters = parameters
    }
}
