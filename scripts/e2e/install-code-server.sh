#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench with a Node extension host) from the npm registry into a
# cache folder outside the repository, without any download from GitHub or Microsoft.
#   scripts/e2e/install-code-server.sh [DIR]   (default: $STRIDELINT_E2E_CACHE or ~/.cache/stridelint-e2e)
# Prints the path of the code-server binary on its last line. Re-running is a no-op once installed.
set -euo pipefail
VERSION=4.100.3   # the newest code-server on npm that declares Node 20 (VS Code 1.100.3)
CACHE=${1:-${STRIDELINT_E2E_CACHE:-$HOME/.cache/stridelint-e2e}}
DIR="$CACHE/code-server-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ -f "$DIR/.complete" ]; then echo "$BIN"; exit 0; fi

need_apt=()
for tool in rg:ripgrep krb5-config:libkrb5-dev g++:build-essential python3:python3; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need_apt+=("${tool#*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

rm -rf "$DIR" && mkdir -p "$DIR" && cd "$DIR"
echo '{"name":"stridelint-code-server","private":true}' > package.json
# Scripts off: its postinstall refuses root and downloads ripgrep from GitHub; we do its steps by hand.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION" >&2
export npm_config_nodedir=/usr npm_config_yes=true npm_config_unsafe_perm=true
npm rebuild argon2 --loglevel=error >&2
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --loglevel=error >&2   # node-pty, spdlog, kerberos, … built against the local Node headers
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error >&2)
touch "$DIR/.complete"
echo "$BIN"
