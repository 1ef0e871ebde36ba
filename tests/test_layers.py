"""The house rules that imports alone can break: adapters never import the composition root."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).parent.parent / "bot"
# The composition root and the entry points built on it (the command line, python -m bot, the demo).
ROOT_MODULES = {"bot.app", "bot.demo", "bot.__main__"}


def is_root(module: str) -> bool:
    """Tell whether a module is the root or an entry point (bot.cli and its bot.cli_* helpers)."""
    return module in ROOT_MODULES or module == "bot.cli" or module.startswith("bot.cli_")


def imported(path: Path) -> set[str]:
    """Return every bot module a file imports, at the top, under TYPE_CHECKING or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("bot")}


def test_no_adapter_or_core_module_imports_the_composition_root() -> None:
    offenders = {}
    for path in sorted(BOT.rglob("*.py")):
        module = ".".join(path.relative_to(BOT.parent).with_suffix("").parts)
        if is_root(module) or "migrations" in path.parts:
            continue
        found = {name for name in imported(path) if is_root(name)}
        if found:
            offenders[module] = sorted(found)
    assert offenders == {}


def test_both_adapters_have_the_same_shape() -> None:
    shape = {"client.py", "commands.py", "render.py", "sender.py", "runner.py"}
    for adapter in ("discord", "slack"):
        assert shape <= {path.name for path in (BOT / adapter).glob("*.py")}, adapter
