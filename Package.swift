// swift-tools-version: 6.0
//
// NetLab: one package, one numbered group of targets per lab.
//
// Two environment variables shape the manifest (the Makefile sets them for you):
//   NETLAB_IMPL=labs|solutions   which tree the lab modules are built from (default: labs).
//                                The module names are the same either way, so one set of
//                                tests grades both.
//   NETLAB_LABS=all|01,06|none   which labs to declare (default: all). A lab that does not
//                                compile then breaks only itself: `make test LAB=01` and
//                                `make grade` declare one lab at a time.
//   NETLAB_TOOLS=1               also declare the grader (`netlab`), which the Makefile
//                                builds on its own scratch path.
import PackageDescription

/// One lab: its number, its folder (the same name under Labs/ and Solutions/), its library
/// module, its executable, the earlier labs whose modules it imports, and any given modules
/// of its own (read-only code under Labs/Given/, such as lab 08's lossy channel).
struct Lab {
    let number: String
    let folder: String
    let module: String
    let executable: String
    var dependsOn: [String] = []
    var given: [String] = []
}

/// Every lab, in teaching order. Add a lab here, in Tests/grading.json and in Handouts/.
let labs: [Lab] = [
    Lab(number: "01", folder: "01-Ping", module: "Lab01Ping", executable: "lab01-ping"),
    Lab(number: "02", folder: "02-HTTP", module: "Lab02HTTP", executable: "lab02-http"),
    Lab(number: "06", folder: "06-DNS", module: "Lab06DNS", executable: "lab06-dns"),
    Lab(number: "08", folder: "08-RUDP", module: "Lab08RUDP", executable: "lab08-rudp", given: ["NetLabChannel"]),
]

let environment = Context.environment
let implementation = environment["NETLAB_IMPL"] ?? "labs"
let tree: String
switch implementation {
case "labs": tree = "Labs"
case "solutions": tree = "Solutions"
default: fatalError("NETLAB_IMPL must be 'labs' or 'solutions', not '\(implementation)'")
}

/// The labs this build declares: the ones asked for, plus every lab they depend on.
func selectedLabs() -> [Lab] {
    let request = environment["NETLAB_LABS"] ?? "all"
    if request == "all" || request.isEmpty { return labs }
    if request == "none" { return [] }
    var wanted = Set(request.split(separator: ",").map { String($0) })
    var changed = true
    while changed {
        changed = false
        for lab in labs where wanted.contains(lab.number) {
            for dependency in lab.dependsOn where !wanted.contains(dependency) {
                wanted.insert(dependency)
                changed = true
            }
        }
    }
    return labs.filter { wanted.contains($0.number) }
}

let swiftSettings: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"]),
]

let chosen = selectedLabs()
let moduleOf = Dictionary(uniqueKeysWithValues: labs.map { ($0.number, $0.module) })

var targets: [Target] = [
    // The C library (Glibc or Darwin), for a file whose lesson is the raw C call itself.
    .target(name: "NetLabSystem", path: "Labs/Given/NetLabSystem", swiftSettings: swiftSettings),
    // Given code: sockets, files, argument parsing, clocks, seeded randomness. Both trees use it.
    .target(
        name: "NetLabKit", dependencies: ["NetLabSystem"], path: "Labs/Given/NetLabKit",
        swiftSettings: swiftSettings),
    // Given test helpers: spawning lab binaries, waiting for their `listening on` line.
    .target(
        name: "NetLabTesting", dependencies: ["NetLabKit", "NetLabSystem"], path: "Tests/NetLabTesting",
        swiftSettings: swiftSettings),
]

var declaredGiven: Set<String> = []
for lab in chosen {
    let testName = lab.module + "Tests"
    let earlier = lab.dependsOn.compactMap { moduleOf[$0] }.map { Target.Dependency.target(name: $0) }
    let given = lab.given.map { Target.Dependency.target(name: $0) }
    for module in lab.given where !declaredGiven.contains(module) {
        declaredGiven.insert(module)
        targets.append(
            .target(
                name: module, dependencies: ["NetLabKit", "NetLabSystem"], path: "Labs/Given/\(module)",
                swiftSettings: swiftSettings))
    }
    targets += [
        .target(
            name: lab.module, dependencies: ["NetLabKit", "NetLabSystem"] + given + earlier,
            path: "\(tree)/\(lab.folder)", swiftSettings: swiftSettings),
        .executableTarget(
            name: lab.executable, dependencies: ["NetLabKit", "NetLabSystem", .target(name: lab.module)] + given,
            path: "Labs/Given/\(lab.executable)", swiftSettings: swiftSettings),
        .testTarget(
            name: testName,
            dependencies: ["NetLabKit", "NetLabSystem", "NetLabTesting", .target(name: lab.module)] + given,
            path: "Tests/\(testName)", swiftSettings: swiftSettings),
    ]
}

if (environment["NETLAB_LABS"] ?? "all") == "all" || environment["NETLAB_LABS"] == "kit" {
    targets.append(
        .testTarget(
            name: "NetLabKitTests", dependencies: ["NetLabKit", "NetLabSystem", "NetLabTesting"],
            path: "Tests/NetLabKitTests", swiftSettings: swiftSettings))
}

if environment["NETLAB_TOOLS"] == "1" {
    targets.append(
        .executableTarget(name: "netlab", path: "Tests/Grader", swiftSettings: swiftSettings))
}

let package = Package(
    name: "NetLab",
    platforms: [.macOS(.v15)],
    targets: targets,
    swiftLanguageModes: [.v6]
)
