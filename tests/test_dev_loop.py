"""The test commands: CI runs the README's full `make test`, `make check` is the fast loop without slow tests."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def recipe(target: str) -> list[list[str]]:
    """Return the command lines of a Makefile target, as argument lists with $(BIN)/ dropped."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.M)
    assert found, f"no `{target}` target"
    return [shlex.split(line.strip().replace("$(BIN)/", "")) for line in found.group(1).splitlines()]


def prerequisites(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:([^\n]*)$", text, re.M)
    assert found
    return found.group(1).split()


def test_ci_runs_exactly_the_readme_test_command_which_runs_everything() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(make \w+)` is the test command", readme)
    assert command, "the README names the test command"
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci == [command.group(1)]
    assert recipe("test") == [["pytest", "-q"]] and prerequisites("test") == ["lint"]


def test_make_check_is_lint_and_every_test_not_marked_slow() -> None:
    assert prerequisites("check") == ["lint"]
    assert recipe("check") == [["pytest", "-q", "-m", "not slow"]]
    assert "make check" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["test_crash", "test_scale_out", "test_follow_crash", "test_cli_enrich",
                                    "test_enrich_ratelimit"])
def test_the_harnesses_are_marked_slow(module: str) -> None:
    imported = __import__(f"tests.{module}", fromlist=["pytestmark"])
    marks = getattr(imported, "pytestmark", [])
    marks = marks if isinstance(marks, list) else [marks]
    assert any(mark.name == "slow" for mark in marks)
