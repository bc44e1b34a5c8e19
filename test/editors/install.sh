#!/usr/bin/env bash
# Installs what the other-editor suite needs on a fresh machine, idempotently: Debian's Neovim.
set -euo pipefail
if ! command -v nvim >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "test/editors/install.sh: apt-get install neovim"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq neovim >/dev/null
fi
