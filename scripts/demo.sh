#!/usr/bin/env bash
# Set everything up and run the main job on the bundled (fictional) demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/lagebild demo "$@"
