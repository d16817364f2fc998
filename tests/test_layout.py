"""The project's layout, checked by reading the source (STYLE.md, "One shape for every app"; issue 20).

- Imports flow one way: `liudong_wages` <- `enterprises` <- `cases` <- `funds` <- `reporting`. An app may import
  the apps to its left, never one to its right (not even inside a function).
- No module imports a `tasks` module inside a function to dodge a cycle: a job imports its service in its body,
  and the service imports the job at its top.
- A module over 400 lines says at its top why it stays whole ("Over 400 lines: ..."), or is split.
- Nothing imports another module's `_private` name (`from .case import _event`, or `case._event` through an
  imported module): a helper two modules share is public and lives where both can see it.

Migrations are left out: Django writes them and they name what the models named at the time.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("liudong_wages", "enterprises", "cases", "funds", "reporting")  # left to right
RANK = {app: rank for rank, app in enumerate(APPS)}

# Known breaches (issue 20 removed the last ones): a pair here would excuse a module while another session fixes
# it. Never add one for `reporting`. (importing module, module whose private names it uses):
KNOWN_PRIVATE: set[tuple[str, str]] = set()
KNOWN_DIRECTION: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Use:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    name: str | None  # the name taken from it, or None for the module itself
    line: int


def _modules() -> list[tuple[str, Path]]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _uses(module: str, path: Path) -> list[Use]:
    """Every import of the module, and every `alias._name` read through a module it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    uses: list[Use] = []
    module_names: dict[str, str] = {}  # local name -> the module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                uses.append(Use(module, alias.name, None, node.lineno))
                if alias.asname:
                    module_names[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, path, node)
            for alias in node.names:
                if _is_module(f"{target}.{alias.name}"):
                    uses.append(Use(module, f"{target}.{alias.name}", None, node.lineno))
                    module_names[alias.asname or alias.name] = f"{target}.{alias.name}"
                else:
                    uses.append(Use(module, target, alias.name, node.lineno))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_names
        ):
            uses.append(Use(module, module_names[node.value.id], node.attr, node.lineno))
    return uses


def _private(name: str | None) -> bool:
    return bool(name) and name.startswith("_") and not name.startswith("__")


MODULES = _modules()
USES = [use for module, path in MODULES for use in _uses(module, path)]


def test_the_layout_test_sees_every_app():
    assert {module.split(".")[0] for module, _ in MODULES} == set(APPS)
    assert len(USES) > 500


def test_no_app_imports_an_app_to_its_right():
    wrong = sorted(
        f"{use.module}:{use.line} imports {use.target}"
        for use in USES
        if use.target.split(".")[0] in RANK
        and RANK[use.target.split(".")[0]] > RANK[use.module.split(".")[0]]
        and (use.module, use.target) not in KNOWN_DIRECTION
    )
    assert not wrong, "\n".join(wrong)


def test_no_module_uses_another_modules_private_name():
    wrong = sorted(
        f"{use.module}:{use.line} uses {use.target}.{use.name}"
        for use in USES
        if _private(use.name)
        and use.target != use.module
        and use.target.split(".")[0] in RANK
        and (use.module, use.target) not in KNOWN_PRIVATE
    )
    assert not wrong, "\n".join(wrong)


def test_only_jobs_import_inside_a_function_what_imports_them():
    wrong = []
    for module, path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    targets = [_absolute(module, path, node)]
                    targets += [f"{targets[0]}.{alias.name}" for alias in node.names]
                elif isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                else:
                    continue
                if any(
                    target.split(".")[-1] == "tasks" and target.split(".")[0] in RANK for target in targets
                ):
                    wrong.append(f"{module}:{node.lineno} imports {targets[0]} inside {function.name}()")
    assert not wrong, "\n".join(wrong)


def test_a_module_over_400_lines_says_why_it_stays_whole():
    unexplained = []
    for module, path in MODULES:
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > 400 and "over 400 lines" not in " ".join(lines[:5]).lower():
            unexplained.append(f"{module}: {len(lines)} lines")
    assert not unexplained, "\n".join(unexplained)
