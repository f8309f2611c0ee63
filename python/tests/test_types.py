"""The typed stubs: generated from the pinned devtools-protocol JSON and current, and mypy
accepts correct uses and rejects each misuse in tests/typing/uses.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
USES = HERE / "typing" / "uses.py"


@pytest.mark.skipif(not (ROOT / "node_modules" / "devtools-protocol").exists(),
                    reason="the pinned devtools-protocol JSON comes with npm install")
def test_the_committed_stubs_are_current() -> None:
    check = subprocess.run([sys.executable, str(ROOT / "python" / "tools" / "generate_types.py"),
                            "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.skipif(shutil.which("mypy") is None and not Path(sys.executable).with_name("mypy").exists(),
                    reason="mypy is installed by scripts/test-python.sh")
def test_mypy_accepts_good_uses_and_rejects_each_misuse(tmp_path: Path) -> None:
    marked = {i for i, line in enumerate(USES.read_text().splitlines(), 1) if line.endswith("# error")}
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path),
                          "--hide-error-context", "--no-error-summary", str(USES)],
                         capture_output=True, text=True, cwd=tmp_path)
    errors = {int(m.group(1)) for m in re.finditer(r"uses\.py:(\d+): error", run.stdout)}
    assert errors == marked, run.stdout
