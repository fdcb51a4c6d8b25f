// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Booklet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "booklet", targets: ["booklet"]),
        .library(name: "BookletCore", targets: ["BookletCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CBookletSystem"),
        .target(
            name: "BookletCore",
            dependencies: [
                "CMark",
                "CBookletSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "BookletServe",
            dependencies: [
                "BookletCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "booklet",
            dependencies: [
                "BookletCore",
                "BookletServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BookletCoreTests",
            dependencies: [
                "BookletCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BookletServeTests",
            dependencies: ["BookletServe", "BookletCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
