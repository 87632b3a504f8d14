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

# ensure_locale NAME generates the locale NAME (such as zh_CN.UTF-8) with
# locale-gen when it is missing; the translation tests run under it.
ensure_locale() {
  local name=$1 sudo=()

  locale -a 2>/dev/null | sed 's/\.utf8$/.UTF-8/' | grep -qxF "$name" && return 0

  echo "$(basename "$0"): generating the locale $name"
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if grep -q "^# *$name " /etc/locale.gen 2>/dev/null; then
    "${sudo[@]}" sed -i "s/^# *\($name \)/\1/" /etc/locale.gen
  elif ! grep -q "^$name " /etc/locale.gen 2>/dev/null; then
    echo "$name ${name#*.}" | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
  fi
  "${sudo[@]}" locale-gen
}
