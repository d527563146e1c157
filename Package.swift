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
    /// Where the lab's code lives when it is not a real lab (the kit's own test fixtures):
    /// one folder that both trees share, instead of Labs/ and Solutions/.
    var fixtureRoot: String? = nil
}

/// Every lab, in teaching order. Add a lab here, in Tests/grading.json and in Handouts/.
let teachingLabs: [Lab] = [
    Lab(number: "01", folder: "01-Ping", module: "Lab01Ping", executable: "lab01-ping"),
    Lab(number: "02", folder: "02-HTTP", module: "Lab02HTTP", executable: "lab02-http"),
    Lab(number: "03", folder: "03-Proxy", module: "Lab03Proxy", executable: "lab03-proxy", dependsOn: ["02"]),
    Lab(number: "04", folder: "04-SMTP", module: "Lab04SMTP", executable: "lab04-smtp"),
    Lab(number: "05", folder: "05-DHCP", module: "Lab05DHCP", executable: "lab05-dhcp"),
    Lab(number: "06", folder: "06-DNS", module: "Lab06DNS", executable: "lab06-dns"),
    Lab(number: "07", folder: "07-Framing", module: "Lab07Framing", executable: "lab07-framing"),
    Lab(number: "08", folder: "08-RUDP", module: "Lab08RUDP", executable: "lab08-rudp", given: ["NetLabChannel"]),
    Lab(
        number: "09", folder: "09-Capstone", module: "Lab09Capstone", executable: "lab09-capstone",
        dependsOn: ["02", "05", "06", "07", "08"]),
]

let environment = Context.environment

// NETLAB_FIXTURES=1 adds two tiny labs that exist only to test the kit (`make check` uses
// them): lab 92 depends on lab 91, as lab 03 will depend on lab 02. Students never see them.
let fixtureLabs: [Lab] = [
    Lab(number: "91", folder: "91-Base", module: "Lab91Base", executable: "lab91-base",
        fixtureRoot: "Tests/Fixtures"),
    Lab(number: "92", folder: "92-Derived", module: "Lab92Derived", executable: "lab92-derived",
        dependsOn: ["91"], fixtureRoot: "Tests/Fixtures"),
    // Lab 93's code has a compiler warning, as a student's first try often does.
    Lab(number: "93", folder: "93-Warning", module: "Lab93Warning", executable: "lab93-warning",
        fixtureRoot: "Tests/Fixtures"),
]
let labs = teachingLabs + (environment["NETLAB_FIXTURES"] == "1" ? fixtureLabs : [])
let implementation = environment["NETLAB_IMPL"] ?? "labs"
let tree: String
switch implementation {
case "labs": tree = "Labs"
case "solutions": tree = "Solutions"
default: fatalError("NETLAB_IMPL must be 'labs' or 'solutions', not '\(implementation)'")
}

let request = environment["NETLAB_LABS"] ?? "all"
/// The labs asked for by NETLAB_LABS: these get their test targets and executables.
let requested: Set<String> =
    request == "all" || request.isEmpty
    ? Set(teachingLabs.map(\.number))
    : request == "none" ? [] : Set(request.split(separator: ",").map { String($0) })

/// The labs this build declares: the ones asked for, plus every lab they depend on (only
/// their library modules: grading lab N must never build or run an earlier lab's tests).
func selectedLabs() -> [Lab] {
    var wanted = requested
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

/// Every lab that `lab` imports, directly or through another lab, in teaching order.
func earlierLabs(of lab: Lab) -> [Lab] {
    var found: Set<String> = []
    var queue = lab.dependsOn
    while let number = queue.popLast() {
        guard found.insert(number).inserted, let earlier = labs.first(where: { $0.number == number }) else { continue }
        queue += earlier.dependsOn
    }
    return labs.filter { found.contains($0.number) }
}

/// Given code, tests and Solutions/ must compile without a single warning.
let swiftSettings: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"]),
]
/// A student's code in Labs/ may warn (an unused `var` is not a wrong answer): the grader
/// shows each warning with its file and line, and it costs nothing.
let studentSettings: [SwiftSetting] = tree == "Labs" ? [] : swiftSettings

let chosen = selectedLabs()

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
    // A later lab sees every earlier lab it builds on (and their given modules), in its
    // library, its executable and its tests: a student's earlier work carries forward.
    let earlier = earlierLabs(of: lab)
    let givenModules = (earlier.flatMap(\.given) + lab.given).reduce(into: [String]()) { list, module in
        if !list.contains(module) { list.append(module) }
    }
    let uses: [Target.Dependency] =
        ["NetLabKit", "NetLabSystem"] + givenModules.map { .target(name: $0) } + earlier.map { .target(name: $0.module) }
    for module in lab.given where !declaredGiven.contains(module) {
        declaredGiven.insert(module)
        targets.append(
            .target(
                name: module, dependencies: ["NetLabKit", "NetLabSystem"], path: "Labs/Given/\(module)",
                swiftSettings: swiftSettings))
    }
    let source = lab.fixtureRoot.map { "\($0)/\(lab.folder)" } ?? "\(tree)/\(lab.folder)"
    let given = lab.fixtureRoot ?? "Labs/Given"
    targets.append(
        .target(name: lab.module, dependencies: uses, path: source, swiftSettings: studentSettings))
    // A lab pulled in only because a later one imports it brings its module, nothing else.
    guard requested.contains(lab.number) else { continue }
    let testName = lab.module + "Tests"
    targets += [
        .executableTarget(
            name: lab.executable, dependencies: uses + [.target(name: lab.module)],
            path: "\(given)/\(lab.executable)", swiftSettings: swiftSettings),
        .testTarget(
            name: testName, dependencies: uses + ["NetLabTesting", .target(name: lab.module)],
            path: lab.fixtureRoot.map { "\($0)/\(testName)" } ?? "Tests/\(testName)", swiftSettings: swiftSettings),
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
