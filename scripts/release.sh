#!/usr/bin/env bash
# Builds the release artefacts for one Linux target and checks them:
#
#   scripts/release.sh [TARGET]      TARGET defaults to x86_64-unknown-linux-gnu
#
#   x86_64-unknown-linux-gnu       glibc >= 2.17 (CentOS 7, Kylin V10, UOS, Debian)
#   aarch64-unknown-linux-gnu      glibc >= 2.17 (Kunpeng / Phytium servers)
#   loongarch64-unknown-linux-gnu  glibc >= 2.36 (Loongson, "new world" ABI)
#
# Writes into dist/:
#   plantrack-VERSION-ARCH-linux.tar.gz (+ .sha256)   binary, README, licences,
#                                                     man page, completions, SHA256SUMS
#   plantrack_VERSION-1_DEBARCH.deb     (+ .sha256)   via cargo-deb
#
# The binary is linked by cargo-zigbuild against an old glibc's symbol
# versions, so one file runs on every distribution at or above the floor.
# Installs what it needs if missing: Zig (the `ziglang` Python package),
# cargo-zigbuild and cargo-deb (`cargo install --locked`), the target's
# standard library (`rustup target add`). Exits non-zero on the first failed
# check. As root on a dpkg machine of the same processor it also installs,
# checks and removes the .deb (scripts/test-deb.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-x86_64-unknown-linux-gnu}
case $target in
    x86_64-unknown-linux-gnu) glibc=2.17 arch=x86_64 ;;
    aarch64-unknown-linux-gnu) glibc=2.17 arch=aarch64 ;;
    # LoongArch entered glibc in 2.36; there is nothing older to aim at.
    loongarch64-unknown-linux-gnu) glibc=2.36 arch=loongarch64 ;;
    *)
        echo "release.sh: unknown target '$target'" >&2
        echo "  one of: x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu loongarch64-unknown-linux-gnu" >&2
        exit 2
        ;;
esac
profile=dist
out=target/$target/$profile
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name=plantrack-$version-$arch-linux

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
started=$(date +%s)

step "tools"
if ! python3 -m ziglang version >/dev/null 2>&1 && ! command -v zig >/dev/null; then
    python3 -m pip install --quiet ziglang || fail "cannot install Zig: python3 -m pip install ziglang"
fi
for tool in cargo-zigbuild cargo-deb; do
    if ! command -v "$tool" >/dev/null; then
        cargo install --locked "$tool" || fail "cannot install $tool: cargo install --locked $tool"
    fi
done
echo "zig $(python3 -m ziglang version 2>/dev/null || zig version)"
cargo-zigbuild --version
cargo-deb --version
rustc --version

sysroot_lib=$(rustc --print sysroot)/lib/rustlib/$target/lib
if [ ! -d "$sysroot_lib" ]; then
    echo "the standard library for $target is not installed; running: rustup target add $target"
    rustup target add "$target" ||
        fail "no standard library for $target: 'rustup target add $target' needs to reach static.rust-lang.org (or a mirror set in RUSTUP_DIST_SERVER); run it where it can, then this script again"
fi

step "build $target, glibc $glibc symbols (profile $profile: LTO, one codegen unit, stripped)"
cargo zigbuild --locked --profile "$profile" --bin plantrack --target "$target.$glibc"
bin=$out/plantrack
[ -x "$bin" ] || fail "no binary at $bin"

step "check the binary"
file "$bin" 2>/dev/null || true
expected_machine=$(case $arch in x86_64) echo "X86-64" ;; aarch64) echo "AArch64" ;; loongarch64) echo "LoongArch" ;; esac)
readelf -h "$bin" | grep -q "Machine:.*$expected_machine" || fail "$bin is not a $expected_machine binary"
echo "machine: $expected_machine"
# The highest GLIBC_x.y the dynamic symbol table asks for is the oldest
# glibc the binary runs on.
highest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
[ -n "$highest" ] || fail "no GLIBC_ symbol versions in $bin (not a dynamically linked glibc binary?)"
echo "highest GLIBC symbol version: $highest (ceiling $glibc)"
[ "$(printf '%s\n%s\n' "$highest" "$glibc" | sort -V | tail -1)" = "$glibc" ] ||
    fail "$bin needs GLIBC_$highest, newer than $glibc: $(objdump -T "$bin" | grep "GLIBC_$highest" | head -3)"
echo "needs: $(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
if readelf -S "$bin" | grep -q '\.debug_\|\.symtab'; then
    fail "$bin still has debug or symbol sections (strip = true in [profile.dist])"
fi
size=$(stat -c %s "$bin")
echo "size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f MB", s / 1048576 }'))"

# Man page and completions come from the binary itself; when it cannot run
# here (another architecture), from a host build of the same source.
if [ "$(uname -m)" = "$arch" ]; then
    runner=("$bin")
    got=$("$bin" --version) || fail "$bin --version did not run"
    echo "runs here: $got"
    [ "$got" = "plantrack $version" ] || fail "--version says '$got', expected 'plantrack $version'"
else
    # Another processor: run it under qemu's user-mode emulation when that
    # and the target's C library are installed (Debian: apt install
    # qemu-user libc6-arm64-cross); either way the man page and completions
    # come from a host build of the same source.
    sysroot=/usr/$arch-linux-gnu
    if command -v "qemu-$arch" >/dev/null && [ -d "$sysroot/lib" ]; then
        got=$("qemu-$arch" -L "$sysroot" "$bin" --version) || fail "$bin --version did not run under qemu-$arch"
        echo "runs under qemu-$arch (sysroot $sysroot): $got"
        [ "$got" = "plantrack $version" ] || fail "--version says '$got', expected 'plantrack $version'"
    else
        echo "not run: this machine is $(uname -m), the binary is $arch (no qemu-$arch with $sysroot)"
    fi
    cargo build --locked --quiet --bin plantrack
    runner=(target/debug/plantrack)
fi

step "man page and completions"
mkdir -p "$out/completions"
"${runner[@]}" man >"$out/plantrack.1"
"${runner[@]}" completions bash >"$out/completions/plantrack.bash"
"${runner[@]}" completions zsh >"$out/completions/_plantrack"
"${runner[@]}" completions fish >"$out/completions/plantrack.fish"
grep -q '^\.TH' "$out/plantrack.1" || fail "plantrack man did not write a man page"
# Debian policy: man pages gzipped (cargo-deb compresses only files it did
# not find under target/); -n keeps the archive free of a time stamp.
gzip -9nc "$out/plantrack.1" >"$out/plantrack.1.gz"
for f in plantrack.bash _plantrack plantrack.fish; do
    [ -s "$out/completions/$f" ] || fail "empty completion script $f"
done
if command -v man >/dev/null; then
    man -l "$out/plantrack.1" 2>/dev/null | head -3 | sed 's/^/  /'
fi
ls -l "$out/plantrack.1" "$out/completions"

step "tarball"
mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions"
cp "$bin" "$out/plantrack.1" README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
cp "$out"/completions/* "$stage/$name/completions/"
(cd "$stage/$name" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs sha256sum >SHA256SUMS)
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
expected="README.md LICENSE-MIT LICENSE-APACHE SHA256SUMS plantrack plantrack.1 completions/plantrack.bash completions/_plantrack completions/plantrack.fish"
listing=$(tar -tzf "dist/$name.tar.gz")
for f in $expected; do
    grep -qx "$name/$f" <<<"$listing" || fail "dist/$name.tar.gz lacks $name/$f"
done
(cd "$stage" && rm -rf "$name" && tar -xzf "$OLDPWD/dist/$name.tar.gz" && cd "$name" && sha256sum --quiet -c SHA256SUMS) ||
    fail "SHA256SUMS inside the tarball does not match its files"
tar -tzvf "dist/$name.tar.gz"
cat "dist/$name.tar.gz.sha256"

step ".deb"
# Already stripped; cargo-deb would reach for the host strip otherwise.
variant=()
[ "$arch" = loongarch64 ] && variant=(--variant loongarch64)
deb=$(cargo deb --no-build --no-strip --locked --target "$target" --profile "$profile" "${variant[@]}" --output dist/ | tail -1)
[ -f "$deb" ] || fail "cargo deb did not report a .deb: $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
depends=$(dpkg-deb --field "$deb" Depends)
[ "$depends" = "libc6 (>= $glibc)" ] ||
    fail "$deb depends on '$depends', expected 'libc6 (>= $glibc)' ([package.metadata.deb] in Cargo.toml)"
contents=$(dpkg-deb --contents "$deb")
echo "$contents"
for f in usr/bin/plantrack usr/share/man/man1/plantrack.1.gz usr/share/bash-completion/completions/plantrack \
    usr/share/zsh/vendor-completions/_plantrack usr/share/fish/vendor_completions.d/plantrack.fish \
    usr/share/doc/plantrack/copyright; do
    grep -q " \./$f\$" <<<"$contents" || fail "$deb lacks /$f"
done
(cd "$(dirname "$deb")" && sha256sum "$(basename "$deb")" >"$(basename "$deb").sha256")

if [ "$(uname -m)" = "$arch" ] && [ "$(id -u)" -eq 0 ] && command -v dpkg >/dev/null; then
    step "install, check and remove the .deb"
    scripts/test-deb.sh "$deb"
else
    echo "not installed here (needs root and dpkg on $arch): run scripts/test-deb.sh $deb there"
fi

step "done in $(($(date +%s) - started)) s"
ls -l "dist/$name.tar.gz" "$deb"
