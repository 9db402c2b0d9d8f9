#!/bin/bash
# 守秘義務: shinsa opens no network connection.  The intake pipeline runs on
# the sample submission inside a network namespace with no interfaces
# (unshare -rn), under strace: it must finish as usual (exit 0 or 1, a whole
# report) and must not so much as create an Internet socket.
# Skipped (77) where namespaces or strace are not available.
set -uo pipefail
src=${SHINSA_SOURCE_ROOT:?}
build=${SHINSA_BUILD_ROOT:?}
command -v strace >/dev/null || { echo "strace missing"; exit 77; }
unshare -rn true 2>/dev/null || { echo "no network namespaces here"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# LeakSanitizer cannot run under ptrace: the sanitizer build checks leaks in
# every other test, not in this one
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
unshare -rn strace -f -qq -e trace=socket,connect -o "$tmp/strace.log" \
  "$build/core/shinsa" run intake "$src/fixtures/sample" -o "$tmp/out" --quiet || status=$?
if [ "$status" -gt 1 ]; then
  echo "shinsa run failed without a network: status $status"; exit 1
fi
grep -q '"complete" *: *true' "$tmp/out/sample/report.json" || { echo "report not complete"; exit 1; }
if grep -E 'AF_INET|AF_INET6|AF_PACKET|AF_NETLINK' "$tmp/strace.log"; then
  echo "shinsa created a network socket (above)"; exit 1
fi
echo "intake ran with no network and opened no network socket ($(wc -l < "$tmp/strace.log") socket/connect calls, all local)"
