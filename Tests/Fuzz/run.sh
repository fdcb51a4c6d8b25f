#!/usr/bin/env bash
# Builds and runs Booklet's libFuzzer targets with AddressSanitizer.
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]     # default: 600 seconds, all targets
#   Tests/Fuzz/run.sh build [TARGET...]         # only build the fuzz binaries
#
# Targets: FrontMatter, Links, Slugs, Templates, TextLayout, YAML (see Tests/Fuzz/Harness.swift). Everything built or
# generated goes under .build-fuzz/ (gitignored). Seeds come from Tests/Fuzz/corpus/<target>/;
# crashes are written to Tests/Fuzz/crashes/<target>/ so they can be committed as
# regression fixtures (HostileFuzzRegressionTests replays them under `swift test`).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SCRATCH=$ROOT/.build-fuzz
ALL_TARGETS=(FrontMatter Links Slugs Templates TextLayout YAML)

# Fuzz the committed sources (FUZZ_REV, default HEAD), not a working tree that other work
# may have half-edited; FUZZ_REV=worktree uses the working tree as it is.
FUZZ_REV=${FUZZ_REV:-HEAD}

build() {
    local package=$ROOT
    if [[ "$FUZZ_REV" != worktree ]]; then
        package=$SCRATCH/src
        rm -rf "$package/Sources" && mkdir -p "$package"
        git archive "$FUZZ_REV" Package.swift Sources | tar -x -C "$package"
        # The manifest declares the test target; give it a stub so the package loads.
        mkdir -p "$package/Tests/BookletCoreTests/Fixtures"
        echo "// stub for the fuzz build" > "$package/Tests/BookletCoreTests/Stub.swift"
    fi
    # BookletCore and its dependencies, instrumented for coverage and ASan; not linked.
    swift build --package-path "$package" --scratch-path "$SCRATCH" --target BookletCore \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
        -Xcc -fsanitize=fuzzer-no-link,address
    local bin=$SCRATCH/debug
    local objects=()
    for module in BookletCore Yams CYaml CBookletSystem; do
        while IFS= read -r object; do objects+=("$object"); done < <(find "$bin/$module.build" -name '*.o' | sort)
    done
    local modulemap
    modulemap=$(find "$bin/CBookletSystem.build" -name module.modulemap | head -1)
    mkdir -p "$SCRATCH/fuzzers"
    for target in "${TARGETS[@]}"; do
        swiftc -sanitize=fuzzer,address -parse-as-library -g \
            -I "$bin/Modules" -I "$bin" -I "$package/Sources/CMark" \
            -Xcc -fmodule-map-file="$modulemap" -Xcc -I -Xcc "$package/Sources/CBookletSystem/include" \
            -I "$SCRATCH/checkouts/Yams/Sources/CYaml/include" \
            Tests/Fuzz/Harness.swift Tests/Fuzz/FuzzCheck.swift "Tests/Fuzz/Fuzz$target.swift" "${objects[@]}" \
            -lcmark -o "$SCRATCH/fuzzers/fuzz-$target" 2>&1 | { grep -v 'Cannot export local symbol' || true; }
    done
}

SECONDS_PER_TARGET=${1:-600}
shift || true
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL_TARGETS[@]}")
if [[ "$SECONDS_PER_TARGET" == build ]]; then build; exit 0; fi
# SKIP_BUILD=1 reuses the binaries (to run several targets in parallel after one build).
[[ "${SKIP_BUILD:-}" == 1 ]] || build
# Swift's own crash backtracer fights ASan's; let libFuzzer and ASan report.
export SWIFT_BACKTRACE=enable=no
for target in "${TARGETS[@]}"; do
    work=$SCRATCH/corpus/$target
    crashes=$ROOT/Tests/Fuzz/crashes/$target
    mkdir -p "$work" "$crashes"
    echo "== fuzz-$target for ${SECONDS_PER_TARGET}s"
    # -rss_limit_mb / -timeout turn memory blow-ups and hangs into findings too.
    "$SCRATCH/fuzzers/fuzz-$target" "$work" "$ROOT/Tests/Fuzz/corpus/$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tee "$SCRATCH/fuzz-$target.log" | grep -E "^(#[0-9]+ *(INITED|DONE|pulse)|==|stat::|SUMMARY|Done)" || true
done
