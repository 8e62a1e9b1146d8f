#!/usr/bin/env bash
# Install Debian's Chromium if needed (for the browser tests, driven by Playwright with
# executable_path) and print its path. Used by scripts/test.sh.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
path="$(command -v chromium || true)"
if [ -z "$path" ]; then
  echo "installing Chromium from Debian packages..." >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >&2
  path="$(command -v chromium)"
fi
echo "$path"
