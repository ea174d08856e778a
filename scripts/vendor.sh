#!/usr/bin/env bash
# A source tarball that builds with no network: the committed source (HEAD)
# plus every dependency's source (`cargo vendor`) and a .cargo/config.toml
# that points cargo at them.
#
#   scripts/vendor.sh            writes dist/plantrack-VERSION-vendored.tar.gz (+ .sha256)
#   scripts/vendor.sh --check    and then proves it: unpacks it in a fresh
#                                directory, CARGO_HOME an empty directory, no
#                                network (a new network namespace when run as
#                                root), cargo build --offline --release, and
#                                runs the binary
#
# CARGO and RUSTC choose the toolchain of the check (default: cargo and rustc
# on PATH), e.g. Debian's packaged Rust:
#   CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc scripts/vendor.sh --check
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case ${1:-} in
    --check) check=true ;;
    "") ;;
    *)
        echo "usage: scripts/vendor.sh [--check]" >&2
        exit 2
        ;;
esac
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name=plantrack-$version-vendored
tarball=dist/$name.tar.gz
if ! git diff --quiet HEAD -- Cargo.toml Cargo.lock src; then
    echo "note: uncommitted changes in Cargo.toml, Cargo.lock or src/ are not in the tarball (it is built from HEAD $(git rev-parse --short HEAD))"
fi

echo "== source of HEAD $(git rev-parse --short HEAD) + cargo vendor"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
git archive --format=tar --prefix="$name/" HEAD | tar -x -C "$stage"
mkdir -p "$stage/$name/.cargo"
# --locked: the exact versions of Cargo.lock, nothing re-resolved.
# (Not --quiet: that also silences the configuration it prints.)
(cd "$stage/$name" && cargo vendor --locked vendor 2>"$stage/vendor.log" >.cargo/config.toml) ||
    fail "cargo vendor failed (it needs crates.io, or every crate already in ~/.cargo/registry): $(tail -5 "$stage/vendor.log")"
grep -q 'directory = "vendor"' "$stage/$name/.cargo/config.toml" ||
    fail "cargo vendor printed no source replacement for .cargo/config.toml"
cat "$stage/$name/.cargo/config.toml"
echo "vendored crates: $(find "$stage/$name/vendor" -mindepth 1 -maxdepth 1 -type d | wc -l)"
mkdir -p dist
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
ls -l "$tarball"
cat "$tarball.sha256"

$check || exit 0

echo
echo "== check: build $tarball offline in a clean directory"
cargo_bin=${CARGO:-$(command -v cargo)}
rustc_bin=${RUSTC:-$(command -v rustc)}
# rustup's proxies must know which toolchain to run once CARGO_HOME moves.
rustup_toolchain=$(rustup show active-toolchain 2>/dev/null | cut -d' ' -f1 || true)
work=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$stage" "$work" "$home"' EXIT
tar -xzf "$tarball" -C "$work"
echo "cargo: $cargo_bin ($("$cargo_bin" --version))"
echo "rustc: $rustc_bin ($("$rustc_bin" --version))"
echo "CARGO_HOME=$home (empty: $(find "$home" -mindepth 1 | wc -l) entries)"
isolate=()
if [ "$(id -u)" -eq 0 ] && unshare --net true 2>/dev/null; then
    # A network namespace of its own has only a downed loopback: any attempt
    # to fetch would fail, not quietly succeed.
    isolate=(unshare --net)
    echo "network: none (unshare --net)"
else
    echo "network: not isolated (needs root for unshare --net); --offline forbids fetching"
fi
started=$(date +%s)
(cd "$work/$name" && env CARGO_HOME="$home" RUSTC="$rustc_bin" RUSTUP_TOOLCHAIN="${RUSTUP_TOOLCHAIN:-$rustup_toolchain}" \
    "${isolate[@]}" "$cargo_bin" build --offline --release --locked) ||
    fail "the vendored source did not build offline"
echo "built in $(($(date +%s) - started)) s"
got=$("$work/$name/target/release/plantrack" --version) || fail "the built binary does not run"
echo "runs: $got"
[ "$got" = "plantrack $version" ] || fail "--version says '$got', expected 'plantrack $version'"
echo "== vendor.sh --check: the tarball builds offline"
