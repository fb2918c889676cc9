#!/usr/bin/env bash
# Provides the Pulumi CLI, the Node.js language host and the dynamic-provider shim in .tools/bin.
# Uses `pulumi` from PATH when present; otherwise builds both binaries from Go modules
# (shared/pulumi/NOTES.md §4.2) and caches them outside the clone so fresh clones are quick.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.248.0}"
# The Node.js language host has been its own, never-tagged module since sdk v3.69; the Go module
# proxy answers 403 for every version of it (github.com/pulumi/pulumi/sdk/nodejs/cmd/
# pulumi-language-nodejs/v3). The last release that still carried it inside sdk/v3 is v3.68.0; its
# host speaks the same protocol and runs the same @pulumi/pulumi/cmd/run entry point of SDK 3.248.
LANGHOST_SDK_VERSION="${LANGHOST_SDK_VERSION:-v3.68.0}"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.tools/bin"
CACHE="${PULUMI_CIMI_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cimi}/pulumi-$PULUMI_VERSION"
SHIM_SRC="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

log() { echo "tools: $*" >&2; }

install_shim() {
  [ -f "$SHIM_SRC" ] || { log "missing $SHIM_SRC (run npm ci first)"; exit 1; }
  install -m 0755 "$SHIM_SRC" "$BIN/pulumi-resource-pulumi-nodejs"
}

mkdir -p "$BIN"

if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$BIN/pulumi-resource-pulumi-nodejs" ]; then
  exit 0
fi

if [ -z "${PULUMI_CIMI_BUILD_CLI:-}" ] && command -v pulumi >/dev/null 2>&1 \
   && [ "$(command -v pulumi)" != "$BIN/pulumi" ]; then
  host_dir="$(dirname "$(readlink -f "$(command -v pulumi)")")"
  log "using pulumi from PATH ($(pulumi version))"
  ln -sf "$(command -v pulumi)" "$BIN/pulumi"
  langhost="$(command -v pulumi-language-nodejs || echo "$host_dir/pulumi-language-nodejs")"
  [ -x "$langhost" ] || { log "pulumi is on PATH but pulumi-language-nodejs is not"; exit 1; }
  ln -sf "$langhost" "$BIN/pulumi-language-nodejs"
  install_shim
  exit 0
fi

if [ ! -x "$CACHE/pulumi" ] || [ ! -x "$CACHE/pulumi-language-nodejs" ]; then
  command -v go >/dev/null 2>&1 || { log "neither pulumi nor go is installed"; exit 1; }
  log "building Pulumi CLI $PULUMI_VERSION and Node.js language host from Go modules (first run takes minutes)"
  start=$(date +%s)
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
  build() { go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$1" -o "$2" "$3"; }
  (
    mkdir -p "$work/cli" && cd "$work/cli"
    go mod init example.invalid/pulumi-cli >/dev/null 2>&1
    go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION"
    go get "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
    # `go install pkg@version` refuses replace directives, so copy the non-local ones of the tag.
    modcache="$(go env GOMODCACHE)/cache/download/github.com/pulumi/pulumi"
    for mod in "$modcache/pkg/v3/@v/$PULUMI_VERSION.mod" "$modcache/sdk/v3/@v/$PULUMI_VERSION.mod"; do
      grep -E '^replace .* => [^.]' "$mod" | sed -E 's/^replace +//' | while read -r from _ to ver; do
        go mod edit -replace "$from=$to@$ver"
      done
    done
    go mod tidy >/dev/null 2>&1 || true
    build "$PULUMI_VERSION" "$work/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  (
    mkdir -p "$work/host" && cd "$work/host"
    go mod init example.invalid/pulumi-language-nodejs >/dev/null 2>&1
    go get -tool "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@$LANGHOST_SDK_VERSION"
    build "$LANGHOST_SDK_VERSION" "$work/pulumi-language-nodejs" \
      github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
  )
  mkdir -p "$CACHE"
  cp "$work/pulumi" "$work/pulumi-language-nodejs" "$CACHE/"
  log "built in $(( $(date +%s) - start ))s, cached in $CACHE"
fi

cp "$CACHE/pulumi" "$CACHE/pulumi-language-nodejs" "$BIN/"
install_shim
log "ready: $("$BIN/pulumi" version)"
