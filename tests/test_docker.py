"""The Docker image, read from its Dockerfile (no engine here): config rules, health asks the running bot."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.engine import make_url

from bot.cli import build_parser
from bot.config import load_settings
from bot.health import serve

ROOT = Path(__file__).parents[1]


def instructions(text: str) -> list[tuple[str, str]]:
    """Return (INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole = pending + stripped
        pending = ""
        keyword, _, rest = whole.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def final_stage() -> list[tuple[str, str]]:
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    last_from = max(index for index, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in stage:
        if keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def exec_form(rest: str) -> list[str]:
    assert rest.startswith("["), f"use the exec form, not a shell string: {rest}"
    return list(json.loads(rest))


def test_the_image_sets_no_database_url_so_the_mounted_config_rules() -> None:
    every_stage = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert "SERIESBOT_DATABASE_URL" not in env_of(every_stage)
    env = env_of(final_stage())
    config_path = PurePosixPath(env["SERIESBOT_CONFIG"])
    copies = [rest.split() for keyword, rest in final_stage() if keyword == "COPY" and "--from" not in rest]
    assert ["config", str(config_path.parent)] in copies
    shipped = load_settings(ROOT / "config" / config_path.name, env={})
    assert shipped.store_url == shipped.file.store.url  # nothing in the image overrides it
    # An operator who wants another database still can, by setting the variable themselves.
    assert load_settings(ROOT / "config" / config_path.name,
                         env={"SERIESBOT_DATABASE_URL": "postgresql://db/x"}).store_url == "postgresql://db/x"


def test_the_shipped_sqlite_file_lands_in_the_volume() -> None:
    stage = final_stage()
    workdir = PurePosixPath([rest for keyword, rest in stage if keyword == "WORKDIR"][-1])
    volumes = [PurePosixPath(path) for keyword, rest in stage if keyword == "VOLUME" for path in json.loads(rest)]
    links = {}
    for keyword, rest in stage:
        if keyword == "RUN":
            for command in rest.split("&&"):
                words = command.split()
                if words[:2] == ["ln", "-s"]:
                    links[PurePosixPath(words[3])] = PurePosixPath(words[2])
    shipped = load_settings(ROOT / "config" / "seriesbot.toml", env={})
    database = PurePosixPath(make_url(shipped.store_url).database or "")
    assert not database.is_absolute()
    folder = workdir / database.parent
    resolved = links.get(folder, folder) / database.name
    assert any(volume in resolved.parents for volume in volumes), f"{resolved} is not in a volume {volumes}"


def test_the_health_check_asks_the_running_bot_whose_health_server_is_on() -> None:
    stage = final_stage()
    (check,) = [rest for keyword, rest in stage if keyword == "HEALTHCHECK"]
    options, _, command = check.partition("CMD ")
    assert "--interval=" in options and "--timeout=" in options
    assert exec_form(command) == ["python", "-m", "bot.healthcheck"]
    assert importlib.util.find_spec("bot.healthcheck") is not None
    assert load_settings(ROOT / "config" / "seriesbot.toml", env={}).file.http.enabled is True
    (cmd,) = [rest for keyword, rest in stage if keyword == "CMD"]
    program, *argv = exec_form(cmd)
    assert program == "seriesbot" and build_parser().parse_args(argv).command == "run"


def healthcheck(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SERIESBOT_CONFIG": str(config)}
    env.pop("SERIESBOT_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "bot.healthcheck"], capture_output=True, text=True, env=env,
                          timeout=30, check=False)


async def test_the_health_check_command_reports_what_the_bot_says(services: Any, tmp_path: Path) -> None:
    runner, port = await serve(services.health, "127.0.0.1", 0)
    config = tmp_path / "health.toml"
    config.write_text(f'[http]\nenabled = true\nhost = "0.0.0.0"\nport = {port}\n', encoding="utf-8")
    try:
        healthy = await asyncio.to_thread(healthcheck, config)
        assert healthy.returncode == 0 and f"http://127.0.0.1:{port}/healthz: HTTP 200" in healthy.stdout
        services.health.connections["discord"] = lambda: False
        down = await asyncio.to_thread(healthcheck, config)
        assert down.returncode == 1 and "HTTP 503" in down.stderr and '"discord": false' in down.stderr
    finally:
        await runner.cleanup()
    gone = await asyncio.to_thread(healthcheck, config)
    assert gone.returncode == 1 and f"127.0.0.1:{port}/healthz" in gone.stderr
    config.write_text("[http]\nenabled = false\n", encoding="utf-8")
    off = await asyncio.to_thread(healthcheck, config)
    assert off.returncode == 1 and "http.enabled is false" in off.stderr
