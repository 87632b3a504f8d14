#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures Rehearse against least-work baselines run side by side in the
# same run, and prints one table row per measure:
#   build-aux/bench.sh              every row, decks of 10k and 100k cards
#   SIZES="10000" build-aux/bench.sh   only the 10k deck
#   RUNS=5 build-aux/bench.sh       medians of 5 instead of 3
#
# Builds a release build of its own in _build-bench (BENCH_BUILD_DIR), with
# -Dbench=true for the baseline programs in tests/bench/, and keeps the
# generated decks in _build-bench/decks. Never run by meson test.
#
# A new measure is a function row_NAME SIZE that calls report (below), and
# one more word in ROWS. TOPICS=0 leaves out bench-topics' rows.
#   ROWS="search" TOPICS=0 build-aux/bench.sh   the search row only
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${BENCH_BUILD_DIR:-_build-bench}
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-3}
ROWS=${ROWS:-"import import_memory reimport search first_frame statistics"}
DECKS=$BUILD/decks
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$PWD/$BUILD/data

build() {
  # What the build needs, and GNU time for peak memory.
  build-aux/dev.sh deps time python3 >/dev/null
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" -Dbuildtype=release -Dbench=true -Dtests=false >/dev/null
  fi
  ninja -C "$BUILD" -j2 >/dev/null
}

deck() {
  local size=$1 file=$DECKS/deck-$1.json
  if [ ! -f "$file" ]; then
    mkdir -p "$DECKS"
    python3 tests/bench/gen-deck.py "$size" "$file.tmp" && mv "$file.tmp" "$file"
  fi
  echo "$file"
}

# run OUT CMD…: runs CMD, appends "SECONDS PEAK_RSS_KB" to OUT.
run() {
  local out=$1 start end; shift
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; echo "bench.sh: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$WORK/rss")" >>"$out"
}

# median FILE COLUMN: the median of a column of numbers.
median() {
  cut -d ' ' -f "$2" "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# report MEASURE OURS BASELINE UNIT GOAL: one row; BASELINE "-" for an
# absolute goal. GOAL is "≤ 1.1×" for a ratio or "≤ 1600" in UNIT.
report() {
  local ratio=-
  if [ "$3" != - ]; then
    ratio=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f×", a / b }')
  fi
  printf '%-34s %10s %10s %8s   %s\n' "$1" "$2 $4" "$3${3:+ }$([ "$3" = - ] || echo "$4")" "$ratio" "$5"
}

# Imports of a new database, ours and the baseline taking turns.
measure_import() {
  local size=$1 file
  file=$(deck "$size")
  if [ ! -f "$WORK/import-$size-ours" ]; then
    for _ in $(seq "$RUNS"); do
      rm -f "$WORK"/ours.db* "$WORK"/least.db*
      run "$WORK/import-$size-ours" "$BUILD/src/rehearse" --db "$WORK/ours.db" --import "$file"
      run "$WORK/import-$size-least" "$BUILD/tests/bench/bench-least-import" "$WORK/least.db" "$file"
    done
    cp "$WORK/ours.db" "$WORK/reimport-$size.db"
  fi
}

row_import() {
  measure_import "$1"
  report "import $1 cards, time" "$(median "$WORK/import-$1-ours" 1)" \
    "$(median "$WORK/import-$1-least" 1)" ms "≤ 1.1×"
}

row_import_memory() {
  measure_import "$1"
  report "import $1 cards, peak memory" "$(( $(median "$WORK/import-$1-ours" 2) / 1024 ))" \
    "$(( $(median "$WORK/import-$1-least" 2) / 1024 ))" MB "≤ 1.0×"
}

row_reimport() {
  local file
  measure_import "$1"
  file=$(deck "$1")
  for _ in $(seq "$RUNS"); do
    run "$WORK/reimport-$1" "$BUILD/src/rehearse" --db "$WORK/reimport-$1.db" --import "$file"
  done
  report "re-import $1 unchanged cards" "$(median "$WORK/reimport-$1" 1)" - ms "≤ 1600 ms"
}

# Searches on the imported deck, and the search index against trigrams.
row_search() {
  local file db=$WORK/search-$1.db out=$WORK/search-$1
  file=$(deck "$1")
  if [ ! -f "$out" ]; then
    [ -f "$db" ] || run "$WORK/search-import-$1" "$BUILD/src/rehearse" --db "$db" --import "$file"
    "$BUILD/tests/bench/bench-search" "$db" >"$out"
  fi
  value() { awk -v k="$1" '$1 == k { print $2 }' "$out"; }
  mb() { awk -v b="$(value "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
  report "search $1, 2-char Chinese word" "$(value zh2)" - ms "< 10 ms"
  report "search $1, 1-char Chinese word" "$(value zh1)" - ms "-"
  report "search $1, English word" "$(value en)" - ms "-"
  report "search $1, TIME_WAIT" "$(value symbol)" - ms "-"
  report "search index $1, size vs trigram" "$(mb fresh_bytes)" "$(mb trigram_bytes)" MB "< 1.0×"
  report "search index $1, fill vs trigram" "$(value fill_ms)" "$(value trigram_fill_ms)" ms "< 1.0×"
}

# Time to the window's first frame on a 100k-card database (bench-topics'
# deck, a fifth answered, with the built-in deck merged in) against one with
# the built-in deck only. One X server and one D-Bus session for every run,
# and a first run of each that is not counted: desktop services warm.
row_first_frame() {
  local big=$WORK/first-frame-big.db small=$WORK/first-frame-builtin.db
  if [ "$1" != 100000 ]; then
    return
  fi
  mkdir -p "$DECKS/topics"
  "$BUILD/tests/bench/bench-topics" "$DECKS/topics" --decks-only
  rm -f "$big"* "$small"* "$WORK/first-frame-big" "$WORK/first-frame-builtin"
  cp "$DECKS/topics/topics-100k.db" "$big"
  build-aux/dev.sh deps xvfb xauth dbus-daemon >/dev/null
  # shellcheck disable=SC2016
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c '
    set -e
    bin=$1 big=$2 small=$3 out=$4 runs=$5
    "$bin" "$big" >/dev/null
    "$bin" "$small" >/dev/null
    for _ in $(seq "$runs"); do
      "$bin" "$big" >>"$out/first-frame-big"
      "$bin" "$small" >>"$out/first-frame-builtin"
    done' bash "$BUILD/tests/bench/bench-first-frame" "$big" "$small" "$WORK" "$RUNS" 2>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; echo "bench.sh: first frame failed" >&2; exit 1; }
  report "first frame, 100k vs built-in" "$(median "$WORK/first-frame-big" 1)" \
    "$(median "$WORK/first-frame-builtin" 1)" ms "≤ 1.1×"
}

# Each Statistics chart's query on 100k cards and 1M answers (a database
# of its own, made once in $DECKS/statistics), and the whole page after an
# answer. 100k sizes only.
row_statistics() {
  local out=$WORK/statistics
  if [ "$1" != 100000 ]; then
    return
  fi
  "$BUILD/tests/bench/bench-statistics" "$DECKS/statistics" >"$out"
  value() { awk -v k="$1" '$1 == k { print $2 }' "$out"; }
  report "statistics, activity, month" "$(value activity_month)" - ms "< 50 ms"
  report "statistics, activity, year" "$(value activity_year)" - ms "< 50 ms"
  report "statistics, activity, year, topic" "$(value activity_year_topic)" - ms "< 50 ms"
  report "statistics, forecast" "$(value forecast)" - ms "< 50 ms"
  report "statistics, forecast, topic" "$(value forecast_topic)" - ms "< 50 ms"
  report "statistics, memory" "$(value memory)" - ms "< 50 ms"
  report "statistics, memory, topic" "$(value memory_topic)" - ms "< 50 ms"
  report "statistics, readiness" "$(value readiness)" - ms "< 50 ms"
  report "statistics, readiness, topic" "$(value readiness_topic)" - ms "< 50 ms"
  report "statistics, interviews" "$(value interviews)" - ms "< 50 ms"
  report "statistics, interviews, topic" "$(value interviews_topic)" - ms "< 50 ms"
  report "statistics, page after an answer" "$(value after_answer)" - ms "< 50 ms"
}

build
printf '%-34s %10s %10s %8s   %s\n' measure ours baseline ratio goal
for size in $SIZES; do
  for row in $ROWS; do
    "row_$row" "$size"
  done
done

# The sidebar, answer, clock tick and next-card rows compare a 100k deck
# with a built-in-size one themselves, in one run of bench-topics.
if [ "${TOPICS:-1}" != 0 ]; then
  mkdir -p "$DECKS/topics"
  "$BUILD/tests/bench/bench-topics" "$DECKS/topics"
fi
