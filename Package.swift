// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .library(name: "RapportCore", targets: ["RapportCore"]),
        .library(name: "RapportIngest", targets: ["RapportIngest"]),
        .library(name: "RapportSQLite", targets: ["RapportSQLite"]),
        .library(name: "RapportPostgres", targets: ["RapportPostgres"]),
        .library(name: "RapportAnalytics", targets: ["RapportAnalytics"]),
        .library(name: "RapportEngine", targets: ["RapportEngine"]),
        .library(name: "RapportChannels", targets: ["RapportChannels"]),
        .library(name: "RapportServer", targets: ["RapportServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .target(name: "RapportCore", swiftSettings: strict),
        .target(
            name: "RapportAnalytics",
            dependencies: ["RapportCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict),
        .target(
            name: "RapportEngine",
            dependencies: [
                "RapportCore", "RapportAnalytics", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ],
            swiftSettings: strict),
        .target(
            name: "RapportChannels",
            dependencies: [
                "RapportCore", "RapportIngest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict),
        .target(name: "RapportIngest", dependencies: ["RapportCore"], swiftSettings: strict),
        .target(
            name: "RapportSQLite",
            dependencies: [
                "RapportCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "RapportPostgres",
            dependencies: [
                "RapportCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "RapportServer",
            dependencies: [
                "RapportCore", "RapportAnalytics", "RapportEngine", "RapportIngest", "RapportChannels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rapport",
            dependencies: [
                "RapportCore", "RapportAnalytics", "RapportEngine", "RapportIngest", "RapportSQLite", "RapportPostgres",
                "RapportServer", "RapportChannels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict),
        .testTarget(name: "RapportCoreTests", dependencies: ["RapportCore"], swiftSettings: strict),
        .target(name: "RapportTestSupport", path: "Tests/RapportTestSupport", swiftSettings: strict),
        .testTarget(
            name: "RapportChannelsTests", dependencies: ["RapportChannels", "RapportEngine", "RapportSQLite", "RapportTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "RapportAnalyticsTests", dependencies: ["RapportAnalytics"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "RapportEngineTests", dependencies: ["RapportEngine", "RapportSQLite", "RapportIngest"],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "RapportIngestTests", dependencies: ["RapportIngest", "RapportSQLite"],
            swiftSettings: strict),
        .testTarget(
            name: "RapportSQLiteTests", dependencies: ["RapportSQLite", "RapportIngest"],
            swiftSettings: strict),
        .testTarget(
            name: "RapportStoreContractTests",
            dependencies: ["RapportSQLite", "RapportPostgres", "RapportIngest", "RapportEngine", "RapportChannels", "RapportTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "RapportServerTests",
            dependencies: [
                "RapportServer", "RapportSQLite", "RapportIngest", "RapportEngine",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict),
        // Depends on the executable so that `swift test` builds the binary it drives.
        .testTarget(name: "RapportEndToEndTests", dependencies: ["rapport", "RapportTestSupport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
