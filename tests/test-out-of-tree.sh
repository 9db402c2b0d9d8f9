#!/bin/bash
# An office builds its own stage against the installed header and
# shinsa-plugin.pc, and runs it in a pipeline with the installed shinsa.
set -eu
build=${SHINSA_BUILD_ROOT:?}
src=${SHINSA_SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/dest" >/dev/null
pc=$(find "$tmp/dest" -name shinsa-plugin.pc | head -n1)
[ -n "$pc" ] || { echo "shinsa-plugin.pc was not installed"; exit 1; }
# the staged install stands for an installed shinsa: its .pc points at it
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir -p "$tmp/pc"
sed "s|^prefix=.*|prefix=$tmp/dest$prefix|" "$pc" > "$tmp/pc/shinsa-plugin.pc"
export PKG_CONFIG_PATH="$tmp/pc"
libdir=$(dirname "$(dirname "$pc")")
installed_shinsa=$(find "$tmp/dest" -path '*/bin/shinsa' -type f | head -n1)
[ -x "$installed_shinsa" ] || { echo "shinsa was not installed"; exit 1; }

# the plugins folder the .pc file announces, relative to the install
pluginsdir=$(pkg-config --variable=pluginsdir shinsa-plugin)
case "$pluginsdir" in */shinsa/plugins-*) ;; *) echo "bad pluginsdir $pluginsdir"; exit 1;; esac

mkdir -p "$tmp/plugins"
${CC:-cc} -std=c11 -shared -fPIC -Wall -Werror -o "$tmp/plugins/office-ids.so" \
  "$src/tests/out-of-tree/office-ids.c" $(pkg-config --cflags --libs shinsa-plugin)

mkdir -p "$tmp/sub/添付"
printf '第1条\n' > "$tmp/sub/資料1_方針.pdf"
printf 'x\n' > "$tmp/sub/添付/番号なしの証跡.pdf"
cat > "$tmp/office.pipeline" <<'PIPE'
[pipeline]
name=office
description=事務所独自の確認

[ids]
plugin=office-ids
severity=error
PIPE

status=0
LD_LIBRARY_PATH="$libdir" SHINSA_PLUGIN_PATH="$tmp/plugins" \
  "$installed_shinsa" run "$tmp/office.pipeline" "$tmp/sub" -o "$tmp/out" --quiet || status=$?
[ "$status" = 1 ] || { echo "expected exit 1 (error finding), got $status"; exit 1; }
report="$tmp/out/sub/report.json"
grep -q '"code" : "OFFICE-NO-ID"' "$report" || { echo "no OFFICE-NO-ID in report"; cat "$report"; exit 1; }
grep -q '"path" : "添付/番号なしの証跡.pdf"' "$report" || { echo "finding does not name the file"; exit 1; }
grep -q '"office_ids_missing" : 1' "$report" || { echo "report member missing"; exit 1; }
echo "ok: out-of-tree stage built with pkg-config and run by the installed shinsa"
