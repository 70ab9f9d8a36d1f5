// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Hotline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hotline", targets: ["hotline"]),
        .library(name: "HotlineRecord", targets: ["HotlineRecord"]),
        .library(name: "HotlineRules", targets: ["HotlineRules"]),
        .library(name: "HotlineStore", targets: ["HotlineStore"]),
        .library(name: "HotlineTestSupport", targets: ["HotlineTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The record core: formats, Merkle tree, signatures, entry rules. No I/O, no clock.
        .target(
            name: "HotlineRecord",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The rules of the official workflows: roles, lines and the items, derived from the two
        // logs alone. Pure like the record core.
        .target(name: "HotlineRules", dependencies: ["HotlineRecord"]),
        // RFC 9421 HTTP Message Signatures with Ed25519 and RFC 9530 Content-Digest: how every
        // client API request is signed. Pure.
        .target(name: "HTTPMessageSignatures", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // An official's Ed25519 key in a passphrase-protected file (scrypt, AES-256-GCM).
        .target(name: "HotlineKeystore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Durable storage of logs, checkpoints and cosignatures.
        .target(
            name: "HotlineStore",
            dependencies: ["HotlineRecord", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The node: configuration, keys on disk, the peer link, the client API, metrics.
        .target(
            name: "HotlineNode",
            dependencies: [
                "HotlineRecord", "HotlineRules", "HotlineStore", "HotlineClient", "HTTPMessageSignatures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Console")]
        ),
        // The client library the CLI, the console and the tests share.
        .target(
            name: "HotlineClient",
            dependencies: [
                "HotlineRecord", "HTTPMessageSignatures",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        // The `hotline` executable.
        .executableTarget(
            name: "hotline",
            dependencies: [
                "HotlineRecord", "HotlineRules", "HotlineStore", "HotlineNode", "HotlineClient", "HotlineTestSupport", "HotlineKeystore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Shared by tests and benchmarks: synthetic logs, two sides in one process.
        .target(
            name: "HotlineTestSupport",
            dependencies: [
                "HotlineRecord", "HotlineStore", "HotlineNode", "HotlineClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // A child process for the store's crash tests: appends until it is killed.
        .executableTarget(
            name: "hotline-store-crash-probe",
            dependencies: ["HotlineStore", "HotlineTestSupport"],
            path: "Tests/CrashProbe"
        ),
        // `swift package benchmark`: composed operations beside the primitives they are built on.
        .executableTarget(
            name: "RecordBenchmarks",
            dependencies: [
                "HotlineRecord", "HotlineStore", "HotlineTestSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/RecordBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(
            name: "HotlineRecordTests",
            dependencies: [
                "HotlineRecord",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "HotlineRulesTests", dependencies: ["HotlineRecord", "HotlineRules"]),
        .testTarget(name: "HotlineKeystoreTests", dependencies: ["HotlineKeystore", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "HTTPMessageSignaturesTests", dependencies: ["HTTPMessageSignatures", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "HotlineStoreTests",
            dependencies: [
                "HotlineRecord", "HotlineStore", "HotlineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "HotlineNodeTests",
            dependencies: [
                "HotlineRecord", "HotlineStore", "HotlineNode", "HotlineClient", "HotlineTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "HotlineCLITests",
            dependencies: ["HotlineRecord", "HotlineClient", "HotlineStore", "HotlineTestSupport"]
        ),
        .testTarget(name: "HotlineTestSupportTests", dependencies: ["HotlineTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
