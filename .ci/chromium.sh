#!/usr/bin/env bash
# .ci/chromium.sh: install Debian's chromium for the web package's browser
# tests (chromedp drives it) and print, on stdout, the line that points the
# tests at it:
#
#	eval "$(bash .ci/chromium.sh)"   # then: go test ./web -run Browser
#
# It runs apt-get update once and apt-get install -y chromium, as root, when
# no chromium is installed; run again, it reuses what is there. Everything
# it does is said on stderr.
#
# When chromium cannot be had (not root, no apt-get, the install fails), it
# says why and exits 0 with nothing on stdout, so the browser tests skip;
# with CI=true that is an error.
set -euo pipefail

say() { echo "chromium.sh: $*" >&2; }

# unavailable ends the script: an error in CI, a skip elsewhere.
unavailable() {
	if [ "${CI:-}" = true ]; then
		say "error: $* (CI needs chromium for the web browser tests)"
		exit 1
	fi
	say "skipped: $*; the web browser tests will be skipped"
	exit 0
}

find_browser() {
	local b
	for b in chromium chromium-browser google-chrome; do
		if command -v "$b" >/dev/null; then
			command -v "$b"
			return 0
		fi
	done
	return 1
}

if ! bin="$(find_browser)"; then
	[ "$(id -u)" = 0 ] || unavailable "chromium is not installed and installing it needs root"
	command -v apt-get >/dev/null || unavailable "chromium is not installed and there is no apt-get to install it"
	say "installing Debian's chromium package"
	t0=$SECONDS
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || unavailable "apt-get update failed"
	apt-get install -y -qq chromium >&2 || unavailable "apt-get install chromium failed"
	say "installed in $((SECONDS - t0))s"
	bin="$(find_browser)" || unavailable "chromium installed but not found on PATH"
else
	say "using $bin"
fi
say "ready: $("$bin" --version 2>/dev/null || echo "$bin")"
echo "export PLANBOT_TEST_CHROMIUM='$bin'"
