"""Read a regex's parse tree: the literal words its matches can start with, and how its source splits."""

# The cue index (scan.py) files each pattern under these starts, so that a text is scanned for the starts once
# and each pattern is matched only where one of them stands.

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from importlib import import_module
from typing import Any

# The regex parser is private in the standard library; typeshed has no stubs for it.
_parser: Any = import_module("re._parser")
sre: Any = import_module("re._constants")
_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits + "’'+-")
_FOLLOWED = _WORD_CHARS | {"\x00"}
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_MAX_STARTS = 600
# Whitespace inside a start (a literal space or \s+ in the pattern); a start follows at most two words.
_SEP = "\x00"
_SPACE_RUN = [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]
# What may stand between the end of a title and the first word of the phrase after it: whitespace (all that
# \s matches), commas, an opening parenthesis and quote marks.
NOISE = "".join(chr(code) for code in range(0x3001) if re.match(r"\s", chr(code))) + ",(’'”\"“‘"
_SKIP = frozenset({sre.AT, sre.ASSERT, sre.ASSERT_NOT})
# A part of a pattern with fewer fixed characters than this is found almost anywhere: not worth looking for first.
_SELECTIVE = 5


def _charset(items: list[tuple[Any, Any]]) -> list[str] | None:
    """Return the characters a small character class matches, or None when it is large or negated."""
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 40:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.extend(string.digits)
        else:
            return None
    return chars


def _starts(items: list[tuple[Any, Any]], after: bool = False, words: int = 1) -> tuple[set[str], set[str]]:
    """Return a parsed sequence's literal starts as (closed, open).

    Every match of the sequence begins with a closed start (what follows it is not literal) or is one of the
    open starts (the whole sequence, literal; "" when it can match empty), so that a caller can go on past them.
    A start is followed up to its first character that cannot be in a word, or to the end of its `words`-th word.
    """
    # A start that a word boundary or a space ends carries a trailing space; `after` tells that the sequence
    # follows literal text, so a boundary at its start ends a word.
    opened: set[str] = {""}
    closed: set[str] = set()
    sub_closed: set[str]
    sub_open: set[str]
    for op, av in items:
        if not opened:
            break
        ended = after or "" not in opened
        if op is sre.AT and av is sre.AT_BOUNDARY and ended:
            return closed | {p + " " for p in opened}, set()
        if op in _SKIP:
            continue
        if op is sre.LITERAL:
            opened = {p + (_SEP if av == 32 else chr(av)) for p in opened}
            settled = {p for p in opened if p.count(_SEP) >= words}
            closed |= settled
            opened -= settled
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and list(av[2]) == _SPACE_RUN:
            sub_closed, sub_open = set(), ({_SEP, ""} if av[0] == 0 else {_SEP})
        elif op is sre.IN:
            chars = _charset(av)
            if chars is None:
                spacing = av == [(sre.CATEGORY, sre.CATEGORY_SPACE)] and ended
                return closed | ({p + " " for p in opened} if spacing else opened), set()
            sub_closed, sub_open = set(), set(chars)
        elif op is sre.BRANCH:
            sub_closed, sub_open = set(), set()
            for branch in av[1]:
                branch_closed, branch_open = _starts(branch, ended, words)
                sub_closed |= branch_closed
                sub_open |= branch_open
        elif op is sre.SUBPATTERN:
            sub_closed, sub_open = _starts(av[3], ended, words)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            sub_closed, sub_open = _starts(av[2], ended, words)
            if av[1] != 1:
                # Past the first repetition nothing is followed: its starts are closed.
                sub_closed = sub_closed | (sub_open - {""})
                sub_open = {""} & sub_open
            if av[0] == 0:
                sub_open = sub_open | {""}
        else:
            return closed | opened, set()
        grown = {p + s for p in opened for s in sub_open}
        more = {p + s for p in opened for s in sub_closed}
        settled = {p for p in grown if p.count(_SEP) >= words or not _FOLLOWED.issuperset(p.lower())}
        if len(grown) + len(closed) + len(more) > _MAX_STARTS:
            return {""}, set()
        closed |= more | settled
        opened = grown - settled
    return closed, opened


def _covers_word_chars(items: list[tuple[Any, Any]]) -> bool:
    """Tell whether a parsed lookbehind is one character class that holds every ASCII letter and digit."""
    if len(items) != 1 or items[0][0] is not sre.IN:
        return False
    ranges = [av for op, av in items[0][1] if op is sre.RANGE]
    return all(any(low <= ord(ch) <= high for low, high in ranges) for ch in "azAZ09")


def guarded(items: list[tuple[Any, Any]]) -> bool:
    """Tell whether no match can start right after an ASCII letter or digit (so word starts find them all)."""
    for index, (op, av) in enumerate(items):
        if op is sre.AT and av is sre.AT_BOUNDARY:
            # A boundary before a non-word character ("\\b’s") ends a word: a match may start right after a letter.
            closed, opened = _starts(items[index + 1 :])
            return not any(start and not (start[0].isalnum() or start[0] == "_") for start in closed | opened)
        if op is sre.ASSERT and av[0] < 0:
            return True
        if op is sre.ASSERT_NOT and av[0] < 0 and _covers_word_chars(list(av[1])):
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.BRANCH:
            return all(guarded(branch) for branch in av[1])
        if op is sre.SUBPATTERN:
            return guarded(av[3])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return guarded(av[2]) and (av[0] > 0 or guarded(items[index + 1 :]))
        return False
    return False


def _noise_only(op: Any, av: Any) -> bool:
    """Tell whether a parsed item matches nothing but NOISE characters (or nothing)."""
    if op is sre.AT:
        return av is sre.AT_BEGINNING
    if op is sre.LITERAL:
        return chr(av) in NOISE
    if op is sre.IN:
        return all((kind is sre.LITERAL and chr(value) in NOISE)
                   or (kind is sre.CATEGORY and value is sre.CATEGORY_SPACE) for kind, value in av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return all(_noise_only(*item) for item in av[2])
    return False


def cleaned_starts(pattern: re.Pattern[str], words: int = 2,
                   skip_noise: bool = False) -> tuple[dict[str, bool] | None, bool]:
    """Return the starts of pattern's matches (see literal_starts) and whether some match can start with CJK.

    With skip_noise, the starts are those of what follows the NOISE characters a match opens with.
    """
    heads, eastern = start_heads(pattern, words, skip_noise)
    return (None if heads is None else {head: whole for head, (whole, _) in heads.items()}), bool(eastern)


def start_heads(pattern: re.Pattern[str], words: int = 2,
           skip_noise: bool = False) -> tuple[dict[str, tuple[bool, set[str]]] | None, set[str]]:
    """Return cleaned_starts's starts, each with the characters (as the pattern writes them) that it stands for first,
    and the first characters of the starts in CJK."""
    items = list(_parser.parse(pattern.pattern, pattern.flags).data)
    while skip_noise and items and _noise_only(*items[0]):
        items.pop(0)
    closed, opened = _starts(items, words=words)
    found = closed | opened
    if "" in found or len(found) > _MAX_STARTS:
        # Two-word starts may be too many where first words are not.
        return start_heads(pattern, words - 1, skip_noise) if words > 1 else (None, set())
    cleaned: dict[str, tuple[bool, set[str]]] = {}
    eastern: set[str] = set()
    for start in found:
        lowered = start.lower() if pattern.flags & re.IGNORECASE else start.translate(ASCII_LOWER)
        if lowered and ord(lowered[0]) > 0x2E7F:
            eastern.add(start[0])
            continue
        cut, gaps = len(lowered), 0
        for index, ch in enumerate(lowered):
            gaps += ch == _SEP
            if ch not in _FOLLOWED or gaps == words or (ch == _SEP and lowered[index - 1 : index] == _SEP):
                cut = index
                break
        head = lowered[:cut]
        whole = cut < len(lowered) and lowered[cut] in (" ", _SEP)
        if head.endswith(_SEP):
            head, whole = head.rstrip(_SEP), True
        if not head or head.startswith(_SEP):
            return None, eastern
        head = head.replace(_SEP, " ")
        ends_word, firsts = cleaned.get(head, (True, set()))
        cleaned[head] = (ends_word and whole, firsts | {start[0]})
    if len(cleaned) > _MAX_STARTS and words > 1:
        return start_heads(pattern, words - 1, skip_noise)
    return cleaned, eastern


def opens_cased(items: list[tuple[Any, Any]], ignorecase: bool) -> bool:
    """Tell whether every match of a parsed sequence opens with a character matched case-sensitively."""
    for op, av in items:
        if op in _SKIP:
            continue
        if op in (sre.LITERAL, sre.IN):
            return not ignorecase
        if op is sre.BRANCH:
            return all(opens_cased(list(branch), ignorecase) for branch in av[1])
        if op is sre.SUBPATTERN:
            _, added, removed, inner = av
            return opens_cased(list(inner), (ignorecase or bool(added & re.IGNORECASE))
                                and not removed & re.IGNORECASE)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return av[0] > 0 and opens_cased(list(av[2]), ignorecase)
        return False
    return False


def required_text(pattern: re.Pattern[str]) -> str | None:
    """Return the longest run of literal characters that every match of a case-sensitive pattern holds, if any."""
    if pattern.flags & re.IGNORECASE:
        return None
    runs, current = [""], ""
    for op, av in _parser.parse(pattern.pattern, pattern.flags).data:
        current = current + chr(av) if op is sre.LITERAL else ""
        runs.append(current)
    return max(runs, key=len) or None


def literal_starts(pattern: re.Pattern[str], words: int = 1) -> dict[str, bool] | None:
    """Return the lower-case starts of matches (True: they end a word), or None if anything may start one.

    A start holds up to `words` words, written with one space between them where the text has any whitespace.
    """
    return cleaned_starts(pattern, words)[0]


def structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Yield (index, character, depth after it) for each character of a regex source outside escapes and classes."""
    depth, index, in_class = 0, 0, False
    while index < len(source):
        ch = source[index]
        if ch == "\\":
            index += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield index, ch, depth
        index += 1


def alternatives(source: str) -> list[str]:
    """Split a regex source at its top-level bars."""
    parts: list[str] = []
    start = 0
    for index, ch, depth in structure(source):
        if ch == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
    parts.append(source[start:])
    return parts


def branches(source: str) -> list[str]:
    """Return the top-level alternatives of a regex source, looking inside a group that wraps all of it (after a
    word boundary, which each alternative then opens with)."""
    if source.startswith("\\b(?:") and _wrapped(source[2:]):
        return [f"\\b(?:{part})" for part in branches(source[2:])]
    return branches(source[3:-1]) if _wrapped(source) else alternatives(source)


def _wrapped(source: str) -> bool:
    """Tell whether a regex source is one (?:...) group from its first character to its last."""
    if not (source.startswith("(?:") and source.endswith(")")):
        return False
    closing = next(index for index, ch, depth in structure(source) if ch == ")" and depth == 0)
    return closing == len(source) - 1


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
_POSITIONS = {sre.AT_BEGINNING: "^", sre.AT_BEGINNING_STRING: r"\A", sre.AT_BOUNDARY: r"\b",
              sre.AT_NON_BOUNDARY: r"\B", sre.AT_END: "$", sre.AT_END_STRING: r"\Z"}
_FLAG_LETTERS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.ASCII: "a", re.UNICODE: "u"}


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _flag_letters(flags: int) -> str | None:
    letters = "".join(letter for flag, letter in _FLAG_LETTERS.items() if flags & flag)
    return letters if sum(flag for flag in _FLAG_LETTERS if flags & flag) == flags else None


def _member(kind: Any, value: Any, index: int) -> str | None:
    """Write one item of a parsed character class back as source, or None if it is not read here."""
    if kind is sre.LITERAL:
        return _char(value)
    if kind is sre.CATEGORY:
        return _CATEGORIES.get(value)
    if kind is sre.RANGE:
        return f"{_char(value[0])}-{_char(value[1])}"
    return "^" if kind is sre.NEGATE and index == 0 else None


def unparse(items: list[tuple[Any, Any]]) -> str | None:
    """Write a parsed sequence back as regex source (groups uncaptured), or None if it holds what is not read here."""
    out: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(_char(av))
        elif op is sre.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is sre.ANY:
            out.append(".")
        elif op is sre.AT and av in _POSITIONS:
            out.append(_POSITIONS[av])
        elif op is sre.IN:
            members = [_member(kind, value, index) for index, (kind, value) in enumerate(av)]
            if None in members:
                return None
            out.append(f"[{''.join(str(member) for member in members)}]")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, inner = av
            body = unparse(list(inner))
            if body is None:
                return None
            bound = "" if high is sre.MAXREPEAT else str(high)
            out.append(f"(?:{body}){{{low},{bound}}}{'?' if op is sre.MIN_REPEAT else ''}")
        elif op is sre.BRANCH:
            parts = [unparse(list(branch)) for branch in av[1]]
            if None in parts:
                return None
            out.append(f"(?:{'|'.join(str(part) for part in parts)})")
        elif op is sre.SUBPATTERN:
            _, added, removed, inner = av
            body, on, off = unparse(list(inner)), _flag_letters(added), _flag_letters(removed)
            if body is None or on is None or off is None:
                return None
            out.append(f"(?{on}{'-' + off if off else ''}:{body})")
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, inner = av
            body = unparse(list(inner))
            if body is None:
                return None
            out.append(f"(?{'<' if direction < 0 else ''}{'=' if op is sre.ASSERT else '!'}{body})")
        else:
            return None
    return "".join(out)


def _wild(op: Any, av: Any) -> bool:
    """Tell whether a parsed item is a repeat that may run over many different words."""
    return op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and (av[1] is sre.MAXREPEAT or av[1] > 1) and any(
        kind in (sre.ANY, sre.NOT_LITERAL) or (kind is sre.IN and _charset(value) is None)
        or (kind not in (sre.LITERAL, sre.IN) and _wild(kind, value)) for kind, value in _flat(list(av[2])))


def _flat(items: list[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Yield a parsed sequence's items and, inside groups and branches, theirs."""
    for op, av in items:
        yield op, av
        if op is sre.SUBPATTERN:
            yield from _flat(list(av[3]))
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _flat(list(branch))


def _opens_literal(op: Any, av: Any) -> bool:
    """Tell whether a parsed item opens with a literal character or a small class (what a search skips to fast)."""
    if op is sre.LITERAL:
        return True
    if op is sre.IN:
        return _charset(av) is not None
    if op is sre.SUBPATTERN:
        return bool(av[3].data) and _opens_literal(*av[3].data[0])
    if op is sre.BRANCH:
        return all(bool(branch.data) and _opens_literal(*branch.data[0]) for branch in av[1])
    return False


def needed_after(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return a pattern that matches at or after the start of each match of pattern, if it has one cheaper to
    search for than pattern is to try: the part of its sequence from the first literal after a repeat that may run
    over many words ("the (word ){0,3}? series that..." needs "series that..."). None where there is none.

    A text in which that part is not found after a place holds no match of pattern starting there.
    """
    items = list(_parser.parse(pattern.pattern, pattern.flags).data)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    wild = next((index for index, (op, av) in enumerate(items) if index > 0 and _wild(op, av)), None)
    if wild is None:
        return None
    begin = next((index for index in range(wild + 1, len(items)) if _opens_literal(*items[index])), None)
    if begin is None:
        return None
    end = begin
    while end < len(items) and unparse(items[end : end + 1]) is not None:
        end += 1
    source = unparse(items[begin:end])
    firsts = _first_items(*items[begin])
    if not source or firsts is None or _literal_weight(items[begin:end]) < _SELECTIVE:
        return None
    # A search for a pattern that opens with a letter matched in any case tries it at every place; one that opens
    # with a case-sensitive class skips in C to where that class matches, and looks back over it for the rest.
    opener = re.compile(unparse([(sre.IN, firsts)]) or "(?!)", pattern.flags | re.IGNORECASE)
    letters = "".join(_char(ord(found.group())) for found in opener.finditer(_PLANE))
    return re.compile(f"(?-i:[{letters}])(?<=(?=(?:{source}))(?s:.))", pattern.flags)


# Every character of the basic plane (a case-insensitive match equates no character of it with one of another plane).
_PLANE = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)


def _first_items(op: Any, av: Any) -> list[tuple[Any, Any]] | None:
    """Return class items matching (at least) every character a parsed item can open with, if it opens with some."""
    if op is sre.LITERAL:
        return [(op, av)] if av < 0x10000 else None
    if op is sre.IN:
        # A class of digits stands for digits of other planes too: only literal characters and ranges are read.
        basic = all((kind is sre.LITERAL and value < 0x10000) or (kind is sre.RANGE and value[1] < 0x10000)
                    for kind, value in av)
        return list(av) if basic and _charset(av) is not None else None
    inner = [list(av[3])] if op is sre.SUBPATTERN else [list(branch) for branch in av[1]] if op is sre.BRANCH else []
    found: list[tuple[Any, Any]] = []
    for sequence in inner:
        more = _first_items(*sequence[0]) if sequence else None
        if more is None:
            return None
        found += more
    return found or None


def _literal_weight(items: list[tuple[Any, Any]]) -> int:
    """Return how many characters every match of a parsed sequence holds that a literal or small class fixes."""
    weight = 0
    for op, av in items:
        if op is sre.LITERAL or (op is sre.IN and _charset(av) is not None):
            weight += 1
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            weight += av[0] * _literal_weight(list(av[2]))
        elif op is sre.SUBPATTERN:
            weight += _literal_weight(list(av[3]))
        elif op is sre.BRANCH:
            weight += min(_literal_weight(list(branch)) for branch in av[1])
    return weight
