#!/usr/bin/env bash
# Builds one lab's libFuzzer harnesses: bash Tests/Fuzz/build.sh NN IMPL OUT
#
# Calls swiftc directly (no SwiftPM, so the normal build, Package.swift and `make check` are
# untouched): each module the lab needs (NetLabSystem, NetLabKit, the lab's given modules,
# the earlier labs it depends on, then the lab itself, from Labs/ or Solutions/ as IMPL says)
# is compiled once with `-sanitize=fuzzer,address` into OUT/modules, and each harness file
# Tests/Fuzz/NN/<target>.swift is linked with them into OUT/NN/<target>. The executables'
# main.swift files are never linked: libFuzzer has its own main. The lab's folder, module,
# given modules and dependsOn are read from its one line in Package.swift, so a new lab needs
# no change here: see Tests/Fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
lab=$1 impl=$2 out=$3
swiftc=${SWIFTC:-$(dirname "$(command -v swift)")/swiftc}
tree=Labs; [ "$impl" = solutions ] && tree=Solutions
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -suppress-warnings)

# `Lab(number: "08", folder: "08-RUDP", module: "Lab08RUDP", …, given: ["NetLabChannel"])`
manifest_line() { grep -E "^ *Lab\(number: \"$1\"" Package.swift || { echo "error: lab $1 is not in Package.swift" >&2; exit 2; }; }
field() { sed -nE "s/.*$2: \"([^\"]*)\".*/\1/p" <<<"$1"; }
list() { sed -nE "s/.*$2: \[([^]]*)\].*/\1/p" <<<"$1" | tr -d '" ' | tr , ' '; }

# Modules in build order, as "name:folder" (earlier labs' given modules and modules first).
modules=("NetLabSystem:Labs/Given/NetLabSystem" "NetLabKit:Labs/Given/NetLabKit")
seen=" NetLabSystem NetLabKit "
add_lab() {
    local line; line=$(manifest_line "$1")
    local dep; for dep in $(list "$line" dependsOn); do add_lab "$dep"; done
    local given; for given in $(list "$line" given); do
        [[ $seen == *" $given "* ]] || { modules+=("$given:Labs/Given/$given"); seen+="$given "; }
    done
    local module; module=$(field "$line" module)
    [[ $seen == *" $module "* ]] || { modules+=("$module:$tree/$(field "$line" folder)"); seen+="$module "; }
}
add_lab "$lab"

mkdir -p "$out/modules" "$out/$lab"
objects=()
stale=0
for entry in "${modules[@]}"; do
    name=${entry%%:*} folder=${entry#*:}
    object="$out/modules/$name.o"
    # Rebuild a module when one of its sources, or a module before it, changed.
    newer_module=0
    for earlier in "${objects[@]}"; do [ "$earlier" -nt "$object" ] && newer_module=1; done
    objects+=("$object")
    if [ "$stale" = 1 ] || [ "$newer_module" = 1 ] || [ ! -f "$object" ] \
        || [ -n "$(find -L "$folder" -name '*.swift' -newer "$object")" ]; then
        stale=1
        echo "fuzz: compiling $name from $folder" >&2
        mapfile -t sources < <(find -L "$folder" -name '*.swift' | sort)
        started=$(date +%s.%N)
        "$swiftc" "${flags[@]}" -module-name "$name" -I "$out/modules" -wmo -c "${sources[@]}" -o "$object" \
            -emit-module -emit-module-path "$out/modules/$name.swiftmodule"
        # Date the object when the compile started, so a source saved during it counts as newer.
        touch -d "@$started" "$object"
    fi
done
for harness in Tests/Fuzz/"$lab"/*.swift; do
    target=$(basename "$harness" .swift)
    binary="$out/$lab/$target"
    if [ "$stale" = 1 ] || [ ! -x "$binary" ] || [ "$harness" -nt "$binary" ] || [ Tests/Fuzz/FuzzSupport.swift -nt "$binary" ]; then
        echo "fuzz: linking $lab/$target" >&2
        "$swiftc" "${flags[@]}" -module-name "Fuzz_${target//-/_}" -I "$out/modules" \
            "$harness" Tests/Fuzz/FuzzSupport.swift "${objects[@]}" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
    fi
done
