#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# or when POTFILES.in lists a file that no longer exists: either way the
# translation template would silently lose strings or fail to build.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -eu

cd "${1:-$(dirname "$0")/..}"

potfiles=po/POTFILES.in
listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | LC_ALL=C sort -u > "$listed"

# The keywords of meson's glib gettext preset: _ N_ C_ NC_ Q_ and the g_d*gettext family.
{
  grep -rlE '(^|[^[:alnum:]_])(N?C?_|Q_|g_d[cnp]?gettext2?|n?gettext)[[:space:]]*\(' \
    --include='*.c' --include='*.h' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  find data -maxdepth 1 -type f \
    \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) |
    sed 's|^\./||'
} | LC_ALL=C sort -u > "$found"

status=0

missing=$(LC_ALL=C comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from $potfiles:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

while read -r file; do
  if [ ! -f "$file" ]; then
    echo "$potfiles lists a file that does not exist: $file"
    status=1
  fi
done < "$listed"

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$found" | tr -d ' ') files with translatable strings"
fi

exit "$status"
