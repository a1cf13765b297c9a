#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when the machine lacks it. Playwright drives
# this browser (/usr/bin/chromium) instead of downloading its own, which needs a CDN.
set -euo pipefail

if command -v chromium >/dev/null; then
  exit 0
fi
echo "installing chromium from Debian" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "need root to install chromium; install it and run again" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
