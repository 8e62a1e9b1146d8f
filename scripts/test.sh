#!/usr/bin/env bash
# Run the whole test suite: lint, types, and pytest on SQLite and PostgreSQL, with the browser
# tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# need VAR SCRIPT WHAT: set VAR to what SCRIPT prints (it installs and starts the service);
# CI must have it, a laptop skips the tests that need it.
need() {
  local var="$1" script="$2" what="$3" value
  if [ -n "${!var:-}" ]; then return; fi
  if value="$(bash "$script")"; then
    export "$var=$value"
  elif [ -n "${CI:-}" ]; then
    echo "$what could not be installed or started; CI needs it." >&2; exit 1
  else
    echo "warning: no $what; the tests that need it will be skipped" >&2
  fi
}
need LAGEBILD_TEST_PG_URL scripts/postgres.sh PostgreSQL
need LAGEBILD_CHROMIUM scripts/chromium.sh Chromium
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/pytest "$@"
