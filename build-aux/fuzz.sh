#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every libFuzzer target in tests/fuzz for SECONDS each (default 60):
#   build-aux/fuzz.sh [SECONDS]
# It builds them with clang in _build-fuzz (FUZZ_BUILD_DIR), fuzzes a
# temporary copy of each seed corpus (tests/fuzz/corpus/NAME) so the repo
# is left alone, and fails when a target crashes; the crashing input is
# kept in the temporary directory it names.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_EACH=${1:-60}
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-_build-fuzz}

. build-aux/install-missing.sh

# Links a probe into a scratch folder: never "-o /dev/null", which a
# linker running as root replaces with a regular file.
has_libfuzzer() {
  local probe status=0
  probe=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-fuzz-probe.XXXXXX")
  echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
    clang -x c -fsanitize=fuzzer -o "$probe/probe" - 2>/dev/null || status=1
  rm -rf "$probe"
  return $status
}

if ! command -v clang >/dev/null || ! has_libfuzzer; then
  if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
    # libFuzzer is in clang's runtime package, named after its version.
    install_missing clang
    version=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p')
    install_missing "libclang-rt-${version}-dev"
  fi
  has_libfuzzer || { echo "fuzz.sh: clang with libFuzzer (-fsanitize=fuzzer) is needed" >&2; exit 1; }
fi

if [ ! -d "$FUZZ_BUILD_DIR" ]; then
  CC=clang meson setup "$FUZZ_BUILD_DIR" -Dfuzzing=true -Dtests=false -Dbuildtype=debugoptimized
fi
ninja -C "$FUZZ_BUILD_DIR" -j2

work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-fuzz.XXXXXX")
status=0

for source in tests/fuzz/fuzz-*.c; do
  name=$(basename "$source" .c)
  name=${name#fuzz-}
  corpus="$work/$name"
  mkdir -p "$corpus" "$work/$name-artifacts"
  cp -r "tests/fuzz/corpus/$name/." "$corpus/"
  dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=("-dict=tests/fuzz/$name.dict")

  echo "fuzz.sh: fuzz-$name for ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$FUZZ_BUILD_DIR/tests/fuzz/fuzz-$name" "${dict[@]}" \
       -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$work/$name-artifacts/" "$corpus"; then
    echo "fuzz.sh: fuzz-$name failed; its input is in $work/$name-artifacts/" >&2
    status=1
  fi
done

[ $status -eq 0 ] && rm -rf "$work"
exit $status
