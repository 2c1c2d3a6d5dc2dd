#!/usr/bin/env bash
# `npm start`: builds and packages netpol-lens, installs the .vsix into a private code-server
# (a real VS Code workbench in the browser) and serves examples/ on http://127.0.0.1:$PORT.
# The first run installs Node 24 and code-server into .tools/ (about 3 minutes); later runs only
# rebuild the extension and reinstall it. Stop with Ctrl+C.
set -euo pipefail
# shellcheck source=install-workbench.sh
source "$(dirname "${BASH_SOURCE[0]}")/install-workbench.sh"

PORT=${PORT:-8080}
STATE="$TOOLS/start"         # user data, extensions and XDG folders of this workbench
FOLDER="$ROOT/examples"
URL="http://127.0.0.1:$PORT/"

fail_if_port_taken() {
  if curl -s -o /dev/null "$URL"; then
    log "something already answers on $URL; stop it or run with another PORT=..."
    exit 1
  fi
}

# code-server runs in its own process group: stopping only its pid would leave its file watcher
# and the extension host behind.
serve() {
  setsid "$CODE_SERVER" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
    --auth none --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    "$FOLDER" >"$STATE/code-server.log" 2>&1 &
  SERVER_PID=$!
  trap 'kill -- -$SERVER_PID 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
}

wait_until_up() {
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "${URL}healthz"; do
    kill -0 "$SERVER_PID" 2>/dev/null && ((SECONDS < deadline)) || {
      tail -20 "$STATE/code-server.log" >&2
      log "code-server did not come up"
      exit 1
    }
    sleep 0.2
  done
}

main() {
  fail_if_port_taken
  install_workbench
  ensure_node_modules
  package_extension
  workbench_env "$STATE"
  # Seeded once, so that settings changed in the workbench survive the next `npm start`.
  [ -f "$STATE/user-data/User/settings.json" ] || seed_user_data "$STATE"
  install_vsix "$STATE"
  serve
  wait_until_up
  printf '\n  netpol-lens is running in VS Code (code-server), workspace examples/:\n\n      %s\n\n' "$URL"
  printf '  Server log: %s. Stop with Ctrl+C.\n\n' "${STATE#"$ROOT"/}/code-server.log"
  wait "$SERVER_PID"
}

main "$@"
