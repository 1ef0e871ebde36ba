"""Configuration: defaults in code, errors that name the key, secrets from the environment."""

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.config import ConfigError, FeedSettings, FileSettings, load_settings, parse_duration


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_file_gives_every_default(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""), env={})
    assert settings.file.poll.interval == 600
    assert settings.file.fetch.max_body == 5 * 1024 * 1024
    assert settings.file.fetch.allow_private_networks is False
    assert settings.store_url == "sqlite+aiosqlite:///data/seriesbot.db"
    assert settings.file.feeds == []
    assert settings.console_active and not settings.discord_active and not settings.slack_active


SHIPPED = Path(__file__).parents[1] / "config" / "seriesbot.toml"


def test_the_shipped_file_is_valid_and_lists_starter_feeds() -> None:
    settings = load_settings(SHIPPED, env={})
    feeds = settings.file.feeds
    assert len(feeds) >= 5
    names = [feed.name for feed in feeds]
    assert all(names) and len(set(names)) == len(names), "each starter feed has its own name"
    assert len({feed.url for feed in feeds}) == len(feeds), "no feed is listed twice"
    assert all(feed.url.startswith("https://") for feed in feeds)
    # `make run` needs no token: every starter feed prints to the console, which is on when no platform runs.
    assert all(feed.to == ["console"] for feed in feeds)
    assert settings.console_active and not settings.discord_active and not settings.slack_active
    with_token = load_settings(SHIPPED, env={"DISCORD_TOKEN": "t"})
    assert with_token.discord_active and not with_token.console_active


def test_the_shipped_file_documents_every_key() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    for name, field in FileSettings.model_fields.items():
        if name == "feeds":
            continue
        section = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
        assert section, f"the shipped file has no [{name}] section"
        model = field.annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        for key in model.model_fields:
            assert re.search(rf"^#? ?{key} = ", section.group(1), re.M), f"{name}.{key} is not in the shipped file"
    comments = text[:text.index("[[feeds]]")].rstrip().rsplit("\n\n", 1)[-1]
    for key in FeedSettings.model_fields:
        assert re.search(rf"\b{key}\b", comments), f"the [[feeds]] comment does not name {key}"


@pytest.mark.parametrize(("text", "named"), [
    ("[poll]\nintervall = '5m'\n", "poll.intervall: unknown key"),
    ("[poll]\ninterval = 'soon'\n", "poll.interval"),
    ("[fetch]\nmax_body = 'big'\n", "fetch.max_body"),
    ("[[feeds]]\nurl = 'ftp://example.com/feed'\n", "feeds.0.url"),
    ("[[feeds]]\nurl = 'https://example.com/rss'\nto = ['irc:#tv']\n", "feeds.0.to"),
    ("[colour]\nx = 1\n", "colour: unknown key"),
])
def test_errors_name_the_key(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), env={})
    assert named in str(caught.value)
    assert str(tmp_path / "c.toml") in str(caught.value)


def test_invalid_toml_and_missing_file_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[poll\n"), env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml", env={})


def test_environment_supplies_secrets_and_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, "[console]\nenabled = 'auto'\n")
    settings = load_settings(env={"SERIESBOT_CONFIG": str(path), "DISCORD_TOKEN": "x",
                                  "SERIESBOT_DATABASE_URL": "postgresql+asyncpg://db/seriesbot"})
    assert settings.source == str(path)
    assert settings.discord_active and not settings.console_active
    assert settings.store_url == "postgresql+asyncpg://db/seriesbot"


@pytest.mark.parametrize(("value", "seconds"), [("90s", 90), ("10m", 600), ("2h", 7200), ("1d", 86400), (30, 30)])
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["-5m", "0s", "ten minutes", True])
def test_bad_durations(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)


@pytest.mark.parametrize(("section", "old", "meaning"), [
    ("console", "true", "on"), ("console", "false", "off"),
    ("discord", "true", "auto"), ("discord", "false", "off"),
    ("slack", "true", "auto"), ("slack", "false", "off"),
])
def test_every_enabled_takes_auto_on_off_and_old_booleans_keep_their_meaning(tmp_path: Path, section: str, old: str,
                                                                            meaning: str) -> None:
    settings = load_settings(write(tmp_path, f"[{section}]\nenabled = {old}\n"), env={})
    assert getattr(settings.file, section).enabled == meaning
    (notice,) = settings.notices
    assert f'{section}.enabled = {old} is deprecated and read as "{meaning}"' in notice
    for value in ("auto", "on", "off"):
        assert getattr(load_settings(write(tmp_path, f"[{section}]\nenabled = '{value}'\n"), env={}).file,
                       section).enabled == value
    with pytest.raises(ConfigError, match=f"{section}.enabled"):
        load_settings(write(tmp_path, f"[{section}]\nenabled = 'yes'\n"), env={})


@pytest.mark.parametrize(("written", "read", "asked_with_key"), [
    ("'auto'", "auto", True), ("'on'", "on", True), ("'off'", "off", False), ("true", "on", True),
    ("false", "off", False),
])
def test_enrich_tmdb_takes_auto_on_off_like_every_switch(tmp_path: Path, written: str, read: str,
                                                          asked_with_key: bool) -> None:
    path = write(tmp_path, f"[enrich]\ntmdb = {written}\n")
    settings = load_settings(path, env={"TMDB_API_KEY": "k"})
    assert settings.file.enrich.tmdb == read and settings.tmdb_active is asked_with_key
    assert not load_settings(path, env={}).tmdb_active
    if written in ("true", "false"):
        (notice,) = settings.notices
        assert f'enrich.tmdb = {written} is deprecated and read as "{read}"' in notice
    else:
        assert settings.notices == ()


def test_platform_switches_decide_what_runs(tmp_path: Path) -> None:
    tokens = {"DISCORD_TOKEN": "d", "SLACK_BOT_TOKEN": "s"}
    auto = load_settings(write(tmp_path, ""), env=tokens)
    assert auto.discord_active and auto.slack_active and not auto.console_active and auto.missing_tokens() == []
    off = load_settings(write(tmp_path, "[discord]\nenabled = 'off'\n[console]\nenabled = 'on'\n"), env=tokens)
    assert not off.discord_active and off.slack_active and off.console_active
    required = load_settings(write(tmp_path, "[discord]\nenabled = 'on'\n[slack]\nenabled = 'on'\n"), env={})
    assert required.missing_tokens() == ['discord.enabled is "on" but DISCORD_TOKEN is not set',
                                         'slack.enabled is "on" but SLACK_BOT_TOKEN is not set']
    assert not required.discord_active and required.console_active


def test_tmdb_on_needs_its_key_and_auto_does_not(tmp_path: Path) -> None:
    on = write(tmp_path, "[enrich]\ntmdb = 'on'\n")
    [problem] = load_settings(on, env={}).missing_tokens()
    assert problem.startswith('enrich.tmdb is "on" but TMDB_API_KEY is not set: set TMDB_API_KEY')
    assert load_settings(on, env={}).missing_tokens(platforms=False) == [problem]
    assert load_settings(on, env={"TMDB_API_KEY": "k"}).missing_tokens() == []
    assert load_settings(write(tmp_path, "[enrich]\ntmdb = 'auto'\n"), env={}).missing_tokens() == []


def test_shards_from_the_command_line_override_the_file_and_are_checked_alike(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "[discord]\nshard_count = 4\nshard_ids = [3]\n"), env={})
    assert settings.with_shards(None, None) is settings
    moved = settings.with_shards(2, [1])
    assert (moved.file.discord.shard_count, moved.file.discord.shard_ids) == (2, [1])
    assert settings.with_shards(None, [0]).file.discord.shard_count == 4
    with pytest.raises(ConfigError, match="shard_ids must be between 0 and shard_count - 1"):
        settings.with_shards(2, None)  # the file's shard 3 does not exist among 2
