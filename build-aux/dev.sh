#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Developer entry point:
#   build-aux/dev.sh run [ARGS…]   install missing build dependencies, build, start Rehearse
#   build-aux/dev.sh test [ARGS…]  the same set-up, then every test, headless
#   build-aux/dev.sh test-sanitize [ARGS…]
#                                  every test again, built with AddressSanitizer,
#                                  LeakSanitizer and UBSan, in "$BUILD_DIR-sanitize";
#                                  any report fails the test it came from
#   build-aux/dev.sh build         the same set-up and build only
#   build-aux/dev.sh deps [PKG…]   only install what is missing (and PKG…)
#
# BUILD_DIR chooses the build directory (default: _build).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-_build}
# Options for a new build directory.
setup_options=(-Dwerror=true)

# Debian 12 / Ubuntu package names, and the pkg-config modules they provide.
build_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libgtksourceview-5-dev libmd4c-dev libyajl-dev
  desktop-file-utils appstream
)
# locales: the translation tests run under zh_CN.UTF-8; flatpak-builder
# checks that the manifest parses.
test_packages=(xvfb xauth dbus-daemon locales flatpak-builder)
test_locales=(zh_CN.UTF-8)
modules=(
  "glib-2.0 >= 2.74" "gtk4 >= 4.8" "libadwaita-1 >= 1.2" "sqlite3 >= 3.40"
  "json-glib-1.0 >= 1.6" "gtksourceview-5 >= 5.6" "md4c >= 0.4.8" "yajl >= 2.1"
)

is_debian_like() {
  [ -r /etc/os-release ] && grep -Eqi '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release &&
    command -v apt-get >/dev/null && command -v dpkg-query >/dev/null
}

. build-aux/install-missing.sh

check_other_system() {
  local module missing=0

  echo "dev.sh: this system is not Debian or Ubuntu, so nothing is installed automatically."
  echo "dev.sh: Rehearse needs meson >= 1.0, ninja, a C compiler, gettext, and:"
  for module in "${modules[@]}"; do
    if pkg-config --exists "$module" 2>/dev/null; then
      echo "  found    $module"
    else
      echo "  MISSING  $module"
      missing=1
    fi
  done
  echo "  and for the tests: Xvfb (xvfb-run), dbus-run-session, desktop-file-validate, appstreamcli"
  if [ $missing -ne 0 ] || ! command -v meson >/dev/null || ! command -v ninja >/dev/null; then
    echo "dev.sh: install what is missing with your package manager, then run this again." >&2
    exit 1
  fi
}

setup() {
  if is_debian_like; then
    install_missing "${build_packages[@]}" "$@"
  else
    check_other_system
  fi

  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" "${setup_options[@]}"
  fi
  ninja -C "$BUILD_DIR"
}

# Prints the plain "N passed, N failed" line from meson's log.
summarize() {
  python3 - "$BUILD_DIR/meson-logs/testlog.json" <<'PY' || true
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as log:
    for line in log:
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
}

# Builds, then runs every test under Xvfb with a private D-Bus session, which
# the widget tests need.
run_tests() {
  local status=0

  if is_debian_like; then
    setup "${test_packages[@]}"
    for locale_name in "${test_locales[@]}"; do
      ensure_locale "$locale_name"
    done
  else
    setup
  fi
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    meson test -C "$BUILD_DIR" --print-errorlogs "$@" || status=$?
  summarize
  return $status
}

command=${1:-run}
[ $# -gt 0 ] && shift

case "$command" in
  build)
    setup
    ;;

  deps)
    if is_debian_like; then
      install_missing "${build_packages[@]}" "$@"
    else
      check_other_system
    fi
    ;;

  run)
    setup
    # Run from the build tree: the schema and icons are not installed.
    export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD_DIR/data"
    export XDG_DATA_DIRS="$PWD/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
    # The translations as built, so LANG=zh_CN.UTF-8 works uninstalled.
    export REHEARSE_LOCALEDIR="$PWD/$BUILD_DIR/po"
    exec "$BUILD_DIR/src/rehearse" "$@"
    ;;

  test)
    run_tests "$@"
    ;;

  test-sanitize)
    BUILD_DIR=$BUILD_DIR-sanitize
    # Any UBSan report stops the program, so it fails the test.
    setup_options+=(-Db_sanitize=address,undefined -Db_lundef=false
                    "-Dc_args=-fno-sanitize-recover=undefined -fno-omit-frame-pointer")
    # Set here, so meson test keeps them instead of its own defaults; the
    # tests pass them on to the rehearse binary that test-cli runs.
    # GLib and GTK have no frame pointers: only the slow unwinder sees the
    # library function that made a block, which the suppressions name; ten
    # frames are enough for that and for our caller, and keep it bearable.
    export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1:fast_unwind_on_malloc=0:malloc_context_size=10
    export LSAN_OPTIONS=suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    # Real malloc for every block, so LeakSanitizer sees each one.
    export G_SLICE=always-malloc
    # Mesa's software GL compiles every shader with LLVM: a flood of blocks,
    # each unwound slowly, and none of them ours. The plain pass keeps GL.
    export GSK_RENDERER=cairo
    run_tests --timeout-multiplier 10 "$@"
    ;;

  *)
    echo "usage: $0 run|test|test-sanitize|build|deps [ARGS…]" >&2
    exit 2
    ;;
esac
