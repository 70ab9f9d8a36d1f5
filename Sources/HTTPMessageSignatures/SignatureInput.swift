/// What one signature covers and says about itself: the ordered covered components and the
/// signature parameters, as written in a `Signature-Input` member and on the
/// `@signature-params` line of the signature base.
public struct SignatureInput: Sendable, Hashable {
    /// The covered components, in signing order.
    public let components: [CoveredComponent]
    /// The signature parameters.
    public let parameters: SignatureParameters
    /// The serialized inner list with its parameters, such as
    /// `("@method" "@path");created=1618884473;keyid="k"`: the `@signature-params` value and
    /// the `Signature-Input` member value. A parsed input keeps the parameter order it was
    /// received in, because that order is part of what was signed.
    public let signatureParamsValue: String

    /// Makes the input for a new signature. Parameters are written in the order created,
    /// expires, keyid, alg, nonce, tag, leaving out those that are nil.
    public init(components: [CoveredComponent], parameters: SignatureParameters) throws(SignatureError) {
        try Self.validate(components)
        try Self.validateLengths(parameters)
        var listParameters: [StructuredParameter] = []
        if let created = parameters.created { listParameters.append(.init(key: "created", value: .integer(created))) }
        if let expires = parameters.expires { listParameters.append(.init(key: "expires", value: .integer(expires))) }
        if let keyID = parameters.keyID { listParameters.append(.init(key: "keyid", value: .string(keyID))) }
        if let algorithm = parameters.algorithm { listParameters.append(.init(key: "alg", value: .string(algorithm))) }
        if let nonce = parameters.nonce { listParameters.append(.init(key: "nonce", value: .string(nonce))) }
        if let tag = parameters.tag { listParameters.append(.init(key: "tag", value: .string(tag))) }
        let list = StructuredInnerList(
            components.map { StructuredItem(.string($0.name)) }, parameters: listParameters
        )
        do throws(StructuredFieldError) {
            self.signatureParamsValue = try StructuredFieldSerializer.serialize(list)
        } catch {
            throw Self.unserializable(error, in: listParameters)
        }
        self.components = components
        self.parameters = parameters
    }

    /// Reads the input of a received signature from its parsed `Signature-Input` member.
    ///
    /// Refuses components that are not lowercase strings without parameters, duplicates,
    /// unsupported derived components, unknown signature parameters and parameters of the
    /// wrong type.
    public init(parsing innerList: StructuredInnerList) throws(SignatureError) {
        var components: [CoveredComponent] = []
        for (index, item) in innerList.items.enumerated() {
            guard case let .string(name) = item.value else { throw .componentNotString(position: index) }
            guard item.parameters.isEmpty else { throw .componentHasParameters(name) }
            guard ASCII.lowercased(name) == name else { throw .componentNameNotLowercase(name) }
            components.append(CoveredComponent(name))
        }
        try Self.validate(components)

        var parameters = SignatureParameters()
        for parameter in innerList.parameters {
            switch parameter.key {
            case "created": parameters.created = try Self.integer(parameter)
            case "expires": parameters.expires = try Self.integer(parameter)
            case "keyid": parameters.keyID = try Self.string(parameter)
            case "alg": parameters.algorithm = try Self.string(parameter)
            case "nonce": parameters.nonce = try Self.string(parameter)
            case "tag": parameters.tag = try Self.string(parameter)
            default: throw .unknownSignatureParameter(parameter.key)
            }
        }
        try Self.validateLengths(parameters)

        do throws(StructuredFieldError) {
            self.signatureParamsValue = try StructuredFieldSerializer.serialize(innerList)
        } catch {
            // Whatever the parser produced serializes; this is only reached if a caller
            // built an inner list by hand.
            throw Self.unserializable(error, in: innerList.parameters)
        }
        self.components = components
        self.parameters = parameters
    }

    // MARK: - Checks

    private static func validate(_ components: [CoveredComponent]) throws(SignatureError) {
        var seen = Set<CoveredComponent>()
        for component in components {
            try component.validate()
            guard seen.insert(component).inserted else { throw .duplicateComponent(component.name) }
        }
    }

    private static func validateLengths(_ parameters: SignatureParameters) throws(SignatureError) {
        let strings = [("keyid", parameters.keyID), ("alg", parameters.algorithm),
                       ("nonce", parameters.nonce), ("tag", parameters.tag)]
        for case let (name, value?) in strings where value.utf8.count > SignatureParameters.maxStringLength {
            throw .signatureParameterTooLong(name: name, limit: SignatureParameters.maxStringLength)
        }
    }

    private static func integer(_ parameter: StructuredParameter) throws(SignatureError) -> Int64 {
        guard case let .integer(value) = parameter.value else {
            throw .signatureParameterWrongType(name: parameter.key, expected: "an integer")
        }
        return value
    }

    private static func string(_ parameter: StructuredParameter) throws(SignatureError) -> String {
        guard case let .string(value) = parameter.value else {
            throw .signatureParameterWrongType(name: parameter.key, expected: "a string")
        }
        return value
    }

    /// Names the parameter that could not be written, so the caller knows which value to fix.
    private static func unserializable(
        _ error: StructuredFieldError, in parameters: [StructuredParameter]
    ) -> SignatureError {
        for parameter in parameters {
            do throws(StructuredFieldError) {
                _ = try StructuredFieldSerializer.serialize(parameter.value)
            } catch {
                return .unserializableSignatureParameter(name: parameter.key, reason: error)
            }
        }
        return .unserializableSignatureParameter(name: "(unknown)", reason: error)
    }
}
