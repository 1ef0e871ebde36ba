"""One pass over a document: its titles blanked out, the cues and people outside them, and who owns a position."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.extract.credits import find_people
from bot.extract.credits import patterns as credits_patterns
from bot.extract.cues import Cues
from bot.extract.entity import Entity, Spans
from bot.extract.people import PersonFact
from bot.extract.platforms import PlatformHit, platform_hits
from bot.extract.scan import ODD_CASE
from bot.extract.slates import slate_makers
from bot.extract.text import Document, mask
from bot.extract.titles import Mention, Role

# The entity a fact at a position belongs to.
Owner = Callable[[int], Entity | None]
# The free matches of the cues one sentence holds, by cue name.
Free = dict[str, list[re.Match[str]]]
_SENTENCE_CUES = ("news", "status", "strong", "recap", "awards", "film", "synopsis", "date", "coref", "genre",
                  "country", "language", "location", "city")


@dataclass(slots=True)
class Reader:
    """One pass over a document, sentence by sentence."""

    doc: Document
    published: datetime | None
    mentions: list[Mention]
    cues: Cues
    entities: dict[str, Entity] = field(default_factory=dict)
    by_mention: dict[int, Entity] = field(default_factory=dict)
    masked: str = ""
    folded: str = ""
    zones: Spans = field(default_factory=lambda: Spans([]))
    platforms: list[PlatformHit] = field(default_factory=list)
    # Platforms the text names as news (not in a credit), with where they stand: the network of a paragraph.
    news_platforms: list[tuple[int, str]] = field(default_factory=list)
    # By sentence: the matches of each cue that start in it and that no title or credit covers.
    free: list[Free] = field(default_factory=list)

    def build_mask(self) -> None:
        """Blank out titles and the credit, source and alias phrases that govern them."""
        spans = []
        for mention in self.mentions:
            if mention.title is None:
                continue
            start = mention.start if mention.role is Role.MAIN else mention.zone_start
            spans.append((min(start, mention.start), mention.end))
        self.zones = Spans(spans)
        self.masked = mask(self.doc.text, spans)
        folded = self.masked.lower()
        odd = len(folded) != len(self.masked) or any(letter in self.masked for letter in ODD_CASE)
        self.folded = "" if odd else folded
        self.platforms = [hit for hit in platform_hits(self.doc.text, self.cues.found["platform"],
                                                       self.cues.found["platform_risky"])
                          if not self.zones.touches(hit.start, hit.end)]

    def holds(self, word: str, start: int, end: int) -> bool:
        """Tell whether the masked text may hold a lower-case word in [start, end), in any letter case."""
        # A pattern that needs the word cannot match where it is absent: the test saves a regex search.
        return not self.folded or self.folded.find(word, start, end) >= 0

    def sort_free_cues(self) -> None:
        """File the matches of the sentence cues that no title or credit covers under the sentence they start in."""
        # Each sentence asks for a dozen cues, most of which it does not hold: one pass over the few matches
        # answers all of them.
        sentences = self.doc.sentences
        starts = [sentence.start for sentence in sentences]
        self.free = [{} for _ in sentences]
        for name in _SENTENCE_CUES:
            for match in self.cues.found[name]:
                index = bisect.bisect_right(starts, match.start()) - 1
                if index >= 0 and match.start() < sentences[index].end and not self.zones.touches(
                        match.start(), match.end()):
                    self.free[index].setdefault(name, []).append(match)

    def owner(self, position: int, eligible: list[Mention], starts: list[int], carry: Entity | None) -> Entity | None:
        """Return the entity a fact at position belongs to: nearest news mention before it, else after."""
        if not eligible:
            return carry
        index = bisect.bisect_right(starts, position) - 1
        return self.by_mention[id(eligible[max(index, 0)])]

    def people(self) -> dict[int, list[PersonFact]]:
        """Return the cast and creators read from the document, by sentence."""
        starts = [s.start for s in self.doc.sentences]
        blanks = [(m.start, m.end) for m in self.mentions if m.title] + [(h.start, h.end) for h in self.platforms]
        makers = slate_makers(self.doc, self.mentions)
        blanks += [(fact.position, fact.position + len(fact.name)) for fact in makers]
        spans = Spans(blanks)
        found = {name: [m for m in self.cues.found[name] if not spans.touches(m.start(), m.end())]
                 for name in credits_patterns()}
        by_sentence: dict[int, list[PersonFact]] = {0: makers} if makers else {}
        for fact in find_people(mask(self.doc.text, blanks, keep=".!?;,"), found, self.doc.headline_end):
            by_sentence.setdefault(bisect.bisect_right(starts, fact.position) - 1, []).append(fact)
        return by_sentence
