#!/usr/bin/env bash
# Proves the rust-version that Cargo.toml declares (slow; not part of CI):
#
#   1. builds the binary with exactly that Rust release (a rustup toolchain,
#      installed with --profile minimal if missing);
#   2. with Debian 12's own packaged Rust (rustc-web / cargo-web, installed
#      with apt, needs root): every version apt offers is tried; one older
#      than rust-version must be refused by cargo with the rust-version
#      message, the newest builds the vendored source tarball offline
#      (scripts/vendor.sh --check with CARGO=/usr/bin/cargo).
#
# Packages it installed are purged again at the end, also when a check fails.
#
#   scripts/check-rust-version.sh [--no-debian]
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "FAILED: $*" >&2
    exit 1
}
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -n "$msrv" ] || fail "no rust-version in Cargo.toml"
echo "== rust-version = $msrv"

echo "== 1. build with Rust $msrv (rustup)"
if ! rustup run "$msrv" rustc --version >/dev/null 2>&1; then
    rustup toolchain install "$msrv" --profile minimal ||
        fail "cannot install Rust $msrv with rustup (no network to static.rust-lang.org?)"
fi
rustup run "$msrv" rustc --version
started=$(date +%s)
# A target directory of its own: artefacts of another compiler are useless here.
cargo "+$msrv" build --locked --bin plantrack --target-dir target/msrv ||
    fail "Rust $msrv does not build plantrack: lower rust-version is wrong, raise it or fix the code"
echo "built in $(($(date +%s) - started)) s: $(target/msrv/debug/plantrack --version)"

[ "${1:-}" = --no-debian ] && exit 0

echo
echo "== 2. Debian's packaged Rust (rustc-web, cargo-web)"
[ "$(id -u)" -eq 0 ] || fail "installing Debian's rustc-web needs root (or run with --no-debian)"
command -v apt-cache >/dev/null || fail "not a Debian machine (no apt-cache)"
# Every package installed now, so that exactly the ones this script adds
# (rustc-web and its LLVM and libraries) are purged again, even on failure.
packages_before=$(mktemp)
dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort >"$packages_before"
purge_added() {
    local added
    added=$(comm -13 "$packages_before" <(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort))
    if [ -n "$added" ]; then
        echo "== purging what this script installed: $(echo "$added" | tr '\n' ' ')"
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null
    fi
    rm -f "$packages_before"
}
trap purge_added EXIT
versions=$(apt-cache madison rustc-web | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -uV)
[ -n "$versions" ] || fail "apt offers no rustc-web (bookworm and bookworm-security in sources?)"
echo "apt offers rustc-web: $(echo "$versions" | tr '\n' ' ')"
apt-cache madison rustc-web
newest=$(echo "$versions" | tail -1)
for v in $versions; do
    upstream=${v%%+*}
    echo
    echo "-- rustc-web $v"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --allow-downgrades \
        "rustc-web=$v" "cargo-web=$v" "libstd-rust-web-dev=$v" >/dev/null ||
        fail "apt-get install rustc-web=$v cargo-web=$v failed"
    /usr/bin/rustc --version
    /usr/bin/cargo --version
    if [ "$(printf '%s\n%s\n' "$upstream" "$msrv" | sort -V | head -1)" != "$msrv" ]; then
        # Older than rust-version: cargo must say so before compiling anything.
        log=$(mktemp)
        if RUSTC=/usr/bin/rustc /usr/bin/cargo build --locked --offline --release --target-dir target/debian-rust >"$log" 2>&1; then
            fail "Rust $upstream built plantrack although rust-version is $msrv: lower rust-version"
        fi
        grep -q "rust-version\|requires rustc" "$log" ||
            fail "Rust $upstream failed for another reason than rust-version: $(tail -5 "$log")"
        echo "refused, as it should be:"
        grep -E "rustc $upstream|requires rustc|rust-version" "$log" | head -12 | sed 's/^/  /'
        rm -f "$log"
    fi
    if [ "$v" = "$newest" ]; then
        if [ "$(printf '%s\n%s\n' "$upstream" "$msrv" | sort -V | head -1)" != "$msrv" ]; then
            fail "Debian's newest packaged Rust ($upstream) is older than rust-version $msrv"
        fi
        CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc scripts/vendor.sh --check
    fi
done

echo "== check-rust-version.sh: rust-version $msrv holds"
