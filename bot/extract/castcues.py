"""Read cast members that no cue word introduces, from the shape of names: "Role (Actor)", "Actor (Earlier Show)"
and the list of names a headline leads with."""

from __future__ import annotations

import itertools
import re

from bot.extract import classify, lexicon
from bot.extract.nameshape import NOT_A_NAME, STRONG, is_not_name_word, name_shape
from bot.extract.people import PersonFact

_WORD = r"[A-Z][\w’'.-]*"
_OUTER = re.compile(r"(?:" + _WORD + r"\s+){0,3}" + _WORD + r"\s*$")
_GROUP = re.compile(r"^(?:[\w*&.-]+(?:’s|'s)\s+)")
_LEAD_WORD = re.compile(r"([a-z][\w-]*)\s+$")
_FUNCTION_WORDS = frozenset([
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "was",
    "are", "were", "be", "been", "that", "which", "who", "this", "its", "his", "her", "their", "said", "says",
    "via", "per", "than", "into", "over", "under", "about", "like",
])
# Words that make the capitalised run after them a character ("a rapper named Tony (Actor Name)").
_CHARACTER_LEADS = frozenset(["named", "called", "dubbed", "character", "role", "protagonist", "heroine", "hero",
                              "villain"])
_JOB_OF = re.compile(r"^\s*(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)\s+(?:of|behind)\b", re.IGNORECASE)
_CREDIT_WORDS = re.compile(r"\b(?:film|movie|series|drama|season|song|album|novel|webtoon|manga|book|19\d\d|20\d\d)\b",
                           re.IGNORECASE)
_SHARED_POSSESSIVE = re.compile(
    r"(?P<first>(?:[A-Z][\w'-]*\s+){1,2}[A-Z][\w'-]*)\s+and\s+(?P<last>(?:[A-Z][\w'-]*\s+){1,2}[A-Z][\w'-]*)$"
)
_POSSESSIVE_MARK = re.compile(r"[’']s(?=\s)")
_AFTER_SHARED = re.compile(
    r"(?:\s+(?:upcoming|new|latest|hit|anticipated)\s+(?:[a-z-]+\s+)?(?:drama|series|show|rom-com|thriller|comedy)\b"
    r"|\s{2,}|\s+[“\"‘A-Z])"
)
_HYPHEN_WORD = re.compile(
    r"-(?P<word>led|starring|starrer|fronted|headlined|toplined|directed|created|penned|written|helmed)\b"
)
_HYPHEN_NAME = re.compile(r"(?:[A-Z][\w’'.]*\s+){1,3}[A-Z][\w’']*$")
_HYPHEN_JOBS = {"directed": "director", "helmed": "director", "created": "creator", "penned": "writer",
                "written": "writer"}
_STAFF_BEFORE = re.compile(
    r"\b(?:artist|illustrator|designer|composer|director|writer|author|mangaka|creator|producer|novelist|screenwriter"
    r"|showrunner|animator|PD)s?\s+(?:[A-Z][\w’'-]*\s+)?$"
    # "character designs by A (Credit)", "music by B (Credit)": a work credited by a noun is crew; voiced or played by
    # names the cast.
    r"|\b(?:designs?|music|score|scripts?|screenplay|composition|animation|art|storyboards?|editing|sound|songs?)"
    r"\s+by\s+$"
)
_STAFF_AFTER = re.compile(
    r"\s*,?\s*(?:(?:is|are|will|also|who)\s+)*(?:be\s+)?(?:handling|directing|designing|composing|editing|writing"
    r"|producing|serving|creating|supervising|overseeing|animating|handles|directs|designs|composes|edits|writes"
    r"|produces|serves|wrote|directed|created|in\s+charge"
    r"|(?:set|slated|tapped|attached|expected|going)\s+to\s+(?:direct|write|pen|helm|showrun|create|co-write|adapt)"
    r"|(?:direct|write|pen|helm|showrun|create|co-write|adapt))\b"
)
_CREDITED_ACTOR = re.compile(
    r"^\s*(?:[“\"‘'][^”\"’()]{1,60}[”\"’']|(?:[A-Z][\w’'.!:-]*\s+){1,4}?|(?<=\s))\s*(?:['’]s\s+)?(?:star|alum|actor|actress)\s+"
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){1,2}[A-Z][\w’'-]*)\s*$"
)
# "A Offered Lead Role In X", "A Considering X": an offer is no casting yet (talks to star count, as in the body).
_UNCONFIRMED_AFTER = re.compile(
    r"\s+(?:(?:is|are|was|were|has\s+been|have\s+been|reportedly|also)\s+)*(?:offered|considering|eyed|eyeing"
    r"|approached|courted|rumou?red|mulling|reviewing|receives?\s+(?:an?\s+)?offers?)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_HEAD_TOKEN = re.compile(r"[A-Z]\.(?=\s+[A-Z])|[A-Z][\w’'-]*")
# A kind of show right after a name makes the show the person's own ("Orders X, Jo Marsh Comedy"), not a cast.
_WORK_AFTER = re.compile(r"\s+(?:Comedy|Drama|Series|Thriller|Sitcom|Project|Docuseries|Miniseries|Movie)\b")


def _best_name(run: str) -> str | None:
    """Return the longest ending of a capitalised run that is strongly name-shaped."""
    words = run.split()
    for size in range(min(4, len(words)), 1, -1):
        candidate = " ".join(words[-size:])
        if name_shape(candidate) == STRONG:
            return candidate
    return None


def _inner_actor(inner: str) -> str | None:
    """Return the actor a "Role (Actor)" parenthesis names, if it names one."""
    group = _GROUP.match(inner)
    bare = inner[group.end() :] if group else inner
    bare = bare.strip()
    if name_shape(bare) == STRONG:
        return bare
    if group and len(bare.split()) == 1 and name_shape(bare) != NOT_A_NAME:
        return bare
    return None


def _title_like(inner: str) -> bool:
    """Tell whether a parenthesis holds a credit (a title, maybe with a year) rather than a name or a remark."""
    head = inner.strip()
    if not head[:1].isupper() and not head[:1].isdigit():
        return False
    return name_shape(head) != STRONG or bool(_CREDIT_WORDS.search(head))


def _plain_full_name(inner: str) -> bool:
    words = inner.split()
    return 2 <= len(words) <= 3 and name_shape(inner) != NOT_A_NAME and not any(
        word.casefold() in _FUNCTION_WORDS for word in words)


def _job_credit(inner: str) -> str | None:
    """Return the job a parenthesis gives for an earlier work ("director of Some Film"), if it gives one."""
    match = _JOB_OF.match(inner)
    return lexicon.job_for(match.group(1)) if match else None


def _single_name(inner: str) -> bool:
    word = inner.strip()
    return " " not in word and word[:1].isupper() and name_shape(word) != NOT_A_NAME and word.casefold() not in (
        _FUNCTION_WORDS)


def _full_name_ending(text: str, word: str) -> bool:
    """Tell whether the text names a person whose full name ends in word ("Mia Storr" for "Storr")."""
    return any(name_shape(match.group()) == STRONG
               for match in re.finditer(r"[A-Z][\w’'.-]+ " + re.escape(word) + r"\b", text))


def paired_names(text: str) -> list[PersonFact]:
    """Read "Role (Actor)" and "Actor (Earlier Show)" pairs."""
    found: list[PersonFact] = []
    previous_end, previous_actor = -10, False
    for start, outer, inner, end in _pairs(text):
        job = _job_credit(inner)
        if job is not None:
            name = _best_name(outer) or (outer if name_shape(outer) != NOT_A_NAME and " " in outer else None)
            if name is not None:
                found.append(PersonFact("creator", name, job, start + len(outer) - len(name), True))
            continue
        actor = _inner_actor(inner)
        credited = _CREDITED_ACTOR.match(inner) if actor is None else None
        if credited is not None and name_shape(credited.group("name")) != NOT_A_NAME:
            # "Ryan (“Earlier Show” star Ana Ruiz)": a character, then the actor by an earlier credit.
            actor = credited.group("name")
        chained = previous_actor and re.fullmatch(r"[,\s]*(?:and\s+)?", text[previous_end:start]) is not None
        if actor is None and chained and _plain_full_name(inner):
            actor = inner.strip()
        same_sentence = previous_actor and start - previous_end < 300 and not _SENTENCE_END.search(
            text, previous_end, start)
        if actor is None and same_sentence and (_single_name(inner) or _plain_full_name(inner)):
            actor = inner.strip()
        by_surname = actor is None and _single_name(inner) and _full_name_ending(text, inner.strip())
        if by_surname:
            # "DC Hana Wu (Storr)" when the text names Mia Storr: a character and the actor who plays her, kept
            # only where the full name is read as a person too.
            actor = inner.strip()
        lead = _LEAD_WORD.search(text, max(0, start - 30), start)
        named = lead is not None and lead.group(1) in _CHARACTER_LEADS
        if actor is None and named and (_plain_full_name(inner) or _single_name(inner)):
            actor = inner.strip()
        previous_end, previous_actor = end, actor is not None
        if actor is not None:
            role = outer.split()[-3:]
            found.append(PersonFact("cast", actor, " ".join(role), start + len(outer), not by_surname))
            continue
        if not _title_like(inner):
            continue
        name = _best_name(outer)
        if (name is None and len(outer.split()) == 1 and not is_not_name_word(outer) and not named
                and lead is not None and lead.group(1) not in _FUNCTION_WORDS and name_shape(outer) != NOT_A_NAME):
            name = outer
        if name is not None and not _staff(text, start + len(outer) - len(name), end):
            found.append(PersonFact("cast", name, None, start + len(outer) - len(name), True))
    return found


def _staff(text: str, start: int, end: int) -> bool:
    """Tell whether the person in "Name (Credits)" is crew: a job before the name or a crew verb after it."""
    return bool(_STAFF_BEFORE.search(text, max(0, start - 30), start) or _STAFF_AFTER.match(text, end))


def listed_in_parentheses(text: str) -> list[PersonFact]:
    """Read "Title (A, B, C)": a parenthesis listing only names, at least two of them strongly name-shaped."""
    found: list[PersonFact] = []
    opening = text.find("(")
    while opening >= 0:
        closing = text.find(")", opening + 1, opening + 160)
        inner = text[opening + 1 : closing] if closing > 0 else ""
        if inner.count(",") >= 1 and "\n" not in inner:
            names = [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", inner) if part.strip()]
            shapes = [name_shape(name) for name in names]
            # "A (Show, Show) is set to direct": the parenthesis holds a crew member's earlier credits.
            if (NOT_A_NAME not in shapes and shapes.count(STRONG) >= 2
                    and all(" " in name for name in names) and not _STAFF_AFTER.match(text, closing + 1)):
                found.extend(PersonFact("cast", name, None, opening, True) for name in names)
        opening = text.find("(", opening + 1)
    return found


def _pairs(text: str) -> list[tuple[int, str, str, int]]:
    """Return (start, capitalised run, parenthesis content, end) for each "Run (content)" in the text."""
    pairs = []
    opening = text.find("(")
    while opening >= 0:
        closing = text.find(")", opening + 1, opening + 82)
        inner = text[opening + 1 : closing] if closing > 0 else ""
        outer = _OUTER.search(text, max(0, opening - 60), opening) if inner and "(" not in inner else None
        if outer is not None and "\n" not in inner:
            pairs.append((outer.start(), outer.group().rstrip(), inner, closing + 1))
        opening = text.find("(", opening + 1)
    return pairs


def possessive_pairs(text: str) -> list[PersonFact]:
    """Read "A and B’s upcoming drama": two or more names sharing a possessive before a new work are its leads."""
    found: list[PersonFact] = []
    for mark in _POSSESSIVE_MARK.finditer(text):
        # What follows the mark, and the "and" the names need, are checked first: each saves a search.
        start = max(0, mark.start() - 80)
        if _AFTER_SHARED.match(text, mark.end()) is None or text.find("and", start, mark.start()) < 0:
            continue
        match = _SHARED_POSSESSIVE.search(text, start, mark.start())
        if match is None:
            continue
        names = [match.group("first"), match.group("last")]
        if all(name_shape(name) == STRONG for name in names):
            found.extend(PersonFact("cast", name, None, match.start(), True) for name in names)
    return found


def hyphen_credits(text: str) -> list[PersonFact]:
    """Read "the Name-led series" and "Name-directed" credits."""
    found: list[PersonFact] = []
    for match in _HYPHEN_WORD.finditer(text):
        named = _HYPHEN_NAME.search(text, max(0, match.start() - 60), match.start())
        if named is None or name_shape(named.group()) == NOT_A_NAME:
            continue
        job = _HYPHEN_JOBS.get(match.group("word").casefold())
        # The credit sits right before the title it qualifies, so it is placed where that title starts.
        found.append(PersonFact("creator" if job else "cast", named.group(), job, match.end() + 1, True))
    return found


def headline_names(text: str, headline_end: int) -> list[PersonFact]:
    """Read the strongly name-shaped people a headline lists ("A And B Reunite For New Drama 'X'")."""
    if headline_end <= 0:
        return []
    head = text[:headline_end]
    found: list[PersonFact] = []
    tokens = [(m.group(), m.start()) for m in _HEAD_TOKEN.finditer(head)]
    i = 0
    while i < len(tokens):
        taken = _name_at(head, tokens, i)
        if taken is None:
            i += 1
            continue
        name, end = taken
        before = head[: tokens[i][1]].rstrip()
        after = head[tokens[end - 1][1] + len(tokens[end - 1][0]) :]
        listed = (not before or before.endswith((",", "&", "’s", "'s", ":", " And", " and", " As", " With", " While",
                                                 " Casts", " Adds", " Taps"))
                  or after.startswith((",", " And ", " and ", " &", "’s", "'s")))
        if listed and not _WORK_AFTER.match(after) and not _UNCONFIRMED_AFTER.match(after):
            found.append(PersonFact("cast", name.removesuffix("’s").removesuffix("'s"), None, tokens[i][1], True))
        i = end
    return found


def _name_at(head: str, tokens: list[tuple[str, int]], i: int) -> tuple[str, int] | None:
    """Return the strongly name-shaped run of two or three adjacent words starting at token i."""
    for size in (3, 2):
        if i + size > len(tokens):
            continue
        words = tokens[i : i + size]
        if any(head[a[1] + len(a[0]) : b[1]] != " " for a, b in itertools.pairwise(words)) or any(
            word.endswith(("’s", "'s")) for word, _ in words[:-1]
        ):
            continue
        name = " ".join(word for word, _ in words)
        if name_shape(name.removesuffix("’s").removesuffix("'s")) == STRONG:
            return name, i + size
    return None


# The title after "On" is quoted, or blanked (spaces) in the masked text the people reader gets.
_TALKS_ON = re.compile(r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}?)(?:['’]s)?\s+On\s(?:\s|[‘“\"'])")


def interview_maker(text: str, headline_end: int) -> list[PersonFact]:
    """Read the maker an interview headline names ("Name On 'Title': ...") when the text calls the show theirs.

    The body must name the person again and call the work their own ("her sci-fi epic"); an actor's interview
    speaks of a character or a role instead.
    """
    if headline_end <= 0:
        return []
    talks = _TALKS_ON.match(text, 0, headline_end)
    name = talks.group("name").removesuffix("’s").removesuffix("'s") if talks else ""
    if talks is None or name_shape(name) != STRONG:
        return []
    surname = name.rsplit(" ", 1)[1]
    body = text[headline_end:]
    if not re.search(rf"\b{re.escape(surname)}\b", body) or classify.cue("own_work").search(body) is None:
        return []
    return [PersonFact("creator", name, "creator", talks.start(), True)]
