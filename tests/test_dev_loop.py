"""The test commands: CI runs the README's full `make test`, `make check` is the fast loop without slow tests."""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL

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


def test_make_check_is_lint_beside_every_test_not_marked_slow_on_a_worker_per_core() -> None:
    ((make, *flags, lint, quick),) = recipe("check")
    assert make == "$(MAKE)" and "-j2" in flags and (lint, quick) == ("lint", "quick")
    assert recipe("quick") == [["pytest", "-q", "-m", "not slow", "-n", "auto"]]
    assert any(need.startswith("pytest-xdist") for need in tomllib.loads(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["dev"])
    assert "make check" in (ROOT / "README.md").read_text(encoding="utf-8")


async def test_each_xdist_worker_empties_a_postgres_database_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.engine import make_url

    import tests.conftest as shared

    monkeypatch.setattr(shared, "_worker_database", [])
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    alone, problem = await shared.worker_postgres()
    if problem:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)(problem)
    assert alone == shared.POSTGRES_URL
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw7")
    worker, problem = await shared.worker_postgres()
    assert problem is None
    assert make_url(worker).database == f"{make_url(shared.POSTGRES_URL).database}_gw7"
    assert await shared.worker_postgres() == (worker, None)
    await drop_database(worker)


async def drop_database(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.engine import normalise_url

    engine = create_async_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))
    finally:
        await engine.dispose()


@pytest.mark.parametrize("module", ["test_crash", "test_scale_out", "test_follow_crash", "test_cli_enrich",
                                    "test_enrich_ratelimit"])
def test_the_harnesses_are_marked_slow(module: str) -> None:
    imported = __import__(f"tests.{module}", fromlist=["pytestmark"])
    marks = getattr(imported, "pytestmark", [])
    marks = marks if isinstance(marks, list) else [marks]
    assert any(mark.name == "slow" for mark in marks)
