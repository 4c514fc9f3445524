// swift-tools-version: 6.0
import PackageDescription

/// Target graph: see ARCHITECTURE.md. Only NcursesBackend imports CNcurses;
/// only the `usagetop` executable knows about ncurses and concrete providers.
let package = Package(
    name: "usagetop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "usagetop", targets: ["usagetop"]),
        .executable(name: "usagetop-bench", targets: ["usagetop-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(name: "UsageCore"),
        .target(name: "KeyInput"),
        .target(name: "StoreCore", dependencies: ["UsageCore"]),
        .target(name: "StoreSync", dependencies: ["UsageCore", "StoreCore"]),
        .target(
            name: "LocalStore",
            dependencies: [
                "UsageCore", "StoreCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "UsageCore", "StoreCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RemoteProviders",
            dependencies: [
                "UsageCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AppConfig",
            dependencies: [
                "UsageCore", "RemoteProviders", .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "UsageViewModel", dependencies: ["UsageCore", "KeyInput"]),
        .target(
            name: "HTTPTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PostgresTestSupport",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "TermUI", dependencies: ["KeyInput"], resources: [.embedInCode("Themes")]),
        .target(name: "NcursesBackend", dependencies: ["TermUI", "KeyInput", "CNcurses"]),
        .target(name: "DashboardScreens", dependencies: ["TermUI", "UsageViewModel", "UsageCore"]),
        .executableTarget(
            name: "usagetop",
            dependencies: [
                "UsageCore", "StoreCore", "StoreSync", "LocalStore", "PostgresStore", "RemoteProviders", "AppConfig",
                "UsageViewModel", "KeyInput", "TermUI", "NcursesBackend", "DashboardScreens",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "usagetop-bench",
            dependencies: [
                "UsageCore", "StoreCore", "StoreSync", "LocalStore", "PostgresStore", "UsageViewModel", "TermUI",
                "DashboardScreens", "RemoteProviders",
                "HTTPTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "UsageCoreTests", dependencies: ["UsageCore"]),
        .testTarget(
            name: "LocalStoreTests",
            dependencies: [
                "StoreCore", "StoreSync", "LocalStore", "PostgresStore", "PostgresTestSupport", "UsageCore",
                "HTTPTestSupport", "RemoteProviders",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "UsageViewModelTests", dependencies: ["UsageViewModel", "UsageCore", "KeyInput"]),
        .testTarget(
            name: "AppConfigTests",
            dependencies: ["AppConfig", "UsageCore", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "RemoteProvidersTests",
            dependencies: [
                "RemoteProviders", "UsageCore", "AppConfig", "HTTPTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "TermUITests", dependencies: ["TermUI", "KeyInput"]),
        .testTarget(
            name: "DashboardScreensTests",
            dependencies: [
                "DashboardScreens", "UsageViewModel", "LocalStore", "TermUI", "UsageCore", "KeyInput",
                "HTTPTestSupport",
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "SoakTests", dependencies: ["DashboardScreens", "UsageViewModel", "UsageCore", "TermUI", "KeyInput"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "HTTPTestSupport", "PostgresTestSupport", "RemoteProviders", "UsageCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"), .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
