"""Settings: a TOML file that names only what it changes, secrets from the environment."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

DEFAULT_CONFIG = Path("config/seriesbot.toml")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and the problem."""


def parse_duration(value: object) -> float:
    """Turn '15m', '90s', '2h', '1d' or a number of seconds into seconds."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '10m' or a number of seconds")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    else:
        raise ValueError(f"expected a duration such as '10m', '90s' or '2h', got {value!r}")
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]
Switch = Literal["auto", "on", "off"]
# The booleans that switches took before they became auto/on/off, with what they meant: [discord] and [slack]
# `enabled` on the platform switch, [console] `enabled` and enrich.tmdb on the plain one.
_OLD_PLATFORM_SWITCH = {True: "auto", False: "off"}
_OLD_ON_OFF_SWITCH = {True: "on", False: "off"}


def _old_booleans(meaning: dict[bool, str]) -> BeforeValidator:
    """Read a boolean that a switch took before it became auto/on/off as what it meant."""
    return BeforeValidator(lambda value: meaning[value] if isinstance(value, bool) else value)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_http_url(value: str) -> str:
    from bot.feeds.netguard import UrlRefused, check_url_syntax

    try:
        return check_url_syntax(value)
    except UrlRefused as refused:
        raise ValueError(str(refused)) from None


class StoreSettings(_Section):
    url: str = "sqlite+aiosqlite:///data/seriesbot.db"
    reclaim_interval: Duration = 60.0


class PollSettings(_Section):
    interval: Duration = 600.0
    tick: Duration = 2.0
    max_age: Duration = 7 * 86400.0
    concurrency: int = Field(default=16, ge=1, le=512)
    per_host: int = Field(default=2, ge=1, le=512)
    backfill: int = Field(default=0, ge=0, le=50)
    max_backoff: Duration = 6 * 3600.0
    disable_after: int = Field(default=20, ge=1)
    poll_timeout: Duration = 60.0
    # Processes that parse feeds and read series facts; None: one per core; 0: in a thread of this process.
    workers: int | None = Field(default=None, ge=0, le=64)


class FetchSettings(_Section):
    timeout: Duration = 20.0
    max_body: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    user_agent: str = "seriesbot/0.1 (+https://github.com/seriesbot/seriesbot)"
    allow_private_networks: bool = False
    allow_hosts: list[str] = []


class ConsoleSettings(_Section):
    enabled: Annotated[Switch, _old_booleans(_OLD_ON_OFF_SWITCH)] = "auto"


class DiscordSettings(_Section):
    enabled: Annotated[Switch, _old_booleans(_OLD_PLATFORM_SWITCH)] = "auto"
    guild_id: int | None = None
    api_base: str | None = None
    gateway_url: str | None = None
    rate_limit_per_second: float = Field(default=25.0, gt=0, le=50)
    per_channel_interval: Duration = 1.0
    send_timeout: Duration = 30.0
    crosspost: bool = False
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: list[int] | None = None

    @model_validator(mode="after")
    def _shards(self) -> DiscordSettings:
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError("shard_ids needs shard_count (the total number of shards)")
        if not self.shard_ids or any(not 0 <= shard < self.shard_count for shard in self.shard_ids):
            raise ValueError(f"shard_ids must be between 0 and shard_count - 1 ({self.shard_count - 1})")
        return self


class SlackSettings(_Section):
    enabled: Annotated[Switch, _old_booleans(_OLD_PLATFORM_SWITCH)] = "auto"
    mode: Literal["auto", "socket", "http"] = "auto"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=3000, ge=0, le=65535)
    api_base: str | None = None
    admin_user_ids: list[str] = []
    admin_usergroup: str | None = None
    per_channel_interval: Duration = 1.0


class HttpSettings(_Section):
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=9108, ge=0, le=65535)
    public_url: str | None = None
    calendar: bool = True

    @field_validator("public_url")
    @classmethod
    def _public(cls, value: str | None) -> str | None:
        return None if value is None else _check_http_url(value).rstrip("/")


HealthSettings = HttpSettings  # The [http] section was called [health] while it served only health.


class FollowSettings(_Section):
    max_per_member: int = Field(default=100, ge=1, le=10000)


class DigestSettings(_Section):
    grace: Duration = 12 * 3600.0
    tick: Duration = 30.0


class EnrichSettings(_Section):
    tvmaze: bool = True
    tmdb: Annotated[Switch, _old_booleans(_OLD_ON_OFF_SWITCH)] = "auto"
    tvmaze_api_base: str = "https://api.tvmaze.com"
    tmdb_api_base: str = "https://api.themoviedb.org/3"
    timeout: Duration = 10.0
    refresh: Duration = 7 * 86400.0
    lookup_timeout: Duration = 2.5
    poll_wait: Duration = 60.0

    _bases = field_validator("tvmaze_api_base", "tmdb_api_base")(_check_http_url)


class FeedSettings(_Section):
    url: str
    name: str | None = None
    interval: Duration | None = None
    follow_links: bool = False
    backfill: int | None = Field(default=None, ge=0, le=50)
    to: list[str] = ["console"]

    _url = field_validator("url")(_check_http_url)

    @field_validator("to")
    @classmethod
    def _destinations(cls, value: list[str]) -> list[str]:
        from bot.destinations import parse_destination

        for dest in value:
            parse_destination(dest)
        return value


class FileSettings(_Section):
    store: StoreSettings = StoreSettings()
    poll: PollSettings = PollSettings()
    fetch: FetchSettings = FetchSettings()
    console: ConsoleSettings = ConsoleSettings()
    discord: DiscordSettings = DiscordSettings()
    slack: SlackSettings = SlackSettings()
    http: HttpSettings = Field(default=HttpSettings(), validation_alias=AliasChoices("http", "health"))
    enrich: EnrichSettings = EnrichSettings()
    follow: FollowSettings = FollowSettings()
    digest: DigestSettings = DigestSettings()
    feeds: list[FeedSettings] = []

    @model_validator(mode="before")
    @classmethod
    def _one_http_section(cls, data: Any) -> Any:
        if isinstance(data, dict) and "http" in data and "health" in data:
            raise ValueError("give [http] or its old name [health], not both")
        return data

    @property
    def health(self) -> HttpSettings:
        """Return the [http] section by its old name."""
        return self.http


class Secrets(BaseModel):
    """Tokens, read only from the environment."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    discord_token: str | None = None
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    seriesbot_database_url: str | None = None
    tmdb_api_key: str | None = None


class Settings(BaseModel):
    """Everything the composition root needs."""

    model_config = ConfigDict(frozen=True)

    file: FileSettings
    secrets: Secrets
    source: str
    notices: tuple[str, ...] = ()

    @property
    def store_url(self) -> str:
        """Return the database URL, the environment winning over the file."""
        return self.secrets.seriesbot_database_url or self.file.store.url

    @property
    def discord_active(self) -> bool:
        """Tell whether the Discord adapter should run."""
        return self.file.discord.enabled != "off" and bool(self.secrets.discord_token)

    @property
    def slack_active(self) -> bool:
        """Tell whether the Slack adapter should run."""
        return self.file.slack.enabled != "off" and bool(self.secrets.slack_bot_token)

    def with_shards(self, count: int | None, ids: list[int] | None) -> Settings:
        """Return these settings with [discord] shard_count and shard_ids replaced where given."""
        changes = {key: value for key, value in (("shard_count", count), ("shard_ids", ids)) if value is not None}
        if not changes:
            return self
        try:
            discord = DiscordSettings.model_validate({**self.file.discord.model_dump(), **changes})
        except ValidationError as error:
            raise ConfigError(_describe(error, "the command line")) from None
        return self.model_copy(update={"file": self.file.model_copy(update={"discord": discord})})

    def missing_tokens(self, *, platforms: bool = True) -> list[str]:
        """Name each switch set to "on" whose token is not set: the platforms (unless told not to) and TMDB."""
        wanted = (("discord.enabled", self.file.discord.enabled, self.secrets.discord_token, "DISCORD_TOKEN"),
                  ("slack.enabled", self.file.slack.enabled, self.secrets.slack_bot_token, "SLACK_BOT_TOKEN"))
        missing = [f'{key} is "on" but {variable} is not set'
                   for key, switch, token, variable in wanted if platforms and switch == "on" and not token]
        if self.file.enrich.tmdb == "on" and not self.secrets.tmdb_api_key:
            missing.append('enrich.tmdb is "on" but TMDB_API_KEY is not set: set TMDB_API_KEY (a TMDB API key or '
                           'read access token), or write tmdb = "auto" to use TMDB only when a key is set')
        return missing

    @property
    def tmdb_active(self) -> bool:
        """Tell whether TMDB is asked: when TMDB_API_KEY is set and the switch is "on" or "auto"."""
        return bool(self.secrets.tmdb_api_key) and self.file.enrich.tmdb != "off"

    @property
    def enrich_active(self) -> bool:
        """Tell whether any show database is consulted."""
        return self.file.enrich.tvmaze or self.tmdb_active

    @property
    def console_active(self) -> bool:
        """Tell whether announcements are printed to the terminal."""
        mode = self.file.console.enabled
        return mode == "on" or (mode == "auto" and not (self.discord_active or self.slack_active))


def _describe(error: ValidationError, source: str) -> str:
    lines = [f"{source}: invalid configuration"]
    for problem in error.errors():
        key = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        message = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the TOML file (or the built-in defaults when none exists) and the environment."""
    environ = dict(os.environ if env is None else env)
    chosen = path or environ.get("SERIESBOT_CONFIG")
    data: dict[str, Any] = {}
    source = "built-in defaults"
    if chosen is not None or DEFAULT_CONFIG.exists():
        file_path = Path(chosen) if chosen is not None else DEFAULT_CONFIG
        source = str(file_path)
        try:
            data = tomllib.loads(file_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{source}: configuration file not found") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{source}: not valid TOML: {error}") from None
    try:
        file_settings = FileSettings.model_validate(data)
        secrets = Secrets(**{k.lower(): v for k, v in environ.items() if k.lower() in Secrets.model_fields})
    except ValidationError as error:
        raise ConfigError(_describe(error, source)) from None
    return Settings(file=file_settings, secrets=secrets, source=source, notices=_deprecations(data, source))


def _deprecations(data: dict[str, Any], source: str) -> tuple[str, ...]:
    notices = []
    for section, key, meaning in (("console", "enabled", _OLD_ON_OFF_SWITCH),
                                  ("discord", "enabled", _OLD_PLATFORM_SWITCH),
                                  ("slack", "enabled", _OLD_PLATFORM_SWITCH), ("enrich", "tmdb", _OLD_ON_OFF_SWITCH)):
        value = data.get(section, {}).get(key) if isinstance(data.get(section), dict) else None
        if isinstance(value, bool):
            notices.append(f'{source}: {section}.{key} = {str(value).lower()} is deprecated and read as '
                           f'"{meaning[value]}"; write "auto", "on" or "off"')
    return tuple(notices)
