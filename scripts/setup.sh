#!/usr/bin/env bash
# Creates .venv in the repo root and installs the package with its dev extras, CPU torch first.
# Re-running is cheap: it reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  # The CPU wheel of this exact torch is what the machine provides; any other request pulls CUDA builds.
  .venv/bin/python -m pip install -q torch==2.13.0
  .venv/bin/python -m pip install -q -e '.[dev]'
  .venv/bin/python -m pip check
  rm -f .venv/.installed-*
  touch "$stamp"
fi
