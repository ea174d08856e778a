#!/usr/bin/env bash
# Installs a plantrack .deb on this Debian machine, checks that the binary,
# the man page and the completions are where they belong, and removes it
# again, checking nothing is left behind. Needs root.
#
#   scripts/test-deb.sh dist/plantrack_0.1.0-1_amd64.deb
set -euo pipefail

deb=${1:?usage: scripts/test-deb.sh PATH/TO/plantrack_VERSION_ARCH.deb}
[ -f "$deb" ] || {
    echo "test-deb.sh: no such file: $deb" >&2
    exit 2
}
[ "$(id -u)" -eq 0 ] || {
    echo "test-deb.sh: installing a package needs root (sudo $0 $deb)" >&2
    exit 2
}
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
if dpkg -s plantrack >/dev/null 2>&1; then
    fail "plantrack is already installed here; remove it first (dpkg -r plantrack) so the test starts clean"
fi
if ! command -v man >/dev/null; then
    echo "== installing man-db (for man -w)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db >/dev/null
fi
version=$(dpkg-deb --field "$deb" Version)

echo "== dpkg -i $deb"
dpkg -i "$deb"
dpkg -s plantrack | grep -E '^(Status|Version|Depends|Installed-Size):'

echo "== plantrack --version"
got=$(/usr/bin/plantrack --version) || fail "/usr/bin/plantrack --version failed"
echo "$got"
[ "$got" = "plantrack ${version%-*}" ] || fail "--version says '$got', the package is $version"
[ "$(command -v plantrack)" = /usr/bin/plantrack ] || echo "note: 'plantrack' on PATH is $(command -v plantrack), not /usr/bin/plantrack"

echo "== man -w plantrack"
page=$(man -w plantrack) || fail "man -w plantrack finds no page"
echo "$page"
[ "$page" = /usr/share/man/man1/plantrack.1.gz ] || fail "man page at $page, expected /usr/share/man/man1/plantrack.1.gz"
man plantrack 2>/dev/null | head -5 | grep -q plantrack || fail "man plantrack does not render"

echo "== completions"
for f in /usr/share/bash-completion/completions/plantrack \
    /usr/share/zsh/vendor-completions/_plantrack \
    /usr/share/fish/vendor_completions.d/plantrack.fish; do
    [ -s "$f" ] || fail "missing $f"
    echo "$f"
done
bash -c 'source /usr/share/bash-completion/completions/plantrack && complete -p plantrack' ||
    fail "the bash completion does not register for plantrack"

echo "== dpkg -r plantrack"
files=$(dpkg -L plantrack)
dpkg -r plantrack
if dpkg -s plantrack 2>/dev/null | grep -q '^Status: install'; then
    fail "plantrack still installed after dpkg -r"
fi
left=$(while read -r f; do [ -f "$f" ] && echo "$f"; done <<<"$files" || true)
[ -z "$left" ] || fail "files left after removal: $left"
command -v plantrack >/dev/null && fail "plantrack still on PATH at $(command -v plantrack)"
echo "removed cleanly: no file of the package is left"
echo "== test-deb.sh: all checks passed"
