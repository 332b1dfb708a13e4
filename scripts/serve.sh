#!/usr/bin/env bash
# Sets up what is missing, then builds and serves the playground on
# http://127.0.0.1:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
