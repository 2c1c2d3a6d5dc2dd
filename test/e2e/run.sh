#!/usr/bin/env bash
# `npm run test:e2e`: the packaged extension in a real VS Code workbench. Installs the .vsix into a
# fresh code-server, serves a scratch copy of examples/ on a free loopback port and drives it with
# headless Chromium (test/e2e/ui.test.mjs). Output, logs and screenshots: .test-output/e2e/.
set -euo pipefail
# A hung browser or server must not eat the CI budget: the whole run, installs included, gets
# E2E_TIMEOUT seconds. `timeout` signals this script, whose EXIT trap then stops code-server
# (which runs in its own session, out of timeout's reach).
if [ -z "${E2E_UNDER_TIMEOUT:-}" ]; then
  status=0
  E2E_UNDER_TIMEOUT=1 timeout --kill-after=30 "${E2E_TIMEOUT:-1500}" bash "$0" "$@" || status=$?
  ((status != 124)) || echo "e2e: timed out after ${E2E_TIMEOUT:-1500}s" >&2
  exit "$status"
fi
trap 'exit 143' TERM
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
  # A repository whose HEAD is the examples as shipped: the change impact compares against it.
  git -C "$WORKSPACE" init -q
  git -C "$WORKSPACE" add .
  git -C "$WORKSPACE" -c user.name=e2e -c user.email=e2e@localhost commit -qm examples
  workbench_env "$STATE"
  seed_user_data "$STATE"
  # A blinking cursor is, half the time, not on screen for the steps that find it.
  node -e '
    const fs = require("fs");
    const file = process.argv[1];
    const settings = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...settings, "editor.cursorBlinking": "solid" }, null, 2));
  ' "$STATE/user-data/User/settings.json"
  install_vsix "$STATE"
}

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
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
  local port=${E2E_PORT:-$(free_port)}
  trap stop_workbench EXIT
  serve_workbench "$STATE" "$port" "$WORKSPACE" "$OUT/code-server.log"
  log "workbench up on http://127.0.0.1:$port/ after $((SECONDS - started))s"
  local status=0
  node "$HERE/ui.test.mjs" "http://127.0.0.1:$port" "$WORKSPACE" "$OUT/shots" || status=$?
  ((status == 0)) || show_extension_output
  log "e2e finished in $((SECONDS - started))s"
  return "$status"
}

main "$@"
