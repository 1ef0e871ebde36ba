"""The SSRF guard refuses private targets in every spelling, and bad URLs with a reason."""

import pytest

from bot.feeds.netguard import GuardedResolver, UrlRefused, check_target, check_url_syntax


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/feed", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
    "http://0.0.0.0/", "http://192.168.1.10/", "http://172.16.0.1/", "http://[::ffff:127.0.0.1]/",
    "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://[fe80::1]/",
    "http://224.0.0.1/",
])
def test_private_and_numeric_targets_are_refused(url: str) -> None:
    with pytest.raises(UrlRefused):
        check_target(url, allow_private=False)


def test_public_targets_pass_and_the_switch_allows_private() -> None:
    assert check_target("https://example.com/feed.xml", allow_private=False)
    assert check_target("http://8.8.8.8/rss", allow_private=False)
    assert check_target("http://127.0.0.1:8080/feed", allow_private=True)
    assert check_target("http://127.0.0.1:8080/feed", allow_private=False, allow_hosts=frozenset({"127.0.0.1:8080"}))


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.com/feed", "only http and https"),
    ("gopher://example.com/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("", "empty"),
    ("https://exa\u202emple.com/", "bidirectional"),
    ("https://example.com/\x00", "control"),
    ("https://" + "a" * 3000 + ".com/", "longer than"),
    ("https://user:pw@example.com/", "user name"),
    ("http:///nohost", "no host"),
])
def test_bad_urls_get_a_reason(url: str, reason: str) -> None:
    with pytest.raises(UrlRefused, match=reason):
        check_url_syntax(url)


async def test_resolver_refuses_names_that_resolve_to_loopback() -> None:
    resolver = GuardedResolver()
    try:
        with pytest.raises(OSError, match="refused"):
            await resolver.resolve("localhost", 80)
    finally:
        await resolver.close()
