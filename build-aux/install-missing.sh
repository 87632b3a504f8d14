# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by dev.sh and fuzz.sh: install_missing PACKAGE… installs with
# apt-get those Debian packages that are not installed yet.

install_missing() {
  local missing=() pkg sudo=()

  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "$(basename "$0"): installing missing packages: ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
