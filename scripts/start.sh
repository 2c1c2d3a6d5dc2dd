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

main() {
  fail_if_port_taken
  install_workbench
  ensure_node_modules
  package_extension
  workbench_env "$STATE"
  # Seeded once, so that settings changed in the workbench survive the next `npm start`.
  [ -f "$STATE/user-data/User/settings.json" ] || seed_user_data "$STATE"
  install_vsix "$STATE"
  trap stop_workbench EXIT
  trap 'exit 130' INT TERM
  serve_workbench "$STATE" "$PORT" "$FOLDER" "$STATE/code-server.log"
  printf '\n  netpol-lens is running in VS Code (code-server), workspace examples/:\n\n      %s\n\n' "$URL"
  printf '  Server log: %s. Stop with Ctrl+C.\n\n' "${STATE#"$ROOT"/}/code-server.log"
  wait "$WORKBENCH_PGID"
}

main "$@"
