import Crypto
import Foundation
import HotlineRecord
import NIOSSL
import SwiftASN1
import X509

/// TLS for the peer endpoint, with the peer's certificate pinned. Each node makes a self-signed
/// certificate at `hotline init` and carries it in its signed identity; a node reaching its peer
/// over https trusts that one certificate and nothing else (no CA, no host name). Nothing the
/// protocol guarantees depends on it: batches are sealed end to end and everything is signed.
/// TLS hides the traffic's shape and the checkpoints from whoever watches the path.
public enum PeerTLS {
    public struct Credentials: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String
        public var certificateDER: [UInt8]
    }

    /// A new P-256 key and a self-signed certificate for it, valid for 20 years.
    public static func makeCredentials(side: SideID, now: Date = Date()) throws -> Credentials {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Hotline")
            CommonName("hotline node \(side)")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3_600), notValidAfter: now.addingTimeInterval(20 * 365.25 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames([.dnsName("hotline-\(side)")])
            },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Credentials(certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation,
                           certificateDER: serializer.serializedBytes)
    }

    /// The DER bytes of a PEM certificate.
    public static func der(fromPEM pem: String) -> [UInt8]? {
        guard let document = try? PEMDocument(pemString: pem), document.discriminator == "CERTIFICATE" else { return nil }
        return document.derBytes
    }

    /// The peer endpoint's server side: TLS 1.3 with the node's own certificate.
    public static func serverConfiguration(certificatePEM: String, privateKeyPEM: String) throws -> TLSConfiguration {
        let certificate = try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv13
        // At a graceful stop, the peer's idle keep-alive connections are closed; waiting the
        // default 5 s for each one's TLS close_notify held every stop of a node whose peer
        // was up for 5 s. No request is in flight by then.
        configuration.shutdownTimeout = .milliseconds(500)
        return configuration
    }

    /// The client side towards one peer: trusts only the certificate in the peer's identity.
    public static func clientConfiguration(pinning certificateDER: [UInt8]) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: certificateDER, format: .der)])
        // The pinned certificate is the identity; the address may be any name or IP.
        configuration.certificateVerification = .noHostnameVerification
        return configuration
    }
}
