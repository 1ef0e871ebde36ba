"""Read how a sentence uses each title: as news, or as a credit, source, alias or aside."""

from __future__ import annotations

import re
from functools import cache

from bot.extract import lexicon, nameshape
from bot.extract.frames import frames
from bot.extract.regex_starts import literal_starts
from bot.extract.scan import ODD_CASE
from bot.extract.text import Document
from bot.extract.titles import Mention, Role

_PAIR = re.compile(r"^[”\"’']?\s*(?:,\s*|\s+(?:and|&)\s+)[“\"‘']?$")
_CHAIN = re.compile(
    r"^(?:\s*\((?:19|20)\d{2}\))?[\s,;]*(?:(?:and|or|&|plus)\s+)?(?:(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3})?$"
)
# A credit or comparison list goes on through owners' names: "known for HBO's X and Hulu's Y".
_OWNER_CHAIN = re.compile(
    r"^[”\"’']?\s*(?:,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?:[A-Z][\w.&+!-]*\s+){0,2}[A-Z][\w.&+!-]*"
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}[“\"‘']?$"
)
# The same list where its first title was no candidate: "known for HBO's X and Hulu's " ends the prefix of Y.
_OWNER_TAIL = re.compile(
    r"(?:[A-Z][\w.&+!-]*['’]s\s+)?[“\"‘']?[A-Z0-9][\w’'.&+!:-]*(?:\s+(?:[A-Z0-9][\w’'.&+!:-]*|of|the|a|in|on|to))"
    r"{0,6}[”\"’']?(?:\s*,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?:[A-Z][\w.&+!-]*\s+){0,2}"
    r"[A-Z][\w.&+!-]*['’]s\s+(?:[a-z][\w-]*\s+){0,2}[“\"‘']?$"
)
# Promotional material words stop the fill: "debuted the first teaser for X" launches X's promotion, not a credit;
# so does a news verb: "starred in A and renewed B" makes B news.
_FILL = (r"(?:\s+(?!(?:new|upcoming|next|forthcoming|untitled|latest|announced|unveiled|ordered|trailers?|teasers?"
         r"|videos?|posters?|visuals?|footage|clips?|promos?|PVs?|stills?|first-look|renew(?:s|ed)"
         r"|cancel(?:s|l?ed)|axed|scrapped|dropped|dumped|canned|greenlit)\b)[\w’'.+-]+){0,5}?")
_CREDIT_CUE = re.compile(
    r"(?:\b(?:best\s+|well\s+|widely\s+|also\s+|most\s+)?(?:known|famous|recogni[sz]ed|remembered|praised"
    r"|acclaimed|celebrated|beloved)\s+for"
    # A role named before its show: "best known for playing a detective on the ABC series X".
    r"|\b(?:known|famous|remembered|recogni[sz]ed)\s+for\s+(?:playing|portraying|voicing|starring|(?:his|her|their)"
    r"\s+(?:[\w-]+\s+)?(?:roles?|turns?|work))\b[^.;:!?]{0,60}?\s(?:in|on)"
    r"|\b(?:starred|appeared|featured|cameoed|worked|debuted|wrote|directed|helmed|penned|created|co-created"
    r"|produced|adapted)(?:\s+(?:in|on|for|with))?|\bsince"
    # "made" and "animated" are adjectives before a type word ("its original animated series X"), verbs otherwise.
    r"|\b(?:made|animated)(?![\s-]+(?:for[\s-]+)?(?:[\w-]+\s+)?(?:series|shows?|dramas?|anime|sitcoms?|specials?|films?|movies?)\b)"
    # So is "scripted": "renewed ten scripted shows and cancelled X" is no writing credit.
    r"|\bscripted(?!\s+(?:[\w-]+\s+)?(?:series|shows?|dramas?|comed(?:y|ies)|sitcoms?|fare|programs?|programming|originals?)\b)"
    r"|\bcredits?\s+(?:include|includes|including|such\s+as|like)"
    r"|\b(?:creators?|directors?|writers?|showrunners?|producers?|authors?|helmers?|stars?|makers|team|minds?)"
    r"\s+(?:of|behind)"
    r"|\bfrom\s+the\s+(?:creators?|directors?|writers?|makers|team|producers?|studio)"
    r"|\b(?:director|writer|PD|creator|showrunner|actor|actress|star|screenwriter)\s+(?:[A-Z][\w’'.-]*\s+){1,4}"
    r"(?:of|from|behind)"
    r"|\b(?:was|were|had\s+been)\s+(?:in|part\s+of|among)\s+the\s+(?:main\s+)?cast\s+of"
    r"|\b(?:success|popularity)\s+of|(?<!\bis\s)(?<!\bare\s)(?<!\bis\salso\s)(?<!\bare\salso\s)\bbehind|\balumn(?:us|a|i)(?:\s+of)?|\bveteran\s+of"
    r"|\b(?:his|her|their|whose)\s+(?:(?:previous|past|earlier|former|hit|acclaimed|popular|breakout|famous|notable"
    r"|other|many|recent|debut|lead|leading|starring|supporting)\s+){0,2}(?:roles?|turns?|performances?|works?"
    r"|credits?|films?|dramas?|hits?|projects?|appearances?|stints?|movies?|series|shows?)"
    r"\s+(?:in|on|as|such\s+as|including|like|include|includes)"
    r"|\b(?:his|her|their|whose|its)\s+(?:previous|past|earlier|former|last|prior|breakout|debut)\s+(?:[\w-]+\s+)?"
    r"(?:shows?|series|dramas?|films?|movies?|works?|projects?|novels?|books?|hits?))" + _FILL + r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(
    r"^[,.’'”\"]*\s*(?:\((?:19|20)\d{2}\)|(?:['’]s\s+)?(?:star|actor|actress|creator|co-creator|director|writer"
    r"|showrunner|helmer|scribe|author|producer|PD|alum|alumni|cast\s+member|fame)\b)",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^[’'”\"]*\s*(?:spin-?off|prequel|sequel|reboot|remake|revival|follow-up)\b", re.IGNORECASE
)
_ADAPTED_INTO = re.compile(
    r"[’'”\"]*,?\s+(?:(?:in)?to|as)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:series|drama|comedy|miniseries|show|anime|thriller)\b"
    r"|[’'”\"]*,?\s+(?:straight\s+)?to\s+series\b", re.IGNORECASE)
# "a TV adaptation of A's novel X is in the works": the adaptation is the series, named as its book.
# Not "a series adaptation of X" nor "a series based on X": a series described by its source may be untitled.
_SCREEN_ADAPTATION = re.compile(r"\b(?:tv|television|small[- ]screen)\s+$", re.IGNORECASE)
_SOURCE_CUE = re.compile(
    r"\b(?:based\s+on|adapted\s+from|adaptation\s+of|adapt|adapts|adapting|remake\s+of|remake|remakes|remaking"
    r"|reboot\s+of|reboot|reboots|rebooting|reimagining\s+of|(?:spin-?off|sequel|prequel)(?:\s+series)?\s+(?:of|from|to)"
    r"|inspired\s+by|version\s+of)"
    r"(?:\s+(?!by\b)[\w’'.-]+){0,6}?\s*[,:]?\s*$",
    re.IGNORECASE,
)
_ALIAS_CUE = re.compile(
    r"\b(?:also\s+known\s+as|a\.?k\.?a\.?|known\s+(?:in\s+\w+\s+)?as|also\s+called|(?:english|international"
    r"|original|korean|japanese|chinese|literal|former|alternative)\s+title(?:\s+is)?|formerly\s+(?:titled|known"
    r"\s+as|called)|originally\s+(?:titled|called)|retitled|renamed)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_BACKGROUND_CUE = re.compile(
    r"\b(?:in\s+addition\s+to|along\s+with|alongside|besides|apart\s+from|aside\s+from|unlike|similar\s+to|like"
    r"|following|after|joining|compared\s+(?:to|with)|than|than\s+in)(?:\s+[\w’'.+-]+){0,2}?\s*[,:]?\s*$"
    r"|\balso\s+(?:includes?|including|features?|has)(?:\s+[\w’'.+-]+){0,5}?\s*[,:]?\s*$"
    # Examples given for a comparison ("similar to the fate of shows such as X") are background, however far.
    r"|\b(?:similar\s+to|(?:the\s+)?(?:same\s+)?fates?\s+(?:of|that|suffered|met))\b[^.;:]{0,140}?\b(?:such\s+as"
    r"|including)\s*$"
    # A show saved or ended before is the example a comparison draws on ("like Hulu did with previously-cancelled
    # Fox sitcom X").
    r"|\b(?:previously|formerly|once|already)[- ](?:cancell?ed|axed|ended|rescued|saved)\b(?:\s+[\w’'.+-]+){0,3}?"
    r"\s*[,:]?\s*$"
    r"|\blike\s+(?:[\w’'.+-]+\s+){1,3}(?:did|does|has\s+done|had\s+done)\s+(?:with|for)(?:\s+[\w’'.+-]+){0,4}?"
    r"\s*[,:]?\s*$"
    # A comparison or disambiguation names another show: "in the vein of Fox's recently cancelled X", "not to be
    # confused with the BBC's X".
    r"|\b(?:in\s+the\s+(?:vein|mou?ld|spirit|tradition)\s+of|not\s+to\s+be\s+confused\s+with|reminiscent\s+of"
    r"|akin\s+to|unrelated\s+to|(?:comparisons?|compared)\s+(?:to|with)"
    r"|(?:spiritual\s+)?(?:descendant|successor|heir|predecessor|forerunner)\s+(?:of|to))(?:\s+[\w’'.+-]+){0,4}?\s*[,:]?\s*$"
    # News that comes after other shows ended gives those as context: "the order comes after Netflix cancelled X".
    r"|\b(?:comes?|came|arrives?|arrived|follows?|followed)\s+(?:just\s+)?(?:(?:days|weeks|months)\s+)?(?:after|as)\b"
    r"[^.;:!?]{0,60}?\b(?:cancell?ed|axed|scrapped|ended|cancell?ation\s+of|end\s+of)(?:\s+[\w’'.+-]+){0,2}?"
    r"\s*[,:]?\s*$"
    # A slogan or hashtag is quoted like a title but names a campaign.
    r"|\b(?:slogan|tagline|motto|catchphrase|hashtag|campaign)\s*[,:]?\s*$"
    # The show a new one follows in a time slot ("will air after the conclusion of X").
    r"|\b(?:after|following|replacing|succeeding)\s+the\s+(?:conclusion|end|finale|final\s+episode|run)\s+of\s*$"
    # A show praised as already known ("its acclaimed drama X", "his classic K-drama X") is background, not news.
    r"|\b(?:its|his|her|their|the\s+network's|the\s+streamer's)\s+(?:(?:acclaimed|hit|popular|classic|beloved"
    r"|long-running|flagship|iconic|famous|celebrated|award-winning|smash|cult|breakout|signature)\s+)+"
    r"(?:[\w-]+\s+)?(?:dramas?|series|shows?|sitcoms?|comedy|comedies|anime|k-dramas?|franchises?)\s*[,:]?\s*$",
    re.IGNORECASE,
)
# A title used to describe another show ("a 'X' parody", "an X-style thriller") is a comparison, not news; "the X
# franchise" is the brand, not a new show.
_BACKGROUND_AFTER = re.compile(
    r"^[’'”\"]*\s*(?:-?style|-esque|-like|-inspired|spoof|parody|parodies|homage|knock-?off|rip-?off|clone"
    r"|franchises?|format)\b",
    re.IGNORECASE,
)
# Photo captions name a show without reporting news: a line that starts with a credit or copyright mark, or a
# verbless "Names in a poster for X" / "Name in Network's drama X" line.
_CAPTION_MARK = re.compile(r"^\s*(?:©|\(?(?:photos?|image|pictured|picture|credit|courtesy)\b\s*[:(/]?)", re.IGNORECASE)
_CAPTION_PEOPLE = re.compile(
    r"^\s*(?P<first>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})(?:(?:,\s+|,?\s+and\s+|\s*&\s*)[A-Z][\w’'.-]*"
    r"(?:\s+[A-Z][\w’'.-]*){1,3})*\s+(?:in|at|on\s+the\s+set\s+of)\s+(?!talks|negotiations|final|early)"
)
_CAPTION_WORDS = re.compile(r"\b(?:poster|still|stills|photo|image|scene|promotional|teaser\s+image)\b", re.IGNORECASE)


# A sentence that opens with a participle clause ("Created by A, X tells...", "Adapted from the 2017 film, X is...")
# makes the title after the comma its subject: the credit or source words describe that title, not another work.
_FRONTED_CLAUSE = re.compile(
    r"(?:Created|Co-created|Written|Directed|Produced|Helmed|Developed|Penned|Adapted|Based|Inspired|Loosely\s+based"
    r"|Set)\b[^.;:!?()]{0,150},\s*$"
)
_SUBJECT_VERB = re.compile(r"[”’\"']?\s+(?:[a-z]|will\b)")


def fronted_subject(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Tell whether text[start:end] is the subject after a sentence's opening participle clause."""
    return _FRONTED_CLAUSE.match(text, sentence_start, start) is not None and _SUBJECT_VERB.match(text, end) is not None


# "A has created X, an eight-part drama": a perfect with the new work described after it announces that work; a
# past credit reads "who has written X" or goes undescribed.
_PERFECT_BEFORE = re.compile(r"(?<!\bwho\s)\b(?:has|have)\s+(?:(?:now|just|also)\s+)?$", re.IGNORECASE)
_PERFECT_VERB = re.compile(r"(?:written|created|co-created|penned|scripted)\s*$", re.IGNORECASE)
_APPOSITION = re.compile(r"[”’\"']?(?:\s*\([^()\n]{1,40}\))?,\s+(?:a|an)\s+(?:[\w’'-]+,?\s+){0,5}?$")


def _announced_work(text: str, cue_start: int, start: int, end: int, limit: int) -> bool:
    """Tell whether a credit verb before a title is a perfect presenting the title as new ("has created X, a drama")."""
    if not _PERFECT_VERB.fullmatch(text, cue_start, start):
        return False
    if not _PERFECT_BEFORE.search(text, max(0, cue_start - 30), cue_start):
        return False
    after = text[end : min(limit, end + 100)]
    return any(_APPOSITION.fullmatch(after, 0, hit.start) for hit in lexicon.types().find(after))


_CLAUSE_VERB = re.compile(r"[”’\"']?\s+(?:has|have|had|is|are|was|were|will)\b")


def _since_clause(cue: str, text: str, end: int) -> bool:
    """Tell whether a "since" cue before a title opens a clause the title is the subject of ("since X has landed")."""
    return cue.casefold().startswith("since") and _CLAUSE_VERB.match(text, end) is not None


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def is_caption(doc: Document, position: int) -> bool:
    """Tell whether the body line holding a position is a photo caption."""
    start, end = _line(doc.text, position)
    if start < doc.headline_end:
        return False
    line = doc.text[start:end]
    if _CAPTION_MARK.match(line):
        return True
    people = _CAPTION_PEOPLE.match(line)
    if people is None or len(line) > 140 or nameshape.name_shape(people["first"]) == nameshape.NOT_A_NAME:
        return False
    return not line.rstrip().endswith((".", "!", "?")) or _CAPTION_WORDS.search(line) is not None


@cache
def _cue_heads() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[Role]]]:
    """Return patterns for every place where a role cue may start (before one of the cues' first words), and the
    roles whose cue may start at a place, by the (longest) first word found there.

    The first pattern is for lower-cased text (a case-insensitive trie is much slower), the second for any text.
    Both are run on the text with a space before it: each consumes the character before a word, which lets the
    engine skip in C through the words to the next edge. Every cue opens at a word boundary, so the places such a
    character marks hold all those where a cue can start.
    """
    roles_of: dict[str, set[Role]] = {}
    for role, cue in _ROLE_CUES.items():
        starts = literal_starts(cue)
        assert starts is not None and all(start[:1].isalpha() for start in starts), cue.pattern
        for start in starts:
            roles_of.setdefault(start, set()).add(role)
    # Where a longer first word stands, each shorter one it begins with stands too ("adapt" in "adapted").
    roles = {head: frozenset(role for other, its_roles in roles_of.items() if head.startswith(other)
                             for role in its_roles) for head in roles_of}
    source = r"[^a-z0-9](?=(" + lexicon.trie_pattern(roles_of) + "))"
    return re.compile(source), re.compile(source, re.IGNORECASE), roles


_ROLE_CUES = {Role.ALIAS: _ALIAS_CUE, Role.SOURCE: _SOURCE_CUE, Role.CREDIT: _CREDIT_CUE,
              Role.BACKGROUND: _BACKGROUND_CUE}
_ALL_ROLES = frozenset(_ROLE_CUES)


def _role_cue(prefix: str) -> tuple[Role, int] | None:
    """Return the first role whose cue ends the prefix, and where that cue starts (as cue.search would find it)."""
    # A cue can only start where one of its own first words does: it is matched there, not tried at every character.
    lowered, anycase, roles = _cue_heads()
    folded = prefix.lower()
    if len(folded) != len(prefix) or any(letter in prefix for letter in ODD_CASE):
        # A first word in odd letters is not looked up: every cue is tried there.
        places = [(edge.start(), _ALL_ROLES) for edge in anycase.finditer(" " + prefix)]
    else:
        # In the spaced text a word stands one character after the edge before it: where it starts in the prefix.
        places = [(edge.start(), roles[edge.group(1)]) for edge in lowered.finditer(" " + folded)]
    for role, cue in _ROLE_CUES.items():
        for place, cued in places:
            if role in cued and (found := cue.match(prefix, place)) is not None:
                return role, found.start()
    return None


def assign_roles(doc: Document, mentions: list[Mention]) -> None:
    """Set each titled mention's role, and where its credit, source or alias phrase starts."""
    previous: Mention | None = None
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.title is None:
            previous = None
            continue
        sentence = doc.sentences[mention.sentence]
        base = max(sentence.start, mention.start - 160)
        prefix = doc.text[base : mention.start]
        whole_prefix = doc.text[max(sentence.start, mention.start - 400) : mention.start]
        chained = (previous is not None and previous.sentence == mention.sentence
                   and (_CHAIN.match(doc.text[previous.end : mention.start]) is not None
                        or _OWNER_CHAIN.match(doc.text[previous.end : mention.start]) is not None))
        mention.role, mention.zone_start = Role.MAIN, mention.start
        if is_caption(doc, mention.start):
            mention.role = Role.BACKGROUND
        elif whole_prefix.count("(") > whole_prefix.count(")"):
            opening = prefix.rfind("(")
            mention.zone_start = base + opening
            mention.role = Role.ALIAS if _ALIAS_CUE.search(prefix[opening + 1 :]) else Role.PAREN
        elif chained and previous is not None and previous.role is not Role.MAIN:
            mention.role, mention.zone_start = previous.role, previous.zone_start
        elif fronted_subject(doc.text, sentence.start, mention.start, mention.end):
            pass
        else:
            cued = _role_cue(prefix)
            if cued is None and (tail := _OWNER_TAIL.search(prefix)) is not None:
                listed = _role_cue(prefix[: tail.start()])
                cued = listed if listed is not None and listed[0] in (Role.CREDIT, Role.BACKGROUND) else None
            if cued is not None and _since_clause(prefix[cued[1] :], doc.text, mention.end):
                cued = None
            if cued is not None and cued[0] is Role.CREDIT and _announced_work(
                doc.text, base + cued[1], mention.start, mention.end, sentence.end
            ):
                cued = None
            if cued is not None and cued[0] is Role.SOURCE and (
                    _ADAPTED_INTO.match(doc.text, mention.end) or (
                        prefix.startswith("adaptation", cued[1]) and _SCREEN_ADAPTATION.search(prefix, 0, cued[1]))):
                pass  # "will adapt the novel X into a four-part drama": the series keeps the source's name.
            elif cued is not None:
                mention.role, mention.zone_start = cued[0], base + cued[1]
            else:
                following = doc.text[mention.end : min(sentence.end, mention.end + 40)]
                if _CREDIT_AFTER.match(following) or _names_its_star(following):
                    mention.role = Role.CREDIT
                    if (previous is not None and previous.role is Role.MAIN and previous.sentence == mention.sentence
                            and _PAIR.match(doc.text[previous.end : mention.start])):
                        # "“A” and “B” showrunner X": the credit names both titles.
                        previous.role = Role.CREDIT
                elif _SOURCE_AFTER.match(following):
                    mention.role = Role.SOURCE
                elif _BACKGROUND_AFTER.match(following):
                    mention.role = Role.BACKGROUND
        previous = mention


# "starring 'Harbour' Jane Doe": a title set right before a name is that person's earlier credit.
_NAME_NEXT = re.compile(
    r"^[’'”\"]?\s(?P<name>[A-Z][a-z][\w’'-]*(?:\s[A-Z][a-z][\w’'-]*){1,2})(?=[\s,.;:)]|$)(?!\s[A-Z])")


def _names_its_star(following: str) -> bool:
    found = _NAME_NEXT.match(following)
    if found is None:
        return False
    # A headline goes on with its verb, not a name: "'X' Will Debut in the Fall", "'X' Will Return".
    stops = frames().headline_stop
    return nameshape.name_shape(found.group("name")) == nameshape.STRONG and not any(
        word.casefold() in stops for word in found.group("name").split()[1:])


def chained(doc: Document, first: Mention, second: Mention) -> bool:
    """Tell whether two mentions are items of one list ("A, B and C")."""
    return first.end <= second.start and _CHAIN.match(doc.text[first.end : second.start]) is not None


# A possessive name stands as a determiner too: "X, Jo Marsh's new film", "X, the network's latest drama".
_AFTER_GAP = re.compile(
    r"^[,’'”\".!?]*\s*(?:(?:is|was|will\s+be|becomes|marks)\s+)?(?:(?:a|an|the|this|its|their|his|her"
    r"|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*['’]s)\s+(?:[\w’'-]+\s+){0,5}?)?$"
)
# A capitalised type word after a capitalised name ends a company's name ("Harbor Films"), not a kind of work.
_COMPANY_WORD = re.compile(r"\b[A-Z][\w&.-]*\s+(?:Films|Film|Pictures|Movies|Animation|Television|TV)$")
_BEFORE_GAP = re.compile(r"^\s*(?:[,:]\s*)?(?:(?:titled|called|named|dubbed|entitled)\s*)?[,:]?\s*$")


def adjacent_type(doc: Document, mention: Mention, limit_before: int, limit_after: int) -> str | None:
    """Return the type word (series, drama, film, song...) in apposition to a mention, if any."""
    types = lexicon.types()
    before = doc.text[max(limit_before, mention.start - 60) : mention.start]
    hits = list(types.find(before))
    fronted = fronted_subject(doc.text, doc.sentences[mention.sentence].start, mention.start, mention.end)
    company = hits and _COMPANY_WORD.search(before, 0, hits[-1].end)
    if hits and _BEFORE_GAP.match(before[hits[-1].end :]) and not fronted and not company:
        return hits[-1].value
    after = doc.text[mention.end : min(limit_after, mention.end + 80)]
    hit = next(types.find(after), None)
    if hit and _AFTER_GAP.match(after[: hit.start]):
        return hit.value
    return None
