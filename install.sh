#!/bin/sh
# Installs a released `dms-rules` binary for this machine, checked against its SHA-256 checksum;
# no Rust toolchain needed. The GitHub Action (action.yml) runs it; so can anyone:
#
#   curl -fsSL https://raw.githubusercontent.com/OWNER/NAME/main/install.sh | sh -s -- --repo OWNER/NAME
#
# Options (each also read from the environment variable named beside it):
#   --repo OWNER/NAME   DMS_RULES_REPO      the GitHub repository whose releases to download from
#   --version TAG       DMS_RULES_VERSION   a release tag such as v0.1.0 (default: the latest)
#   --from URL|DIR      DMS_RULES_FROM      where the release's files are, instead of GitHub:
#                                           a URL, or a local folder holding them
#   --dir DIR           DMS_RULES_DIR       where to put `dms-rules` (default: ~/.local/bin)
#
# Each release holds, per platform, `dms-rules-TARGET.tar.gz` (the binary at its top level) and
# `dms-rules-TARGET.tar.gz.sha256` (`HASH  NAME`), as .github/workflows/release.yml builds them.
# The platform is `uname -s` and `uname -m` (DMS_RULES_OS and DMS_RULES_ARCH override them).
# Anything wrong is said in one line on standard error, and nothing is installed.
set -eu

repo=${DMS_RULES_REPO:-}
version=${DMS_RULES_VERSION:-latest}
from=${DMS_RULES_FROM:-}
dir=${DMS_RULES_DIR:-${HOME:-.}/.local/bin}

fail() {
    echo "dms-rules install: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case $1 in
        --repo) [ $# -ge 2 ] || fail "--repo needs OWNER/NAME"; repo=$2; shift 2 ;;
        --version) [ $# -ge 2 ] || fail "--version needs a tag"; version=$2; shift 2 ;;
        --from) [ $# -ge 2 ] || fail "--from needs a URL or a folder"; from=$2; shift 2 ;;
        --dir) [ $# -ge 2 ] || fail "--dir needs a folder"; dir=$2; shift 2 ;;
        *) fail "unknown option \`$1\` (the options are --repo, --version, --from, --dir)" ;;
    esac
done

os=${DMS_RULES_OS:-$(uname -s)}
arch=${DMS_RULES_ARCH:-$(uname -m)}
case "$os/$arch" in
    Linux/x86_64 | Linux/amd64) target=x86_64-unknown-linux-musl ;;
    Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
    Darwin/x86_64) target=x86_64-apple-darwin ;;
    Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
    MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64 | Windows_NT/x86_64 | Windows_NT/AMD64) target=x86_64-pc-windows-msvc ;;
    *) fail "no release is built for $os $arch (there are Linux x86_64 and aarch64, macOS x86_64 and arm64, Windows x86_64): build it with \`cargo install --locked dms-rules-cli\`" ;;
esac
case $target in
    *windows*) binary=dms-rules.exe ;;
    *) binary=dms-rules ;;
esac
asset=dms-rules-$target.tar.gz

if [ -z "$from" ]; then
    [ -n "$repo" ] || fail "say which repository's releases to install from: --repo OWNER/NAME"
    if [ "$version" = latest ]; then
        from=https://github.com/$repo/releases/latest/download
    else
        from=https://github.com/$repo/releases/download/$version
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A URL is downloaded; anything else is a folder the files are copied from.
fetch() {
    case $from in
        *://*)
            if command -v curl >/dev/null 2>&1; then
                curl -fsSL --retry 3 -o "$work/$1" "$from/$1" || fail "cannot download $from/$1"
            elif command -v wget >/dev/null 2>&1; then
                wget -q -O "$work/$1" "$from/$1" || fail "cannot download $from/$1"
            else
                fail "neither curl nor wget is installed: cannot download $from/$1"
            fi
            ;;
        *) cp "$from/$1" "$work/$1" 2>/dev/null || fail "no $1 in $from" ;;
    esac
}

fetch "$asset"
fetch "$asset.sha256"

expected=$(awk 'NR == 1 { print $1 }' "$work/$asset.sha256")
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$work/$asset" | awk '{ print $1 }')
elif command -v shasum >/dev/null 2>&1; then
    actual=$(shasum -a 256 "$work/$asset" | awk '{ print $1 }')
else
    fail "neither sha256sum nor shasum is installed: cannot check $asset"
fi
[ "$expected" = "$actual" ] || fail "$asset does not match its checksum (expected $expected, got $actual): not installed"

tar -xzf "$work/$asset" -C "$work" "$binary" 2>/dev/null || fail "$asset holds no $binary"
mkdir -p "$dir" || fail "cannot create $dir"
# Beside the destination, then renamed: a running copy is never half written.
cp "$work/$binary" "$dir/.$binary.new" && chmod 755 "$dir/.$binary.new" \
    && mv -f "$dir/.$binary.new" "$dir/$binary" || fail "cannot write $dir/$binary"
echo "installed $dir/$binary ($target, $version)"
