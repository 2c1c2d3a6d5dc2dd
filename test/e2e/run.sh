#!/usr/bin/env bash
# `npm run test:e2e`: the packaged extension in a real VS Code workbench. Installs the .vsix into a
# fresh code-server, serves a scratch copy of examples/ on a free loopback port and drives it with
# headless Chromium (test/e2e/ui.test.mjs). Output, logs and screenshots: .test-output/e2e/.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/install-workbench.sh
source "$HERE/../../scripts/install-workbench.sh"

OUT="$ROOT/.test-output/e2e"
STATE="$OUT/state"           # user data, extensions and XDG folders: fresh every run
WORKSPACE="$OUT/workspace"   # a copy, so that a test that edits files never touches examples/

prepare() {
  rm -rf "$OUT"
  mkdir -p "$OUT/shots"
  cp -r "$ROOT/examples" "$WORKSPACE"
  workbench_env "$STATE"
  seed_user_data "$STATE"
  install_vsix "$STATE"
}

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

# code-server runs in its own process group: stopping only its pid would leave its file watcher,
# the extension host and the language server running.
start_server() {
  PORT=${E2E_PORT:-$(free_port)}
  setsid "$CODE_SERVER" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
    --auth none --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    "$WORKSPACE" >"$OUT/code-server.log" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$SERVER_PID" 2>/dev/null && ((SECONDS < deadline)) || {
      tail -20 "$OUT/code-server.log" >&2
      log "code-server did not come up"
      exit 1
    }
    sleep 0.2
  done
}

stop_server() {
  kill -- -"$SERVER_PID" 2>/dev/null || true
}

# On failure, the extension's output channel is the first thing to read.
show_extension_output() {
  local file
  while IFS= read -r file; do
    log "output channel ${file#"$ROOT"/}:"
    tail -30 "$file" >&2
  done < <(find "$STATE/user-data/logs" -name '*netpol-lens*.log' 2>/dev/null)
}

main() {
  local started=$SECONDS
  install_workbench chromium
  ensure_node_modules
  package_extension
  prepare
  start_server
  log "workbench up on http://127.0.0.1:$PORT/ after $((SECONDS - started))s"
  local status=0
  node "$HERE/ui.test.mjs" "http://127.0.0.1:$PORT" "$WORKSPACE" "$OUT/shots" || status=$?
  ((status == 0)) || show_extension_output
  log "e2e finished in $((SECONDS - started))s"
  return "$status"
}

main "$@"
