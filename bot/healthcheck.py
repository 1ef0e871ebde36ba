"""`python -m bot.healthcheck`: ask the running bot's /healthz, as the container health check does."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

from bot.config import ConfigError, load_settings

TIMEOUT = 5.0
# A server listening on every address is reached on loopback from inside its own container.
_LOOPBACK = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def healthz_url(host: str, port: int) -> str:
    """Return the /healthz address of a health server listening on host:port."""
    target = _LOOPBACK.get(host, host)
    return f"http://[{target}]:{port}/healthz" if ":" in target else f"http://{target}:{port}/healthz"


def check() -> tuple[bool, str]:
    """Ask the health server named by the configuration; say whether it answered healthy and why not."""
    try:
        settings = load_settings()
    except ConfigError as error:
        return False, str(error)
    http = settings.file.http
    if not http.enabled:
        return False, f"{settings.source}: http.enabled is false, so the bot serves no /healthz to ask"
    url = healthz_url(http.host, http.port)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (the URL is built above)
            return True, f"{url}: HTTP {response.status}"
    except urllib.error.HTTPError as error:
        return False, f"{url}: HTTP {error.code} {error.read(500).decode('utf-8', 'replace')}"
    except OSError as error:
        return False, f"{url}: {error}"


def main() -> int:
    """Print the outcome and return 0 when healthy, 1 otherwise."""
    healthy, detail = check()
    print(detail, file=sys.stderr if not healthy else sys.stdout)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
