#!/usr/bin/env bash
# The Python tests: a venv under target/ (never in the repository), maturin, pytest and mypy
# from PyPI, `pip install ./python` (builds the extension from source), then pytest on real
# Chromium. `--skip-without-python3` (npm test) passes when there is no python3 to test with.
set -euo pipefail
cd "$(dirname "$0")/.."
skip_without_python3=false
if [ "${1:-}" = "--skip-without-python3" ]; then
  skip_without_python3=true
  shift
fi

if ! command -v python3 >/dev/null; then
  if $skip_without_python3; then
    echo "test-python: no python3 on PATH, the Python tests are skipped"
    exit 0
  fi
  echo "test-python: python3 is needed" >&2
  exit 1
fi

venv=target/pyvenv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# The venv's maturin, pytest and mypy come first on PATH (the build backend runs `maturin`).
export PATH="$PWD/$venv/bin:$PATH"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install "maturin>=1.16,<2" pytest mypy
# The build backend is the one just installed, so a fresh clone needs nothing else.
"${pip[@]}" install --no-build-isolation --force-reinstall --no-deps ./python
# From python/, where `pytest` (not `python -m pytest`) does not put the source folder on
# sys.path: the tests use the installed package.
cd python
exec "../$venv/bin/pytest" -q "$@"
