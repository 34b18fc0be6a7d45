#!/usr/bin/env bash
# One command: set up, index seeds/, serve on http://127.0.0.1:8000 (offline answerer, local Chroma).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
exec .venv/bin/rag serve --index seeds --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
