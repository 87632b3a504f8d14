#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets of tests/fuzz with clang and runs each one
# for SECONDS (default 60) on its seed corpus in tests/fuzz/corpus/<name>/.
# What a run finds (crash-*, leak-*) is written to FUZZ_DIR/artifacts.
#   build-aux/fuzz.sh [SECONDS]
#
# FUZZ_DIR chooses the build directory (default: _fuzz).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
FUZZ_DIR=${FUZZ_DIR:-_fuzz}
seconds=${1:-60}

if [ ! -d "$FUZZ_DIR" ]; then
  CC=clang meson setup "$FUZZ_DIR" -Dfuzzing=true -Db_lundef=false
fi
ninja -C "$FUZZ_DIR" -j"${FUZZ_JOBS:-2}" $(cd tests/fuzz/corpus && for t in *; do echo "tests/fuzz/fuzz-$t"; done)

mkdir -p "$FUZZ_DIR/artifacts"
status=0
for corpus in tests/fuzz/corpus/*/; do
  name=$(basename "$corpus")
  # New inputs go to a scratch copy, so the seeds in git stay small.
  work="$FUZZ_DIR/corpus/$name"
  mkdir -p "$work"
  echo "== fuzz-$name for ${seconds}s"
  "$FUZZ_DIR/tests/fuzz/fuzz-$name" -max_total_time="$seconds" -timeout=10 \
    -artifact_prefix="$FUZZ_DIR/artifacts/$name-" "$work" "$corpus" || status=1
done
exit $status
