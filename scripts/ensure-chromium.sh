#!/usr/bin/env bash
# Make sure headless Chromium and its WebDriver are installed for the browser tests (tests/web).
#
#   1. chromium and chromedriver are on PATH     -> do nothing
#   2. otherwise                                 -> apt-get install Debian's chromium + chromium-driver
#
# Prints what it did. The browser tests find the binaries on PATH (or SITROOM_CHROMIUM /
# SITROOM_CHROMEDRIVER) and skip, saying why, when there are none.
set -euo pipefail

have() {
  command -v "${SITROOM_CHROMIUM:-chromium}" >/dev/null 2>&1 &&
    command -v "${SITROOM_CHROMEDRIVER:-chromedriver}" >/dev/null 2>&1
}

if have; then
  echo "ensure-chromium: $("${SITROOM_CHROMIUM:-chromium}" --version 2>/dev/null | head -1) is installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no chromium and no apt-get; the browser tests will skip" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
if have; then
  echo "ensure-chromium: $(chromium --version 2>/dev/null | head -1) installed"
else
  echo "ensure-chromium: the install finished but chromium/chromedriver are not on PATH" >&2
  exit 1
fi
