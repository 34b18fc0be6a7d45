#!/usr/bin/env bash
# One command: set up, run the test suite, then the evaluation regression gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/ruff check rag api eval tests bench
.venv/bin/mypy rag api eval
.venv/bin/python -m pytest -q "$@"
# The gate: a fresh index of seeds/, every gold question, headline metrics against the committed baseline.
gate_home="$(mktemp -d)"
trap 'rm -rf "$gate_home"' EXIT
RAG_HOME="$gate_home" .venv/bin/rag eval --baseline eval/baseline.json --fail-on-regression --out "$gate_home/runs"
