#!/usr/bin/env bash
# Installs what the real-VS-Code suites need on a fresh machine, idempotently:
#   - Debian packages: chromium (Playwright drives it), ripgrep (seeds @vscode/ripgrep, which would download from
#     GitHub), libkrb5-dev (kerberos builds from source when its prebuilt binary cannot be fetched);
#   - code-server (real VS Code) pinned in test/e2e/code-server.package.json, in .vscode-test/code-server/
#     (git-ignored, its own package.json, so neither the extension's dependencies nor the .vsix see it).
# Recipe and pitfalls: shared/reference/real-vscode-e2e.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="$ROOT/.vscode-test"
CS="$W/code-server"
PINNED="$ROOT/test/e2e/code-server.package.json"
VERSION="$(node -p "require('$PINNED').dependencies['code-server']")"

# npm 11.19's install-script policy is advisory (measured): code-server's postinstall runs nested `npm install`s in
# lib/vscode whose package.json has no allowScripts, so npm lists their native modules as "not yet covered" but
# still builds them. A stricter npm would skip them silently: check the pieces VS Code cannot start without.
verify_native_modules() {
  local vs="$CS/node_modules/code-server/lib/vscode/node_modules" f
  for f in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node @vscode/ripgrep/bin/rg; do
    [ -e "$vs/$f" ] || {
      echo "install.sh: $vs/$f is missing: code-server's native modules were not built (install scripts blocked?)." >&2
      echo "install.sh: see $W/install.log; with an npm that enforces allowScripts, rerun with npm_config_dangerously_allow_all_scripts=true." >&2
      exit 1
    }
  done
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)   # run.mjs lists the .vsix's files
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  echo "install.sh: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

installed="$(node -p "try{require('$CS/node_modules/code-server/package.json').version}catch{''}" 2>/dev/null || true)"
if [ "$installed" = "$VERSION" ] && [ -x "$CS/node_modules/.bin/code-server" ] \
   && [ -d "$CS/node_modules/code-server/lib/vscode/node_modules" ]; then
  verify_native_modules
  echo "install.sh: code-server $VERSION already installed"
  exit 0
fi

echo "install.sh: installing code-server $VERSION into $CS (about 2 minutes of native builds)"
mkdir -p "$CS" "$W/xdg/config" "$W/xdg/data" "$W/xdg/cache" "$W/tmp"
cp "$PINNED" "$CS/package.json"
# Keep code-server's files out of $HOME.
export XDG_CONFIG_HOME="$W/xdg/config" XDG_DATA_HOME="$W/xdg/data" XDG_CACHE_HOME="$W/xdg/cache" TMPDIR="$W/tmp"
# @vscode/ripgrep's install step downloads a release from GitHub: seed its cache with Debian's rg instead.
for v in 1.15.11 1.15.10 1.15.9; do
  d="$TMPDIR/vscode-ripgrep-cache-$v"; mkdir -p "$d/x"; cp "$(command -v rg)" "$d/x/rg"
  for t in ripgrep-v13.0.0-10-x86_64-unknown-linux-musl ripgrep-v13.0.0-13-x86_64-unknown-linux-musl; do
    tar czf "$d/$t.tar.gz" -C "$d/x" rg
  done
done
# npm_config_yes: node-pty's install runs `npx node-gyp`, which an npmrc with yes=false cancels.
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# Install scripts: the allowScripts field of the pinned package.json approves code-server's own postinstall and
# its native modules (npm 11's policy; --allow-scripts is refused in project-scoped installs).
cd "$CS"
start=$(date +%s)
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --foreground-scripts --loglevel=warn >"$W/install.log" 2>&1 || {
    echo "install.sh: npm install of code-server failed; last lines of $W/install.log:" >&2
    tail -40 "$W/install.log" >&2
    exit 1
  }
echo "install.sh: code-server $VERSION installed in $(( $(date +%s) - start )) s (log: $W/install.log)"
verify_native_modules
