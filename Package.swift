// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Hotline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hotline", targets: ["hotline"]),
        .library(name: "HotlineRecord", targets: ["HotlineRecord"]),
        .library(name: "HotlineStore", targets: ["HotlineStore"]),
        .library(name: "HotlineTestSupport", targets: ["HotlineTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The record core: formats, Merkle tree, signatures, entry rules. No I/O, no clock.
        .target(
            name: "HotlineRecord",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Durable storage of logs, checkpoints and cosignatures.
        .target(
            name: "HotlineStore",
            dependencies: ["HotlineRecord", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The `hotline` executable.
        .executableTarget(
            name: "hotline",
            dependencies: [
                "HotlineRecord", "HotlineStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by tests and benchmarks: synthetic logs, two sides in one process.
        .target(
            name: "HotlineTestSupport",
            dependencies: ["HotlineRecord", "HotlineStore"]
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
        .testTarget(
            name: "HotlineStoreTests",
            dependencies: [
                "HotlineRecord", "HotlineStore", "HotlineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "HotlineCLITests",
            dependencies: ["HotlineRecord"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
