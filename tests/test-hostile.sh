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
#   pdfs   PDFs written here: a page tree whose /Kids loop back to an ancestor, a page
#          its own /Parent with resources in a reference loop (7 0 R -> 8 0 R -> 7 0 R),
#          arrays nested 100,000 deep in a page's resources and content, a 2 GB
#          /Length with every xref offset past the end, and a good one-page text PDF
#          that must come through clean; the two whose content poppler can only
#          partly read (the loop, the nesting) are DOC-PAGE-DAMAGED, naming the page
set -uo pipefail
src=${SHINSA_SOURCE_ROOT:?}
build=${SHINSA_BUILD_ROOT:?}
shinsa=$build/core/shinsa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in=$tmp/in
mkdir -p "$in"/{links,bomb,xml,crash,big,many,pdfs}
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
python3 - "$in/pdfs" <<'PY' || fail "cannot write the hostile PDFs"
import sys, zlib
out = sys.argv[1]

def pdf(objs, shift=0):
    # objs: (number, body); a classic xref, every offset moved by shift
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = {}
    for num, body in objs:
        offs[num] = len(data)
        data += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    n = max(offs) + 1
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % n
    for i in range(1, n):
        data += b"%010d 00000 n \n" % (offs[i] + shift) if i in offs else b"0000000000 65535 f \n"
    return data + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref + shift)

def stream(content, extra=b""):
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), extra, content)

def page(parent=b"2 0 R", box=b"[0 0 612 792]", resources=b"<< /Font << /F1 5 0 R >> >>"):
    return b"<< /Type /Page /Parent %s /MediaBox %s /Resources %s /Contents 4 0 R >>" % (parent, box, resources)

catalog = (1, b"<< /Type /Catalog /Pages 2 0 R >>")
pages = (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
font = (5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
text = b"BT /F1 24 Tf 72 720 Td (Hello shinsa) Tj ET"
deep = b"[" * 100000 + b"]" * 100000
files = {
    # (a) the second kid of the root, a /Pages node, lists the root and itself
    "資料1_頁の木が循環.pdf": pdf([catalog, (2, b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"),
                                 (3, page()), (4, stream(text)), font,
                                 (6, b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>")]),
    # (b) the page its own /Parent, its resources 7 -> 8 -> 7, its media box itself
    "資料2_自己参照.pdf": pdf([catalog, pages, (3, page(b"3 0 R", b"9 0 R", b"7 0 R")),
                             (4, stream(text)), font, (7, b"8 0 R"), (8, b"7 0 R"), (9, b"9 0 R")]),
    # (c) 100,000 nested arrays in the resources and, deflated, in the content
    "資料3_深い入れ子.pdf": pdf([catalog, pages,
                               (3, page(resources=b"<< /Font << /F1 5 0 R >> /X " + deep + b" >>")),
                               (4, stream(zlib.compress(b"BT /F1 24 Tf 72 720 Td " + deep + b" TJ (deep) Tj ET", 9),
                                          b"/Filter /FlateDecode ")), font]),
    # (d) a content stream of 2 GB by its /Length, every offset 1 GB past the end
    "資料4_長さと位置が嘘.pdf": pdf([catalog, pages, (3, page()),
                                 (4, b"<< /Length 2147483647 >>\nstream\n%s\nendstream" % text), font],
                                shift=10**9),
    # (e) the control: one good page of text
    "資料5_正常な文書.pdf": pdf([catalog, pages, (3, page()), (4, stream(text)), font]),
}
for name, data in files.items():
    with open(f"{out}/{name}", "wb") as f:
        f.write(data)
PY

status=0
start=$(date +%s)
# a loop in a hostile file must not hang the batch: well under meson's 600 s
XDG_CACHE_HOME=$tmp/cache timeout 450 "$shinsa" run intake "$in"/{links,bomb,xml,crash,big,many,damaged,pdfs} \
  -o "$tmp/out" --quiet || status=$?
[ "$status" -le 1 ] || fail "the batch ended with status $status after $(( $(date +%s) - start )) s"

# one whole report per submission, every one done
for id in links bomb xml crash big many damaged-sample pdfs; do
  r=$tmp/out/$id/report.json
  [ -f "$r" ] || fail "no report for $id"
  grep -q '"complete" *: *true' "$r" || fail "the report of $id is not whole"
done
[ "$(grep -c '"status" *: *"done"' "$tmp/out/batch.json")" -eq 8 ] || fail "not every submission is done in batch.json"

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

# the PDFs, read from the report as JSON: the codes of the findings naming a file
codes() {  # SUBMISSION PATH
  python3 - "$tmp/out/$1/report.json" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(" ".join(sorted(f["code"] for f in report["findings"] if f.get("path") == sys.argv[2])))
PY
}
named_one_of() {  # SUBMISSION PATH CODE...
  local sub=$1 path=$2 got
  shift 2
  got=$(codes "$sub" "$path")
  for c in "$@"; do [[ " $got " == *" $c "* ]] && return 0; done
  return 1
}
named pdfs DOC-UNREADABLE "資料1_頁の木が循環.pdf"
# the resources are a reference loop: the page's font is lost, and with it its text
named pdfs DOC-PAGE-DAMAGED "資料2_自己参照.pdf"
# the content after the nesting is dropped
named pdfs DOC-PAGE-DAMAGED "資料3_深い入れ子.pdf"
grep -A14 '"code" *: *"DOC-PAGE-DAMAGED"' "$tmp/out/pdfs/report.json" | grep -q '"page" *: *1' ||
  fail "pdfs: DOC-PAGE-DAMAGED does not name page 1"
named pdfs DOC-REPAIRED "資料4_長さと位置が嘘.pdf"
named_one_of pdfs "資料4_長さと位置が嘘.pdf" DOC-UNREADABLE && fail "pdfs: the repaired '資料4_長さと位置が嘘.pdf' is DOC-UNREADABLE"
[ -z "$(codes pdfs "資料5_正常な文書.pdf")" ] ||
  fail "pdfs: the good '資料5_正常な文書.pdf' gets $(codes pdfs "資料5_正常な文書.pdf")"
python3 - "$tmp/out/pdfs/report.json" <<'PY' || fail "pdfs: the good '資料5_正常な文書.pdf' is not one page of text"
import json, sys
doc = [d for d in json.load(open(sys.argv[1]))["documents"] if d["path"] == "資料5_正常な文書.pdf"][0]
sys.exit(0 if (doc["status"], doc["pages"], doc.get("text_pages")) == ("ok", 1, 1) else 1)
PY
# nothing from outside came in
grep -q "root:" "$tmp/out"/*/report.json && fail "a report holds /etc/passwd's text"
[ "$(grep -o '"path" *: *"f[0-9]*\.txt"' "$tmp/out/many/report.json" | sort -u | wc -l)" -eq 10000 ] ||
  fail "not every one of the 10,000 files is listed"
echo "hostile batch: 8 submissions done in $(( $(date +%s) - start )) s (status $status), every bad file named"
