"""The README's Python blocks are the examples, and so run as written."""

from pathlib import Path

from conftest import EXAMPLES

README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks() -> "list[str]":
    parts = README.read_text().split("```python\n")[1:]
    return [part.split("```", 1)[0].strip() for part in parts]


def test_the_readme_shows_the_seed_examples_as_they_are() -> None:
    examples = [(EXAMPLES / name).read_text().strip() for name in ("seed_async.py", "seed_sync.py")]
    assert python_blocks() == examples
