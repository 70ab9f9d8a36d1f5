extension String {
    /// Exact comparison. `==` on String treats canonically equivalent text as equal (e.g. the
    /// Kelvin sign U+212A equals "K"), which is too lax for field names and identifiers.
    func hasSameBytes(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
