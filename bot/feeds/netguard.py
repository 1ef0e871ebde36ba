"""Refuse URLs that would make the bot reach into private networks (SSRF)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

MAX_URL_LENGTH = 2048
_ALLOWED_SCHEMES = frozenset({"http", "https"})


class UrlRefused(ValueError):
    """The URL is not acceptable; the message says why."""


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _forbidden(address.ipv4_mapped)
    return not address.is_global or address.is_multicast or address.is_unspecified


def refused_address(host: str) -> str | None:
    """Return why an IP literal is refused, or None when it is public."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if _forbidden(address):
        return f"{host} is a private, loopback, link-local or reserved address"
    return None


def _looks_numeric(host: str) -> bool:
    # Forms such as 2130706433, 0x7f.1 or 017700000001 resolve to addresses without looking like them.
    return all(part.isdigit() or part.lower().startswith("0x") for part in host.split(".") if part)


def check_url_syntax(raw: str) -> str:
    """Return the URL if it is a well-formed http(s) URL, else raise UrlRefused."""
    text = raw.strip()
    if not text:
        raise UrlRefused("the URL is empty")
    if len(text) > MAX_URL_LENGTH:
        raise UrlRefused(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069
           for ch in text):
        raise UrlRefused("the URL contains control or bidirectional characters")
    try:
        url = URL(text)
    except (ValueError, TypeError):
        raise UrlRefused(f"{text!r} is not a valid URL") from None
    if url.scheme.lower() not in _ALLOWED_SCHEMES:
        scheme = url.scheme or "none"
        raise UrlRefused(f"only http and https URLs are allowed (scheme: {scheme})")
    if not url.host:
        raise UrlRefused(f"{text!r} has no host name")
    if url.user or url.password:
        raise UrlRefused("URLs with a user name or password are not allowed")
    return str(url)


def check_target(raw: str, *, allow_private: bool, allow_hosts: frozenset[str] = frozenset()) -> str:
    """Check syntax and, unless allowed, refuse IP literals of private networks."""
    url = check_url_syntax(raw)
    parsed = URL(url)
    host = parsed.host or ""
    if allow_private or host in allow_hosts or f"{host}:{parsed.port}" in allow_hosts:
        return url
    reason = refused_address(host)
    if reason is None and _looks_numeric(host) and not _is_dotted_quad(host):
        reason = f"{host} is a numeric host form that is not allowed"
    if reason:
        raise UrlRefused(reason)
    return url


def _is_dotted_quad(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


class GuardedResolver(AbstractResolver):
    """Resolve names, then refuse the lot when any address is not public."""

    def __init__(self, inner: AbstractResolver | None = None, allow_hosts: frozenset[str] = frozenset()) -> None:
        self._inner = inner or DefaultResolver()
        self._allow_hosts = allow_hosts

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET,
                      ) -> list[ResolveResult]:
        """Return the addresses of host, or raise OSError when one of them is private."""
        results = await self._inner.resolve(host, port, family)
        if host in self._allow_hosts or f"{host}:{port}" in self._allow_hosts:
            return results
        for result in results:
            reason = refused_address(result["host"])
            if reason:
                raise OSError(f"refused: {host} resolves to {reason}")
        return results

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)
