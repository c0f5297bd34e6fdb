#!/usr/bin/env bash
# Installs what Heard's development needs on a machine that has only Node and npm: pnpm
# (through corepack, pinned in package.json), a Chromium for browser tests when no Chrome
# is found, and the workspace's packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# Test tools must use the system's browser, never download their own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: enabling pnpm through corepack"
  corepack enable pnpm 2>/dev/null || as_root corepack enable pnpm
fi

find_chrome() {
  if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then return 0; fi
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$candidate" >/dev/null 2>&1 && return 0
  done
  return 1
}

if ! find_chrome; then
  echo "setup: no Chrome or Chromium found; installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The collector's tests run against a real PostgreSQL, which they start themselves.
find_postgres() {
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if ! find_postgres; then
  echo "setup: no PostgreSQL server found; installing Debian's postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# better-sqlite3 compiles against the installed Node's headers when they are present.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

pnpm install --frozen-lockfile
