// swift-tools-version: 6.0
// A micro-benchmark of template rendering alone: Booklet's engine against swift-mustache
// 2.1.1 (the engine Booklet used before), on the shipped templates, in one run.
// Built and run by Tests/Benchmarks/run-templates (which copies the repository's sources
// beside this file as `booklet`); never by `swift test` or CI.
import PackageDescription

let package = Package(
    name: "TemplateEngines",
    dependencies: [
        // The run script copies the repository's sources here as `booklet`.
        .package(path: "booklet"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "TemplateEngines",
            dependencies: [
                .product(name: "BookletCore", package: "booklet"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
