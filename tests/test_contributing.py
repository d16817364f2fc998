"""CONTRIBUTING.md stays true to the tree: every file or folder of the repository it names in backticks exists
(issue 20: a newcomer finds any rule by the name of the file that holds it)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = {"liudong_wages", "cases", "enterprises", "funds", "reporting", "templates", "tests", "static", "bin"}
# A repository path in backticks: starts with a top-level folder, no placeholders (`<app>`, `…`).
PATH = re.compile(r"`([a-z_]+/[\w./-]*)`")


def named_paths() -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return sorted({path for path in PATH.findall(text) if path.split("/")[0] in TOP})


def test_every_path_contributing_names_exists():
    paths = named_paths()
    assert len(paths) > 80  # the table of the one shape names one example per app and concern
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert not missing, f"CONTRIBUTING.md names paths that do not exist: {missing}"
