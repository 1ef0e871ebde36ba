"""Cue words: is a sentence news, a recap or about a film; status, kind, genres and places."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract import lexicon
from bot.extract.scan import alternatives
from bot.model import Status

NEWS = re.compile(
    r"\b(?:announc(?:e|es|ed|ing|ement)|unveil(?:s|ed|ing)?|confirm(?:s|ed|ing)?|order(?:s|ed)?|greenlit"
    r"|green-?light(?:s|ed)?|green-lit|pick(?:s|ed)?\s+up|commission(?:s|ed)?"
    r"|(?<=\bin\s)(?:the\s+works|development|talks|production)"
    r"|developing|upcoming(?!\s+episode)|new\s+(?:\w+\s+){0,2}(?:series|drama|K-drama|show|anime|season|docuseries)"
    r"|set\s+(?:to|for)|slated|(?<=\bwill\s)(?:premiere|air|stream|debut|be\s+released|launch|arrive|drop|return"
    r"|star|follow|hit|lead)|(?<=\bto\s)(?:premiere|air|stream|debut|star)|premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?"
    r"|release\s+date|air\s+date|coming\s+(?:to|soon|this|next|in)|trailer|teaser|first[- ]look|poster|key\s+art"
    r"|(?<=\bbeen\s)cast|cast\s+(?:as|in|for)|casting|joins?\s+the\s+cast|boards?|boarded"
    r"|tapped\s+to|began\s+(?:shooting|production|filming)|start(?:s|ed)?\s+(?:filming"
    r"|production|shooting)|wrapped\s+(?:filming|production)|currently\s+filming|renew(?:s|ed|al)?"
    r"|cancel(?:s|ed|led|lation)|axed|(?<=\bwill\snot\s)return|won't\s+return|final\s+season|slate|line-?up)\b"
    r"|制作決定|放送決定|配信決定|放送開始|配信開始|アニメ化|ドラマ化|続編|出演決定|解禁",
    re.IGNORECASE,
)
STRONG_NEWS = re.compile(
    r"\b(?:announc(?:ed|es|ement)|unveil(?:s|ed)|order(?:s|ed)|greenlit|green-?lit|picked\s+up|renew(?:s|ed|al)"
    r"|cancel(?:s|ed|led|lation)|axed|premiere\s+date|release\s+date|trailer|teaser|(?<=\bin\s)production"
    r"|(?<=\bbeen\s)cast|(?:(?<=\bwill\s)|(?<=\bset\sto\s))premiere)\b|制作決定|放送決定|配信決定",
    re.IGNORECASE,
)
RECAP = re.compile(
    r"\b(?:(?:next|latest|previous|last|upcoming|final|tonight['’]s|this\s+week['’]s|recent)\s+(?:new\s+)?(?:episodes?"
    r"|broadcast)|behind-the-scenes|not\s+air|night\s+off|on\s+set|on-set"
    r"|episodes?\s+(?:[2-9]|\d\d+)\b|\d+(?:st|nd|rd|th)\s+episode|episode\s+of|ratings?|viewership|Nielsen|finale"
    r"|wrapped\s+up\s+(?:its|their)\s+run|rear\s+its\s+head|recap|spoilers?)\b|第\s*\d+\s*話|放送予告|次回",
    re.IGNORECASE,
)
AWARDS = re.compile(
    r"\b(?:awards?|(?<!-)(?-i:won|wins|winning)(?![-\w])|prize|trophy|honors|nominated|nominations?)\b",
    re.IGNORECASE,
)
FILM_CONTEXT = re.compile(
    r"\b(?:box\s+office|moviegoers|theaters|theatres|theatrical(?:ly)?|cinemas?|film\s+festival|admissions"
    r"|ticket\s+sales|opening\s+weekend|film\s+review|movie\s+review)\b|ロードショー|劇場公開|映画館",
    re.IGNORECASE,
)
HARD_OFF_TOPIC = re.compile(
    r"\b(?:box\s+office|film\s+review|movie\s+review|album|grammys?|oscars?|brand\s+reputation|rankings?"
    r"|obituary|dead\s+at)\b",
    re.IGNORECASE,
)
OFF_TOPIC_HEADLINE = re.compile(
    r"\b(?:concert|tour|music\s+show|chart|quiz|recap|ratings|review|dies|wedding|married|marriage|engaged"
    r"|engagement|divorce|dating|baby|pregnan\w*|enlist\w*|military|discharged|awards?|debut|comeback"
    r"|boy\s+group|girl\s+group|fan\s+meeting|music\s+video)\b",
    re.IGNORECASE,
)
SERIES_HEADLINE = re.compile(
    r"\b(?:series|dramas?|k-dramas?|shows?|seasons?|anime|renewed|renews|canceled|cancelled|cancels|trailer|teaser"
    r"|premiere|orders|greenlights|cast|docuseries|sitcom)\b",
    re.IGNORECASE,
)
LISTICLE = re.compile(r"^(?:\d+|five|six|seven|eight|nine|ten|top\s+\d+)\s+\w", re.IGNORECASE)
SLATE = re.compile(
    r"\b(?:slate|line-?up|roster|upcoming\s+(?:\w+\s+){0,2}(?:series|dramas|shows|titles|anime|k-dramas)"
    r"|new\s+(?:\w+\s+){0,2}(?:series|dramas|shows|anime|k-dramas)|premiere\s+dates|coming\s+(?:soon\s+)?to"
    r"|what['’]s\s+(?:new|coming))\b",
    re.IGNORECASE,
)
COREFERENCE = re.compile(
    r"\b(?P<type>series|drama|k-drama|show|anime|reality\s+show|sitcom|docuseries|comedy|miniseries|limited\s+series"
    r"|project|season)\b",
    re.IGNORECASE,
)
COREFERENCE_LEAD = re.compile(r"\b(?:the|this|that|its|new|both|all|these)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
SYNOPSIS = re.compile(
    r"\b(?:follows|chronicles|tells\s+the\s+story|centers\s+on|centres\s+on|revolves\s+around|is\s+about"
    r"|depicts|portrays\s+the\s+story)\b",
    re.IGNORECASE,
)
_STATUS_CUES: tuple[tuple[Status, re.Pattern[str]], ...] = (
    (Status.CANCELLED, re.compile(
        r"\b(?:cancel(?:s|ed|led|lation)|axed|axes|(?<=\bwill\snot\s)return|won't\s+return|pulled\s+the\s+plug"
        r"|(?:(?<=\bnot\s)|(?<=\bnot\sbe\s))renewed|(?<=\bwill\s)end\s+with)\b|打ち切り", re.I)),
    (Status.RENEWED, re.compile(
        r"\b(?:renew(?:s|ed|al)|(?:second|third|fourth|fifth|another|new)\s+season|(?<=\bfor\s)season\s+\d+"
        r"|(?<=\bwill\s)return\s+for)\b|続編|第[2-9]期", re.I)),
    (Status.PREMIERED, re.compile(
        r"\b(?:premiered|debuted|now\s+streaming|(?:(?<=\bis\s)|(?<=\bare\s))now\s+available|launched"
        r"|premieres\s+today|(?<=\bis\s)out\s+now|first\s+episode\s+aired)\b", re.I)),
    (Status.TRAILER, re.compile(
        r"\b(?:trailer|teaser|PV)\b|ティザー|特報|予告編", re.I)),
    (Status.IN_PRODUCTION, re.compile(
        r"\b(?:(?<=\bin\s)production|(?:began|begun|begins|started|starts|kicked\s+off)\s+(?:filming|shooting"
        r"|production)"
        r"|(?:filming|shooting|production)\s+(?:began|has\s+begun|is\s+underway|started|kicked\s+off|wrapped)"
        r"|currently\s+(?:filming|shooting)|wrapped\s+(?:filming|production|shooting)|cameras\s+(?:roll|rolled)"
        r"|(?:(?<=\bbeen\s)|(?<=\bis\s)|(?<=\bare\s))(?:filming|shooting)|(?:started|start|began|begin)\s+rolling"
        r"|(?:filming|shooting|production)\s+(?:begins(?!\s+(?:this|next|later|early|late|in|from|on\s+\w+\s+\d))"
        r"|is\s+taking\s+place|is\s+under\s*way|gets\s+under\s*way"
        r"|got\s+under\s*way|under\s*way))\b"
        r"|クランクイン", re.I)),
)
_LOCATION_CUE = re.compile(
    r"\b(?:set\s+(?:in|across|against|between)|backdrops?\s+of|film(?:ed|ing)\s+(?:in|on\s+location\s+in|across)"
    r"|shot\s+(?:in|on\s+location\s+in)|shooting\s+in|(?:takes?|taking)\s+place\s+in|located\s+in|on\s+location"
    r"|across|cities)\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"\b(?P<lang>[A-Z][a-z]{2,12})-language\b")
KIND_PRIORITY = ("reality", "anime", "animation", "documentary", "variety", "limited series", "comedy", "drama")
SCRIPTED_GENRES = frozenset([
    "thriller", "crime", "romance", "mystery", "medical", "legal", "historical", "melodrama", "horror", "fantasy",
    "boys' love", "revenge", "wuxia",
])


def _status_pattern() -> tuple[re.Pattern[str], dict[str, Status]]:
    """Join the status cues into one pattern, CJK alternatives in groups of their own so they split off."""
    groups: list[str] = []
    eastern: list[str] = []
    names: dict[str, Status] = {}
    for index, (status, pattern) in enumerate(_STATUS_CUES):
        parts = alternatives(pattern.pattern)
        latin = [part for part in parts if ord(part[0]) <= 0x2E7F]
        cjk = [part for part in parts if ord(part[0]) > 0x2E7F]
        groups.append(f"(?P<s{index}>{'|'.join(latin)})")
        names[f"s{index}"] = status
        if cjk:
            eastern.append(f"(?P<c{index}>{'|'.join(cjk)})")
            names[f"c{index}"] = status
    return re.compile("|".join(groups + eastern), re.IGNORECASE), names


_ALL_STATUSES, _STATUS_NAMES = _status_pattern()
PATTERNS: dict[str, re.Pattern[str]] = {
    "news": NEWS, "strong": STRONG_NEWS, "recap": RECAP, "awards": AWARDS, "film": FILM_CONTEXT, "synopsis": SYNOPSIS,
    "coref": COREFERENCE, "status": _ALL_STATUSES, "location": _LOCATION_CUE, "language": _LANGUAGE,
}


def status_of(match: re.Match[str]) -> Status:
    """Return the status a match of the status pattern stands for."""
    return _STATUS_NAMES[match.lastgroup or "s0"]


def statuses(text: str) -> Iterator[tuple[int, Status]]:
    """Yield (position, status) for every status cue in text."""
    for match in _ALL_STATUSES.finditer(text):
        yield match.start(), status_of(match)


def genres_of(match: re.Match[str]) -> tuple[str, ...]:
    """Return the genres a genre-word match stands for."""
    _, table = lexicon.genres()
    key = match.group()
    return table.get(key if key.isupper() else key.casefold(), ())


def language_of(match: re.Match[str]) -> str | None:
    """Return the language a "<Language>-language" match names."""
    return lexicon.gazetteer("languages", folded=False).values.get(match.group("lang"))
