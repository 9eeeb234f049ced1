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
        .library(name: "RapportAnalytics", targets: ["RapportAnalytics"]),
        .library(name: "RapportEngine", targets: ["RapportEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .target(name: "RapportCore", swiftSettings: strict),
        .target(
            name: "RapportAnalytics",
            dependencies: ["RapportCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict),
        .target(name: "RapportEngine", dependencies: ["RapportCore", "RapportAnalytics"], swiftSettings: strict),
        .target(name: "RapportIngest", dependencies: ["RapportCore"], swiftSettings: strict),
        .target(
            name: "RapportSQLite",
            dependencies: [
                "RapportCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rapport",
            dependencies: [
                "RapportCore", "RapportAnalytics", "RapportEngine", "RapportIngest", "RapportSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .testTarget(name: "RapportCoreTests", dependencies: ["RapportCore"], swiftSettings: strict),
        .testTarget(
            name: "RapportAnalyticsTests", dependencies: ["RapportAnalytics"], swiftSettings: strict),
        .testTarget(
            name: "RapportEngineTests", dependencies: ["RapportEngine", "RapportSQLite", "RapportIngest"],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "RapportIngestTests", dependencies: ["RapportIngest", "RapportSQLite"],
            swiftSettings: strict),
        .testTarget(
            name: "RapportSQLiteTests", dependencies: ["RapportSQLite", "RapportIngest"],
            swiftSettings: strict),
        // Depends on the executable so that `swift test` builds the binary it drives.
        .testTarget(name: "RapportEndToEndTests", dependencies: ["rapport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
