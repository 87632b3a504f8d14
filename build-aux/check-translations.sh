#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a language in po/LINGUAS has a message that is untranslated or
# fuzzy: in its .po file as committed, or once merged with a template made
# from the sources as they are now (a new string not yet in the .po file).
# It also fails when xgettext warns, for example about a msgid that a
# G_GINT64_FORMAT cut short. Its template is made as meson's glib preset
# makes it (po/meson.build), from the files in po/POTFILES.in.
#
# Usage: check-translations.sh [SOURCE_ROOT]

set -eu

cd "${1:-$(dirname "$0")/..}"

for tool in xgettext msgmerge msgfmt; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-translations: $tool is missing (Debian: apt install gettext)"
    exit 1
  fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in > "$scratch/files"

# The keywords and flags of meson's glib preset.
if ! xgettext --package-name=rehearse --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
    --files-from="$scratch/files" --output="$scratch/rehearse.pot" 2> "$scratch/xgettext.log"; then
  cat "$scratch/xgettext.log"
  echo "check-translations: xgettext failed"
  exit 1
fi

status=0

if [ -s "$scratch/xgettext.log" ]; then
  cat "$scratch/xgettext.log"
  echo "check-translations: xgettext warns: a translator would get a broken string"
  status=1
fi

# Prints what msgfmt counts in FILE, and fails unless every message is translated.
complete() {
  stats=$(msgfmt --check --statistics --output-file=/dev/null "$1" 2>&1) || {
    echo "$stats"
    return 1
  }
  echo "  $2: $stats"
  case "$stats" in
    *untranslated* | *fuzzy*) return 1 ;;
  esac
}

languages=$(sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n\n' | sed '/^$/d')
if [ -z "$languages" ]; then
  echo "check-translations: po/LINGUAS names no language"
  exit 1
fi

for lang in $languages; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "check-translations: po/LINGUAS names $lang, but $po does not exist"
    status=1
    continue
  fi
  echo "$lang:"
  complete "$po" "as committed" || status=1
  msgmerge --quiet --output-file="$scratch/$lang.po" "$po" "$scratch/rehearse.pot"
  if ! complete "$scratch/$lang.po" "against the sources"; then
    status=1
    echo "  Messages of the sources that $po does not translate:"
    for which in --only-fuzzy --untranslated; do
      msgattrib "$which" --no-obsolete "$scratch/$lang.po" | grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/    /' || true
    done
  fi
done

if [ "$status" -ne 0 ]; then
  echo "check-translations: translate every message (HACKING.md, “Translations”)"
fi
exit "$status"
