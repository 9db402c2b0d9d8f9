#!/bin/bash
# report.html in a real browser: headless Chromium loads the reports of
# fixtures/sample and fixtures/defects (and the hand-written citations report
# test-report renders with thumbnails), takes screenshots, and reads the DOM
# after the page's script ran.  Checks: the page rendered (a screenshot of a
# blank page compresses to a few KiB), every finding of report.json is in the
# DOM, the script ran under the page's CSP, and the browser asked the network
# for nothing (its net log holds no http/https/ws request).
# Skipped (77) when chromium is not installed.
set -eu
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium not installed: skipped"; exit 77; }
shinsa="${SHINSA_BUILD_ROOT:?}/core/shinsa"
fixtures="${SHINSA_SOURCE_ROOT:?}/fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# keep the examiner's cache and Chromium's profile out of it
export XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
mkdir -p "$HOME"
# screenshots are kept for a person to look at when SHOTS is set
shots="${SHOTS:-$tmp/shots}"
mkdir -p "$shots"

status=0
"$shinsa" run intake "$fixtures/sample" "$fixtures/defects" -o "$tmp/out" --quiet || status=$?
[ "$status" -eq 1 ] || { echo "shinsa run: status $status, expected 1 (error findings)"; exit 1; }
[ -f "$tmp/out/index.html" ] || { echo "no index.html"; exit 1; }

# requests the page made (the browser's own, for updates and accounts, have
# no file:// site): their URLs, status 0 when there were any
page_requests() {
  grep -E '"network_isolation_key":"file://.*"url":"(https?|wss?)://' "$1" \
    | grep -Eo '"url":"[^"]*' | sort -u | grep .
}

browse() { # NAME FILE MIN_BYTES: screenshot and DOM of FILE
  local name=$1 file=$2 min=$3
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile-$name" --host-resolver-rules="MAP * ~NOTFOUND" \
    --log-net-log="$tmp/$name.netlog" --window-size=1280,2000 \
    --screenshot="$shots/$name.png" "file://$file" >/dev/null 2>&1
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile-$name" --host-resolver-rules="MAP * ~NOTFOUND" \
    --dump-dom "file://$file" 2>/dev/null > "$tmp/$name.dom"
  local size
  size=$(stat -c %s "$shots/$name.png")
  if [ "$size" -lt "$min" ]; then echo "$name: screenshot of $size bytes: blank page?"; exit 1; fi
  if page_requests "$tmp/$name.netlog"; then
    echo "$name: the page asked the network for the addresses above"; exit 1
  fi
  grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$tmp/$name.dom" \
    || { echo "$name: no CSP in the DOM"; exit 1; }
  if grep -Eo '(src|href)="(https?:)?//[^"]*' "$tmp/$name.dom"; then
    echo "$name: network references in the DOM"; exit 1
  fi
}

check_report() { # ID: the report of submission ID
  local id=$1 dir="$tmp/out/$1" want got
  browse "$id" "$dir/report.html" 40000
  # the script ran (the CSP lets the page's own script through by its hash)
  grep -q '<div id="filters" class="filters">' "$tmp/$id.dom" || { echo "$id: filters not shown: script did not run"; exit 1; }
  grep -q '件を表示</span>' "$tmp/$id.dom" || { echo "$id: filter count not written"; exit 1; }
  # every finding of report.json, by code, as a row
  want=$(grep -c '"code" *:' "$dir/report.json")
  got=$(grep -o '<tr class="finding sev-[a-z]*" data-code="[A-Z0-9-]*"' "$tmp/$id.dom" | wc -l)
  [ "$want" -eq "$got" ] || { echo "$id: $want findings in report.json, $got rows in the DOM"; exit 1; }
  for code in $(grep -o '"code" *: *"[A-Z0-9-]*"' "$dir/report.json" | sed 's/.*"\([A-Z0-9-]*\)"$/\1/' | sort -u); do
    grep -q "data-code=\"$code\"" "$tmp/$id.dom" || { echo "$id: $code not in the DOM"; exit 1; }
  done
  # 133 items of the form in the items table
  got=$(grep -o '<tr id="item-[0-9]*"' "$tmp/$id.dom" | wc -l)
  [ "$got" -ge 130 ] || { echo "$id: $got item rows"; exit 1; }
}

# the net-log check itself: a page without a CSP that loads an image is caught
printf '<!DOCTYPE html><p>x<img src="http://shinsa.invalid/x.png">' > "$tmp/control.html"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile-control" \
  --host-resolver-rules="MAP * ~NOTFOUND" --log-net-log="$tmp/control.netlog" \
  --dump-dom "file://$tmp/control.html" >/dev/null 2>&1
page_requests "$tmp/control.netlog" >/dev/null || { echo "the net-log check misses a page's request"; exit 1; }

check_report sample
check_report defects
# the cited pages are drawn, and the weak citation's finding links its page
for id in sample defects; do
  n=$(grep -o '<img src="data:image/png;base64,' "$tmp/$id.dom" | wc -l)
  [ "$n" -ge 5 ] || { echo "$id: $n page thumbnails"; exit 1; }
  grep -q '<tr class="finding sev-warning" data-code="CITE-WEAK-SUPPORT" data-item="77" data-doc="資料5">.*<a class="pl" href="#pg-[0-9]*"' \
    "$tmp/$id.dom" || { echo "$id: CITE-WEAK-SUPPORT of item 77 does not link its page"; exit 1; }
done
# every code planted in the fixture (its truth file's top-level
# expected_findings) is on the page
for id in sample defects; do
  planted=$(sed -n '/^  "expected_findings" : \[/,/^  \],*$/p' "$fixtures/$id.truth.json" \
            | grep -o '"code" *: *"[A-Z0-9-]*"' | sed 's/.*"\([A-Z0-9-]*\)"$/\1/' | sort -u)
  [ -n "$planted" ] || { echo "$id: no planted codes read from the truth file"; exit 1; }
  for code in $planted; do
    grep -q "data-code=\"$code\"" "$tmp/$id.dom" || { echo "$id: planted $code not in the DOM"; exit 1; }
  done
done

# the batch index links every report
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile-index" \
  --host-resolver-rules="MAP * ~NOTFOUND" --dump-dom "file://$tmp/out/index.html" 2>/dev/null > "$tmp/index.dom"
grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$tmp/index.dom" || { echo "index: no CSP"; exit 1; }
grep -q 'href="sample/report.html"' "$tmp/index.dom" || { echo "index: no link to sample"; exit 1; }
grep -q 'href="defects/report.html"' "$tmp/index.dom" || { echo "index: no link to defects"; exit 1; }

# citations with page thumbnails and claim boxes (crossref's shape, by hand)
REPORT_HTML_OUT="$tmp/citations.html" "${SHINSA_BUILD_ROOT}/tests/test-report" -q -p /report/html/citations
browse citations "$tmp/citations.html" 40000
n=$(grep -o '<img src="data:image/png;base64,' "$tmp/citations.dom" | wc -l)
[ "$n" -eq 5 ] || { echo "citations: $n thumbnails, expected 5"; exit 1; }
# a cited page opens beside the table (CSS :target)
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile-target" \
  --host-resolver-rules="MAP * ~NOTFOUND" --window-size=1280,1000 \
  --screenshot="$shots/citations-target.png" "file://$tmp/citations.html#pg-3" >/dev/null 2>&1
[ "$(stat -c %s "$shots/citations-target.png")" -gt 40000 ] || { echo "citations: blank :target screenshot"; exit 1; }
echo "ok: sample, defects, index and citations rendered in $("$chromium" --version 2>/dev/null)"
