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

pnpm install --frozen-lockfile
