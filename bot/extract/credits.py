"""Find the cue phrases that introduce cast and creators, and read the names they govern."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from bot.extract import lexicon
from bot.extract.blocks import as_lines, colon_lines
from bot.extract.castcues import (
    headline_names,
    hyphen_credits,
    interview_maker,
    listed_in_parentheses,
    paired_names,
    possessive_pairs,
)
from bot.extract.creators import creator_patterns, more_creators, source_author
from bot.extract.nametokens import Tokens
from bot.extract.people import PersonFact, names_backward, names_forward, off_place, role_before

_CAST_PAREN = re.compile(r"(?<=\()(?:portrayed|played|voiced)\s+by\s+", re.IGNORECASE)
_CAST_FORWARD = re.compile(
    r"\b(?:co-starring|starring|also\s+stars|(?<!pop\s)(?<!the\s)stars(?!\s+(?:in|include|of|who|are|were)\b)|starred|featuring|headlined\s+by"
    r"|fronted\s+by|led\s+by|toplined\s+by|with\s+a\s+cast\s+(?:including|of|that\s+includes)|(?:cast|ensemble"
    r"|lineup)\s+(?:also\s+)?(?:includes|including|included|features|featured|members\s+include)"
    r"|rounded\s+out\s+by"
    r"|(?:portrayed|played|voiced|performed)\s+by|voice\s+cast\s+(?:includes|of)|(?P<beside>alongside|opposite)"
    r"|(?:special|cameo|guest)\s+appearances?\s+(?:by|from)"
    r"|joined\s+by|join(?:s|ed)?\s+(?:lead\s+|star\s+|co-star\s+)?(?=[A-Z])|cast\s*:"
    r"|(?:original\s+|main\s+|new\s+|returning\s+)?cast\s+members?|cast\s+(?:line-?up|roster)\s+(?:of|includes|including)"
    r"|(?:joining|join(?:s|ed)?)\s+the\s+(?:main\s+|voice\s+)?cast\s*(?::|are|is|include|includes)"
    r"|cast,?\s+(?:that|which)\s+(?:also\s+)?includes?|(?:set|slated|expected|due|poised|tapped)\s+to\s+(?:co-)?star"
    r"|will\s+(?:also\s+)?(?:co-)?star(?=\s+[A-Z])|(?P<along>along\s+with)"
    # "features character designs by A" credits a maker, not a cast member.
    r"|(?:also\s+)?features?(?!\s+(?:[a-z][\w-]*\s+){1,3}(?:by|from)\b)|hosted\s+by|(?:presented|fronted|emceed)\s+by"
    r"|(?:actors|stars|actresses|performers|names|cast\s+members)\s+(?:[^.;:]{0,50}?\s+)?(?:include|are)"
    r"|\bjoining\s+[A-Z][^.;:]{0,60}?\s+(?:are|is)|casting(?:\s+of\s+(?:co-?stars?\s+|actor\s+|actress\s+)?)?(?=\s*[A-Z])"
    # "X is adding A and B as two new series regulars": the show adds the names that follow.
    r"|(?:is\s+adding|has\s+added|have\s+added|adds|added)(?=\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:and\s+(?:[A-Z][\w’'.-]*\s+){1,3})?"
    r"(?:as\s+(?:(?:a|an|two|three|four|new|its|the)\s+)*(?:series\s+regulars?|regulars?|recurring|guest|cast\s+members?)"
    r"|to\s+(?:its|their|the)\s+(?:main\s+)?cast|for\s+(?:its|their)\s+(?:[\w-]+\s+)?season)\b)"
    r"|brought\s+to\s+life\s+by(?:\s+(?:actor|actress))?,?|(?:main|lead|leading|supporting)\s+(?:roles?|cast)\s*:|(?:also\s+)?cast\s+in\s+(?:the\s+)?(?:supporting|main|lead"
    r"|leading|key|minor|major)\s+roles?\s+(?:are|is|include)|(?:the|main|male|female|second|supporting)\s+leads"
    r"\s+(?:are\s+|include\s+)?(?=(?-i:[A-Z]))|(?:lead|leading|main)\s+(?:actors?|actress(?:es)?)\s+(?=(?-i:[A-Z]))|(?:(?<=\s\s)|(?<=[”\"’]\s))with(?=\s+[A-Z][\w’'-]+\s+[A-Z])"
    r"|(?-i:Casts|Adds|Taps|Recruits|Enlists)(?=\s+[A-Z]))\s*",
    re.IGNORECASE,
)
# Lower-case only: a capitalised "Produce101" names an audition show, not a producing credit.
_PRODUCTION_WORDS = re.compile(r"produc|direct|writ|wrote|showrun")
_NAME_END = re.compile(r"(?-i:[A-Z])[\w’'-]*\s+(?-i:[A-Z])[\w’'-]+\s+$")
_CLAUSE_CAST = re.compile(r"\b(?:stars?|starring|cast|plays|opposite|alongside|features)\b", re.IGNORECASE)
_OFFER_LEAD = re.compile(
    r"(?:\b(?:has|had|have)\s+)?(?:received|got|accepted|been\s+(?:given|made)|is\s+(?:considering|reviewing))"
    r"\s+(?:an\s+|the\s+)?$",
    re.IGNORECASE,
)
_LIST_CUES = re.compile(
    r"(?:co-)?starring|stars|featuring|(?:portrayed|played|voiced)\s+by|cast\s*:|(?:\w+\s+)?cast\s+members?"
    r"|cast\s+line|join(?:ing|s|ed)?\s+the|hosted|presented|\w+\s+to\s+(?:co-)?star|will\s+|cast,|fronted|emceed"
    r"|(?:actors|stars|actresses|performers|names)\s|(?:also\s+)?features?|joining\s|(?:voice\s+)?cast\s|ensemble\s"
    r"|lineup\s|with\s+a\s+cast|casts\s|adds\s|taps\s|recruits\s|enlists\s|main\s|lead\s|leading\s|supporting\s"
)
_WITH_AS = re.compile(r"\b(?:with|and|while)\s+(?=(?:[A-Z][\w’'-]*\s+){1,4}as\s)")
_CAST_VERB = re.compile(
    r"\b(?P<verb>star|stars|lead|leads|headline|headlines|co-star|co-stars|topline|toplines|front|fronts|cast|join"
    r"|joins|joined|joining(?=\s+the\s+(?:[A-Z][\w’'-]*\s+){0,3}(?:main\s+|voice\s+)?(?:cast|ensemble)\b)|board|boards|boarded|play|plays|playing|portray|portrays|portraying|voice|voices|reprise|reprises|reunite"
    r"|reunites|starring(?=\s+(?:in|on|as)\s)|sign(?:s|ed)?\s+on(?:to)?(?!\s+to\s+(?:direct|write|produce|executive|helm|create|pen))"
    r"|confirmed(?=\s+(?:for|to\s+(?:star|join|lead|appear)))|casted|(?:started|began|start|begin)\s+filming"
    r"|(?:are|is)\s+the\s+(?:male\s+|female\s+)?leads?|(?:taking|take|takes)\s+over\s+(?:[\w’'-]+\s+){1,2}role|(?:take|takes|taking)\s+(?:on\s+)?(?:a|the)\s+(?:lead(?:ing)?|main|starring|title|central|key)\s+role"
    r"|(?:was|is)\s+the\s+(?:first|latest|newest|last)\s+(?:series\s+regular|actor|actress|star|cast\s+member)\s+to"
    r"\s+(?:be\s+cast|join|board|sign)"
    r"|take\s+on|takes\s+on|rounds?\s+out|rounded\s+out(?=\s+the)|offers?(?=\s+to\s+(?:star|appear|lead))"
    r"|(?:return|returns|returning|is\s+back)(?=\s+as\b)|(?<=\balso\s)starred(?!\s+(?:in|on|as|for|with)\b))"
    r"\b(?!\s+(?:agency|label|company|the\s+agency|forces))"
    r"|(?:(?<=\bin\s)|(?<=\bin\sthe\s))(?P<part>supporting|key|lead|leading|main|major|recurring|guest)\s+roles?\b",
    re.IGNORECASE,
)
_LEADS = {
    "to": frozenset(["set", "expected", "tapped", "slated", "poised", "chosen", "attached", "confirmed", "finalized",
                     "talks", "first", "latest", "newest", "next", "last"]),
    "talks": frozenset(["in"]),
}
_AUXILIARIES = frozenset([
    "be", "will", "would", "is", "are", "has", "have", "also", "now", "officially", "reportedly", "been", "set",
    "confirmed", "expected", "tapped", "slated", "cast", "finalized", "poised", "chosen", "attached", "the", "as",
    "announced", "revealed", "named", "instead", "be", "have", "already", "recently",
])
_ROLE_AFTER = re.compile(
    r"^\s+(?:(?:in|on)\s+[^,.;]{0,60}?\s+|the\s+(?:lead\s+|main\s+)?(?:cast|ensemble)\s+)?"
    r"(?:as|the\s+(?:lead\s+)?(?:role|part)\s+of|to\s+(?:play|portray|voice))\s+", re.IGNORECASE
)
_DIRECT_ROLE = re.compile(r"^\s+(?:the\s+(?:lead\s+)?(?:role|part)\s+of\s+)?(?=[A-Z]|the\s|a\s|an\s)")
_BY_VERB = (
    r"\b(?i:(?P<verb>created|co-created|developed|written|co-written|penned|scripted|directed|co-directed|helmed"
    r"|executive[- ]produced|showrun|adapted|supervised|script\s+is|screenplay\s+is|teleplay\s+is|scripts?\s+are"
    r"|(?<=an\s)(?:original\s+)?screenplay|(?<=a\s)screenplay|series\s+composition)"
    # A list of the jobs ("created, written, and executive produced by"): the first verb names the credit.
    r"(?:(?:,\s+(?:written|directed|executive[- ]produced|created|helmed))*,?\s+and\s+"
    r"(?P<verb2>written|directed|executive[- ]produced|created|helmed))?"
    r"(?:\s+for\s+(?:television|TV|the\s+screen))?\s+by)\s+"
)
# "A writes and showruns alongside B": B shares every job the verbs name.
_WITH_VERB = (r"(?:executive[- ]produc(?:es|e|ing)|co-executive[- ]produces|writes|showruns|directs|co-writes|pens"
              r"|serves?\s+as\s+(?:the\s+)?(?:co-)?showrunner"
              r"|(?:co-)?wrote\s+the\s+(?:story|script|pilot|teleplay)(?:\s+along)?)")
_PRODUCES_WITH = re.compile(
    r"\b(?P<verbs>" + _WITH_VERB + r"(?:(?:,\s*|\s+and\s+)" + _WITH_VERB + r"){0,2})\s+(?:alongside|with)\s+",
    re.IGNORECASE)
# What _WITH_VERB says around a job: "serves as showrunner", "co-wrote the pilot along" name only the job.
_JOB_WORDING = re.compile(
    r"serves?\s+as\s+(?:the\s+)?(?:co-)?|\s+the\s+(?:story|script|pilot|teleplay)(?:\s+along)?", re.IGNORECASE)
_VERB_JOBS = {
    "created": "creator", "co-created": "creator", "developed": "creator", "written": "writer",
    "co-written": "writer", "penned": "writer", "scripted": "writer", "adapted": "writer", "directed": "director",
    "co-directed": "director", "helmed": "director", "executive produced": "executive producer",
    "wrote": "writer", "co-wrote": "writer",
    "supervised": "director",
    "showrun": "showrunner", "direct": "director", "write": "writer", "pen": "writer", "helm": "director",
    "executive produce": "executive producer", "create": "creator", "co write": "writer", "directs": "director",
    "adapt": "writer",
    "writes": "writer", "co writes": "writer", "pens": "writer", "helms": "director", "showruns": "showrunner",
    "executive produces": "executive producer", "directing": "director", "writing": "writer",
    "showrunning": "showrunner", "executive producing": "executive producer", "created the series": "creator",
    "created the show": "creator", "created the drama": "creator", "wrote the script": "writer",
    "wrote the screenplay": "writer", "wrote the scripts": "writer", "script is": "writer",
    "screenplay is": "writer", "teleplay is": "writer", "scripts are": "writer", "script are": "writer",
    "screenplay": "writer", "original screenplay": "writer", "series composition": "writer",
}
_WILL_JOB = re.compile(
    r"(?:(?<=\bwill\s)|(?<=\bto\s)|(?<=\balso\s))(?P<verbs>(?:direct|write|pen|helm|showrun|executive[- ]produce"
    r"|create|co-write|adapt)(?:(?:,\s*|\s+and\s+)(?:direct|write|pen|helm|showrun|executive[- ]produce|create"
    r"|co-write|adapt)){0,3})\b|\b(?P<present>directs|(?:writes|writing)(?!\s+(?:the\s+)?(?:music|score|songs?|theme))"
    r"|pens|helms|showruns|executive[- ]produces"
    # "Penn has written X": the perfect presents new work; "who has written X" recalls a credit.
    r"|(?<!\bwho\shas\s)(?<!\bwho\shave\s)(?:(?<=\bhas\s)|(?<=\bhave\s))(?:written|penned|scripted|created|co-created)(?=\s+[A-Z“\"‘])"
    r"|directing(?!\s+(?:the\s+)?(?:sound|art|music|photography|action"
    r"|animation|cgi|3d|colou?r|dubbing|casting)\b)|showrunning|executive[- ]producing"
    r"|executive[- ]produce(?![a-z])|created\s+the\s+(?:series|show|drama)|wrote\s+the\s+(?:script|screenplay"
    r"|scripts)|(?:co-)?created(?=\s+and\s+(?:executive[- ]produce[sd]|writes|wrote|directs|directed|showruns"
    r"|stars|starred)\b))\b",
)
# "A and B co-wrote, directed and executive produced the comedy": past credits governing the series as object.
# "A helmed the other two episodes": the episodes are this show's, as the series is.
_PAST = r"(?:co-)?(?:wrote|created|directed)|executive[- ]produced|helmed"
_PAST_JOB = re.compile(
    r"\b(?P<verbs>(?:" + _PAST + r")(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:" + _PAST + r")){0,3})"
    r"(?=\s+(?:the|this)\s+(?:[\w+’'-]+\s+){0,3}?(?:series|show|comedy|drama|anime|miniseries|thriller|sitcom"
    r"|pilot|episodes|premiere|finale)\b)"
)
_WILL_LEAD = re.compile(
    r"(?:\b(?:is|are)\s+(?:set|attached)\s+to|\bis\s+on\s+board\s+to|\bwill(?:\s+also)?|\bto|\balso)\s+$"
)
_JOB_LEADS = (
    re.compile(r"\b(?:serves?|serving|(?:will|to|also)\s+(?:also\s+)?serve|is\s+serving|also\s+serves?)\s+as\s+"
               r"(?:the\s+)?(?:series['’]?\s+)?$", re.IGNORECASE),
    re.compile(r"\b(?:(?:is|returns|return|back|stays|remains|returning|on\s+board|will\s+return)\s+)?as\s+"
               r"(?:the\s+)?(?:series['’]?\s+)?$"),
    re.compile(r"\b(?:handling|handles|in\s+charge\s+of)\s+$"),
    re.compile(r",\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,2}$"),
)
_ADJECTIVE = r"(?:[a-z][\w-]{1,15}|[A-Z][a-z]+-[a-z][\w-]*)"


@cache
def _jobs() -> str:
    return r"(?:" + lexicon.job_alternation() + r")"


@cache
def _by_verb() -> re.Pattern[str]:
    return re.compile(_BY_VERB + r"(?P<adj>(?:(?!" + _jobs() + r"\b)" + _ADJECTIVE + r"\s+){0,3})")


@cache
def _job_apposition() -> re.Pattern[str]:
    job = _jobs()
    return re.compile(
        r"\b(?P<jobs>" + job + r"(?:(?:\s*,\s*|\s+and\s+(?:fellow\s+)?|\s*&\s*|\s*/\s*)" + job + r"){0,3})s?,?\s+"
        r"(?!(?:of|for|and|who|on|at|to|in|is|was|has)\b)(?=[A-Z])",
        re.IGNORECASE,
    )


@cache
def _job_words() -> re.Pattern[str]:
    """Return the pattern for job words a name can stand before ("X serves as showrunner", "X, the director")."""
    job = _jobs()
    return re.compile(r"\b(?P<jobs>" + job + r"s?(?:(?:,\s*|\s+and\s+|\s*&\s*)" + job + r"s?){0,3})\b(?!\s+(?:the\s+)?"
                      r"(?:sound|art|music|photography|action|animation|cgi|3d|colou?r|dubbing|casting)\b)",
                      re.IGNORECASE)


def _jobs_in(words: str) -> list[str]:
    found = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*|\s*/\s*", words.strip()):
        part = part[:-1] if part.endswith("s") and lexicon.job_for(part[:-1]) else part
        key = re.sub(r"\s+", " ", part.casefold())
        job = _VERB_JOBS.get(key) or _VERB_JOBS.get(key.replace("-", " ")) or lexicon.job_for(part)
        if job and job not in found:
            found.append(job)
    return found


def _cast(text: str, found: Mapping[str, list[re.Match[str]]], tokens: Tokens, out: list[PersonFact]) -> None:
    for match in found["cast_paren"]:
        described = role_before(text, match.start() - 1, tokens)
        out.extend(names_forward(text, match.end(), "cast", described, from_text=tokens))
    for match in found["cast_forward"]:
        following = text[match.end() : match.end() + 30].split(" ", 1)[0].casefold()
        led = match.group().casefold().startswith(("led", "headlined", "fronted", "toplined"))
        if (lexicon.job_for(following) not in (None, "executive producer", "producer") or (
            lexicon.job_for(following) and not led
        )) or (
            (match.group("beside") or match.group("along"))
            and (_PRODUCTION_WORDS.search(text, max(0, match.start() - 25), match.start())
                 or _PRODUCTION_WORDS.search(text, match.end(), match.end() + 40)
                 or _continues_credits(text, match.start()))
        ):
            continue
        listed = _LIST_CUES.match(match.group().casefold()) is not None
        out.extend(names_forward(text, match.end(), "cast", None, from_text=tokens, single=listed,
                                 limit=40 if listed else 8, reach=900 if listed else 300,
                                 characters_first=not listed))
    for match in found["with_as"]:
        for fact in names_forward(text, match.end(), "cast", None, limit=1, from_text=tokens):
            if text.startswith(fact.name + " as ", fact.position):
                out.append(fact)
    for match in found["cast_verb"]:
        if _noun_or_surname(text, match):
            continue
        start = match.start() if match.group("verb") else text.rfind(" in ", 0, match.start()) + 1
        if (match.group("verb") or "").casefold().startswith("offer"):
            lead = _OFFER_LEAD.search(text, max(0, start - 50), start)
            if lead is None:
                continue
            start = lead.start()
        names = names_backward(text, _before_auxiliaries(text, start), "cast", None, tokens)
        if not names:
            continue
        after = text[match.end() : match.end() + 120]
        role: str | None = None
        roled = _ROLE_AFTER.match(after)
        verb = (match.group("verb") or "").casefold()
        if roled is None and verb.startswith(("play", "portray", "voice", "take")):
            roled = _DIRECT_ROLE.match(after)
        if roled is not None:
            parsed = _role_only(after[roled.end() :])
            role = parsed[0].name if parsed else None
        sure = [fact for fact in names if fact.certain] or names
        if len(sure) == 1:
            names = [PersonFact("cast", f.name, role if f is sure[0] else None, f.position, f.certain) for f in names]
        out.extend(names)


def _continues_credits(text: str, start: int) -> bool:
    """Tell whether "along with" goes on with a list of credits ("created by A and B, along with C")."""
    reach = max(0, start - 300)
    clause = text[max(text.rfind(". ", reach, start), text.rfind("\n", reach, start), reach) : start]
    credited = _by_verb().search(clause)
    return credited is not None and _CLAUSE_CAST.search(clause, credited.end()) is None


def _noun_or_surname(text: str, match: re.Match[str]) -> bool:
    """Tell whether a cast verb is a noun ("the lead") or part of a name ("Darren Star and ...")."""
    before = text[max(0, match.start() - 5) : match.start()].casefold()
    if before.endswith((" the ", " a ", " an ")):
        return True
    following = text[match.end() : match.end() + 2].strip()[:1]
    return match.group()[:1].isupper() and text[match.start() - 2 : match.start() - 1].isalpha() and (
        following.islower() or not following)


def _before_auxiliaries(text: str, end: int) -> int:
    """Return where the helper words before a verb begin ("has been cast", "is set to star")."""
    words: list[tuple[int, str]] = []
    position = end
    while position > 0 and len(words) < 9:
        start = text.rfind(" ", max(0, position - 16), position - 1) + 1
        words.append((start, text[start:position].strip().casefold()))
        position = start
    best, index = end, 0
    while index < len(words):
        start, word = words[index]
        if word in _LEADS:
            if word == "to" and index + 1 < len(words) and _NAME_END.search(text[max(0, start - 60) : start]):
                # "recruited A, B and C to star": the names stand right before "to".
                best = start
                break
            if index + 1 >= len(words) or words[index + 1][1] not in _LEADS[word]:
                break
            best, index = words[index + 1][0], index + 2
        elif word in _AUXILIARIES:
            best, index = start, index + 1
        else:
            break
    return best


def _role_only(text: str) -> list[PersonFact]:
    """Read a role (possibly after a short description) as a pseudo-name."""
    found = names_forward("X as " + text[:100], 0, "cast", None, limit=1)
    return [PersonFact("cast", found[0].detail, None, 0)] if found and found[0].detail else []


def _creators(
    text: str, found: Mapping[str, list[re.Match[str]]], tokens: Tokens, out: list[PersonFact]
) -> None:
    handled: set[int] = set()
    for match in found["by_verb"]:
        handled.add(match.end())
        jobs = _jobs_in(match.group("verb") + ("," + match.group("verb2") if match.group("verb2") else ""))
        start = match.end()
        explicit = _job_apposition().match(text, start)
        if explicit is not None:
            jobs = _jobs_in(explicit.group("jobs")) or jobs
            start = explicit.end()
        for job in jobs:
            out.extend(names_forward(text, start, "creator", job, from_text=tokens))
    for match in found["job_apposition"]:
        if match.start() not in handled:
            for job in _jobs_in(match.group("jobs")):
                out.extend(names_forward(text, match.end(), "creator", job, limit=4, from_text=tokens))
    for match in found["produces_with"]:
        verbs = re.sub(r"(?i)co-executive", "executive", match.group("verbs"))
        verbs = _JOB_WORDING.sub("", verbs)
        for job in _jobs_in(re.sub(r"(?i)produc(?:es|e|ing)", "produces", verbs)) or ["executive producer"]:
            out.extend(names_forward(text, match.end(), "creator", job, limit=4, from_text=tokens))
    for match in found["will_job"]:
        lead = _WILL_LEAD.search(text, max(0, match.start() - 40), match.start()) if match.group("verbs") else None
        end = lead.start() if lead else _before_auxiliaries(text, match.start())
        for job in _jobs_in(match.group("verbs") or match.group("present") or ""):
            out.extend(names_backward(text, end, "creator", job, tokens) or _subject(text, end, job, tokens))
    for match in found["past_job"]:
        end = _before_auxiliaries(text, match.start())
        for job in _jobs_in(match.group("verbs")):
            out.extend(names_backward(text, end, "creator", job, tokens))
    for match in found["job_words"]:
        lead_start = _job_lead(text, match)
        lead_start = _before_auxiliaries(text, lead_start) if lead_start else lead_start
        for job in _jobs_in(match.group("jobs")) if lead_start is not None else ():
            found_names = names_backward(text, lead_start or 0, "creator", job, tokens)
            out.extend(found_names or _subject(text, lead_start or 0, job, tokens))


def _subject(text: str, end: int, job: str, tokens: Tokens) -> list[PersonFact]:
    """Return the name opening the sentence when a job follows a second verb ("X created it and serves as ...")."""
    dot = text.rfind(". ", 0, end)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, end) + 1)
    if " and " not in text[start:end] or end - start > 160:
        return []
    return names_forward(text, start, "creator", job, limit=1, from_text=tokens)


def _job_lead(text: str, match: re.Match[str]) -> int | None:
    """Return where the phrase putting a name before this job word starts, if there is one."""
    following = text[match.end() : match.end() + 10]
    for number, lead in enumerate(_JOB_LEADS):
        found = lead.search(text, max(0, match.start() - 60), match.start())
        if found is None:
            continue
        if number == 1 and (not match.group("jobs").islower() or following[:2].strip()[:1].isupper()):
            continue
        if number == 3 and re.match(r"\s+(?:of|behind|for)\b", following):
            continue
        return found.start()
    return None


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """Return the cue patterns find_people needs matched, by name."""
    return {
        "cast_paren": _CAST_PAREN, "cast_forward": _CAST_FORWARD, "with_as": _WITH_AS, "cast_verb": _CAST_VERB,
        "by_verb": _by_verb(), "job_apposition": _job_apposition(), "produces_with": _PRODUCES_WITH,
        "will_job": _WILL_JOB, "past_job": _PAST_JOB, "job_words": _job_words(), **creator_patterns(),
    }


def find_people(
    text: str, found: Mapping[str, list[re.Match[str]]] | None = None, headline_end: int = -1
) -> list[PersonFact]:
    """Return every cast member and creator a cue names; found holds the cue matches (else they are searched)."""
    if found is None:
        found = {name: list(pattern.finditer(text)) for name, pattern in patterns().items()}
    people: list[PersonFact] = []
    tokens = Tokens(text)
    _cast(text, found, tokens, people)
    _creators(text, found, tokens, people)
    if ":" in text:
        colon_lines(text, people)
    if "\n" in text:
        as_lines(text, people)
    people.extend(more_creators(text, found, tokens))
    people = [fact for fact in people if not (fact.kind == "creator" and source_author(text, fact))]
    creators = {fact.name for fact in people if fact.kind == "creator"}
    cast = {fact.name for fact in people if fact.kind == "cast"}
    people.extend(fact for fact in paired_names(text) if fact.kind == "creator" or (
        fact.name not in creators and fact.detail not in cast))
    if " On " in text[: max(headline_end, 0)]:
        makers = interview_maker(text, headline_end)
        people.extend(makers)
        creators.update(fact.name for fact in makers)
    people.extend(fact for fact in headline_names(text, headline_end) if fact.name not in creators)
    if "-" in text:
        people.extend(hyphen_credits(text))
    if "’s" in text or "'s" in text:
        people.extend(possessive_pairs(text))
    if "(" in text:
        people.extend(listed_in_parentheses(text))
    characters = {fact.detail for fact in people if fact.kind == "cast" and fact.detail}
    stage_names = _headline_stage_names(text, headline_end, people)
    if stage_names:
        people = [PersonFact(f.kind, f.name, f.detail, f.position, True) if f.name in stage_names else f
                  for f in people]
    people = [off_place(fact) for fact in people]
    return [fact for fact in people if fact.name not in characters and not _plays_as_surname(fact, people)]


def _headline_stage_names(text: str, headline_end: int, people: list[PersonFact]) -> set[str]:
    """Return the one-word stage names to take as people: the headline opens with one the body casts again
    ("Minjae cast in drama X" / "Minjae is cast in ...")."""
    if headline_end <= 0:
        return set()
    return {fact.name for fact in people if fact.kind == "cast" and " " not in fact.name
            and fact.position > headline_end and text.startswith(f"{fact.name} ")}


def _plays_as_surname(fact: PersonFact, people: list[PersonFact]) -> bool:
    """Tell whether a cast name is a character another actor plays by surname ("B (Show) as Whitlock")."""
    if fact.kind != "cast" or fact.detail or " " not in fact.name:
        return False
    surname = fact.name.rsplit(" ", 1)[1]
    return any(other.kind == "cast" and other.detail == surname and other.name != fact.name for other in people)
