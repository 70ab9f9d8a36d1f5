/// An RFC 8941 Dictionary: ordered members, each an Item or an Inner List under a unique key.
///
/// `Signature-Input` is a Dictionary of Inner Lists, `Signature` and `Content-Digest` are
/// Dictionaries of Byte Sequences.
public struct StructuredDictionary: Sendable, Hashable {
    /// The value of a dictionary member.
    public enum Value: Sendable, Hashable {
        /// A single item, such as a Byte Sequence.
        case item(StructuredItem)
        /// A parenthesised inner list, such as a signature's covered components.
        case innerList(StructuredInnerList)
    }

    /// One member of the dictionary.
    public struct Member: Sendable, Hashable {
        /// The member's key, an sf-key such as `sig1` or `sha-256`.
        public var key: String
        /// The member's value.
        public var value: Value

        /// Makes a member.
        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in the order they were written.
    public var members: [Member]

    /// Makes a dictionary from its members.
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// The value under `key`, if there is one.
    public subscript(key: String) -> Value? {
        members.first { $0.key == key }?.value
    }
}
