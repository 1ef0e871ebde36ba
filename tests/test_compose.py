"""compose.yaml, checked without a Docker engine: every name it uses exists and every command is the CLI's."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from bot.cli import build_parser
from bot.config import Secrets, Settings, load_settings
from tests.test_docker import env_of, final_stage

ROOT = Path(__file__).parents[1]
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?P<rule>:?[-?][^}]*)?\}")
# What the bot reads from its environment: the secrets and the config file's path.
BOT_VARIABLES = {name.upper() for name in Secrets.model_fields} | {"SERIESBOT_CONFIG"}


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8")))


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def interpolate(value: str, env: dict[str, str]) -> str:
    """Substitute ${NAME}, ${NAME:-default} and ${NAME:?error} as docker compose does."""
    def substitute(match: re.Match[str]) -> str:
        name, rule = match.group("name"), match.group("rule") or ""
        if env.get(name):
            return env[name]
        if rule.startswith((":?", "?")):
            raise ValueError(f"{name} is required: {rule.lstrip(':?')}")
        return rule[2:] if rule.startswith(":-") else rule[1:]

    return VARIABLE.sub(substitute, value)


def bots(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: service for name, service in spec["services"].items() if "build" in service}


def test_every_variable_comes_from_the_env_file_the_operator_writes() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    used = {match.group("name") for match in VARIABLE.finditer(text)}
    assert used == set(env_example()), "compose.yaml and .env.example must name the same variables"
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    with pytest.raises(ValueError, match="POSTGRES_PASSWORD is required"):
        interpolate(text, env_example())  # the example as shipped has no password: compose refuses to start


def test_services_volumes_and_health_checks_fit_together() -> None:
    spec = compose()
    services = spec["services"]
    replicas = bots(spec)
    assert len(replicas) == 2
    (database,) = [name for name, service in services.items() if str(service.get("image", "")).startswith("postgres")]
    db = services[database]
    assert db["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    probe = db["healthcheck"]["test"][2:]
    assert probe == ["-U", db["environment"]["POSTGRES_USER"], "-d", db["environment"]["POSTGRES_DB"]]

    declared = set(spec["volumes"])
    named = set()
    for name, service in services.items():
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown service {dependency}"
            assert condition == {"condition": "service_healthy"}
            assert "healthcheck" in services[dependency]
        for mount in service.get("volumes", []):
            source, target = mount.split(":")[:2]
            if source.startswith((".", "/")):
                assert (ROOT / source).is_dir(), f"{name} mounts {source}, which does not exist"
            else:
                named.add(source)
            assert target.startswith("/")
    assert named == declared and named, "every named volume is declared, and every declared one is used"
    assert any(mount.startswith("pgdata:/var/lib/postgresql/data") for mount in db["volumes"])

    image_env = env_of(final_stage())
    config_dir = str(PurePosixPath(image_env["SERIESBOT_CONFIG"]).parent)
    for name, service in replicas.items():
        assert (ROOT / service["build"] / "Dockerfile").is_file()
        assert service["depends_on"] == {database: {"condition": "service_healthy"}}
        assert service["healthcheck"]["test"] == ["CMD", "python", "-m", "bot.healthcheck"]
        assert importlib.util.find_spec("bot.healthcheck") is not None
        mounts = {mount.split(":")[1]: mount.split(":")[0] for mount in service["volumes"]}
        assert mounts.get(config_dir) == "./config", f"{name} must mount ./config over the image's {config_dir}"
        assert set(service["environment"]) <= BOT_VARIABLES, f"{name} sets variables the bot never reads"


def replica_settings(spec: dict[str, Any], name: str) -> tuple[Settings, list[str]]:
    """Return the settings a replica starts with and its command line, as the container would see them."""
    service = bots(spec)[name]
    filled = {**env_example(), "POSTGRES_PASSWORD": "s3cret"}
    env = {key: interpolate(str(value), filled) for key, value in service["environment"].items()}
    program, *argv = service["command"]
    assert program == "seriesbot"
    args = build_parser().parse_args(argv)
    assert args.command == "run"
    settings = load_settings(ROOT / "config" / "seriesbot.toml", env=env)
    return settings.with_shards(args.shard_count, args.shard_ids), argv


def test_replicas_run_the_cli_on_the_shared_database_and_split_the_discord_shards() -> None:
    spec = compose()
    db = next(service for service in spec["services"].values() if "pg_isready" in str(service.get("healthcheck")))
    database = next(name for name, service in spec["services"].items() if service is db)
    shards: list[int] = []
    counts = set()
    for name in bots(spec):
        settings, _argv = replica_settings(spec, name)
        url = make_url(settings.store_url)
        assert (url.drivername, url.host, url.port) == ("postgresql+asyncpg", database, 5432)
        assert (url.username, url.database, url.password) == (
            db["environment"]["POSTGRES_USER"], db["environment"]["POSTGRES_DB"], "s3cret")
        assert settings.file.http.enabled
        counts.add(settings.file.discord.shard_count)
        shards += settings.file.discord.shard_ids or []
    (count,) = counts
    assert count is not None and sorted(shards) == list(range(count)), "each shard in exactly one replica"
