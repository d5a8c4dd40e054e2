# Sourced by the thin wrappers that keep the seed guides' script names (db-backup, sync-staging-db,
# db-migrate, db-health): runs scripts/nightshift with $NIGHTSHIFT_CONFIG (if set) and the given command.
# shellcheck shell=bash
set -euo pipefail
wrapper_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

run_nightshift() {
  local config=()
  if [ -n "${NIGHTSHIFT_CONFIG:-}" ]; then
    config=(--config "$NIGHTSHIFT_CONFIG")
  fi
  exec "$wrapper_dir/nightshift" "${config[@]}" "$@"
}

require_env() {
  if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
    echo "usage: $(basename "$0") ENV [options]   (options: see the nightshift command it runs, with --help)" >&2
    exit 2
  fi
}
