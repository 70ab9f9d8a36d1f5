/// docs/openapi.json, served at GET /api/v1/openapi.json. A test checks that the two are the same.
enum OpenAPIDocument {
    static let json: [UInt8] = Array(text.utf8)
    static let text = #"""
{}
"""#
}
