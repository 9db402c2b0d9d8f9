#!/bin/bash
# A hostile batch: a batch always finishes (exit 0 or 1), writes one whole
# report per submission, and names every bad file in a finding.
#   links  symbolic links to /etc/passwd and to a folder outside
#   bomb   a PNG whose header claims 60000×60000 pixels (tests/data/pixel-bomb.png)
#   xml    an .xlsx whose parts declare entities (billion laughs) and an external one (XXE)
#   crash  the .xls that overflows libfreexl's heap (tests/data/hostile-freexl.xls)
#   big    a 2 GiB file (sparse) named .pdf
#   many   10,000 tiny files
#   damaged  fixtures/damaged: encrypted, truncated, zero-byte, a JPEG named .pdf, a cut PNG
set -uo pipefail
src=${SHINSA_SOURCE_ROOT:?}
build=${SHINSA_BUILD_ROOT:?}
shinsa=$build/core/shinsa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in=$tmp/in
mkdir -p "$in"/{links,bomb,xml,crash,big,many}
fail() { echo "FAIL: $*"; exit 1; }

ln -s /etc/passwd "$in/links/資料1_リンク.pdf"
ln -s /etc "$in/links/外のフォルダ"
printf 'ok' > "$in/links/資料2_正常.txt"
cp "$src/tests/data/pixel-bomb.png" "$in/bomb/資料1_写真.png"
( mkdir -p "$tmp/x/xl" && cd "$tmp/x" &&
  printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' \
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="&lol2;"/></Types>' \
    > '[Content_Types].xml' &&
  printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
    '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' \
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="&xxe;" sheetId="1"/></sheets></workbook>' \
    > xl/workbook.xml &&
  zip -q -r -X "$in/xml/申請書B.xlsx" . ) || fail "cannot make the hostile workbook"
cp "$src/tests/data/hostile-freexl.xls" "$in/crash/申請書B.xls"
truncate -s 2G "$in/big/資料9_大きな資料.pdf"
for i in $(seq 1 10000); do printf '%d' "$i" > "$in/many/f$i.txt"; done
cp -r "$src/fixtures/damaged" "$in/damaged"

status=0
XDG_CACHE_HOME=$tmp/cache "$shinsa" run intake "$in"/{links,bomb,xml,crash,big,many,damaged} -o "$tmp/out" --quiet || status=$?
[ "$status" -le 1 ] || fail "the batch ended with status $status"

# one whole report per submission, every one done
for id in links bomb xml crash big many damaged-sample; do
  r=$tmp/out/$id/report.json
  [ -f "$r" ] || fail "no report for $id"
  grep -q '"complete" *: *true' "$r" || fail "the report of $id is not whole"
done
[ "$(grep -c '"status" *: *"done"' "$tmp/out/batch.json")" -eq 7 ] || fail "not every submission is done in batch.json"

# every bad file named, with the code that says what is wrong with it
named() {  # SUBMISSION CODE PATH
  grep -A12 "\"code\" *: *\"$2\"" "$tmp/out/$1/report.json" | grep -q "\"path\" *: *\"$3\"" ||
    fail "$1: no $2 naming '$3'"
}
named links INTAKE-ENTRY-REFUSED "資料1_リンク.pdf"
named links INTAKE-ENTRY-REFUSED "外のフォルダ"
named bomb DOC-UNREADABLE "資料1_写真.png"
named xml DOC-UNREADABLE "申請書B.xlsx"
named crash DOC-UNREADABLE "申請書B.xls"
named big DOC-UNREADABLE "資料9_大きな資料.pdf"
named damaged-sample DOC-ENCRYPTED "資料2_暗号化文書.pdf"
named damaged-sample DOC-UNREADABLE "資料3_途中で切れた文書.pdf"
named damaged-sample DOC-UNREADABLE "資料4_実はJPEG.pdf"
named damaged-sample DOC-UNREADABLE "資料5_空ファイル.pdf"
named damaged-sample DOC-UNREADABLE "資料6_壊れた画像.png"
# nothing from outside came in
grep -q "root:" "$tmp/out"/*/report.json && fail "a report holds /etc/passwd's text"
[ "$(grep -o '"path" *: *"f[0-9]*\.txt"' "$tmp/out/many/report.json" | sort -u | wc -l)" -eq 10000 ] ||
  fail "not every one of the 10,000 files is listed"
echo "hostile batch: 7 submissions done (status $status), every bad file named"
