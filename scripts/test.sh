#!/usr/bin/env bash
# Run the whole test suite: lint, types, and pytest on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${LAGEBILD_TEST_PG_URL:-}" ]; then
  if url="$(bash scripts/postgres.sh)"; then
    export LAGEBILD_TEST_PG_URL="$url"
  elif [ -n "${CI:-}" ]; then
    echo "PostgreSQL could not be installed or started; CI needs it." >&2; exit 1
  else
    echo "warning: no PostgreSQL; the postgres tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/pytest "$@"
