"""Score each candidate series on named features with one weight table, and keep those above a threshold."""

from __future__ import annotations

from dataclasses import dataclass

from bot.extract.entity import Entity
from bot.extract.nameshape import STRONG, name_shape
from bot.names import fold

THRESHOLD = 2.5

# Why each weight: evidence that the text itself sets a title off (quotes, a headline slot, a cue frame) counts
# most; cue words in the same sentences and ties to a platform or a series type word add; words of film, music,
# recaps or ratings take away. A veto is a weight no evidence can outweigh.
WEIGHTS: dict[str, float] = {
    "quoted": 1.0,
    "headline": 1.5,
    "headline_run": 0.5,
    "news_frame": 1.5,
    "type_frame": 0.75,
    "weak_frame": 0.5,
    "list_item": 1.0,
    "repeated": 0.4,
    "news_cue": 0.75,
    "strong_cue": 0.75,
    "platform": 0.5,
    "series_type": 0.75,
    "people": 0.5,
    "season": 0.5,
    "slate": 0.75,
    "film": -4.0,
    "other_work": -2.0,
    "named_work": -3.0,
    "recap": -2.0,
    "recap_only": -5.0,
    "awards": -1.0,
    "film_doc": -2.5,
    "no_news": -3.0,
    "quiet": -1.0,
    "no_series_word": -1.5,
    "untitled_bare": -10.0,
    "lead": 1.0,
    "credit": -8.0,
    "person": -2.0,
    "named_person": -10.0,
    "scene": -2.5,
    "passing": -1.0,
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """One candidate's features, score and whether it is kept."""

    title: str | None
    features: dict[str, float]
    score: float
    kept: bool
    reason: str | None = None

    def explain(self) -> str:
        """Return the features and score (or why the title was never scored) as one line of text."""
        if self.reason:
            return f"drop   —    {self.title or '(untitled)'}  [{self.reason}]"
        parts = ", ".join(f"{name}={value:g}×{WEIGHTS[name]:g}" for name, value in self.features.items() if value)
        return f"{'KEEP' if self.kept else 'drop'} {self.score:+.2f}  {self.title or '(untitled)'}  [{parts}]"


@dataclass(frozen=True, slots=True)
class Context:
    """What the whole text says, as every candidate in it is scored."""

    slate: bool = False
    lead_end: int = 0
    film_doc: bool = False
    news_doc: bool = False
    # Surnames of the people the text reads as cast or creators: a person-shaped title ending in one is that person.
    surnames: frozenset[str] = frozenset()


def named_person(title: str | None, surnames: frozenset[str]) -> bool:
    """Tell whether a title is a person's name ("Ana Ruiz" where the text also reads "Ruiz" as cast)."""
    words = (title or "").split()
    return 2 <= len(words) <= 3 and fold(words[-1]) in surnames and name_shape(title or "") == STRONG


def features(entity: Entity, context: Context) -> dict[str, float]:
    """Return the named features of one entity."""
    slate, lead_end = context.slate, context.lead_end
    sources = entity.sources
    unquoted_only = "quoted" not in sources and "headline" not in sources
    set_off = not unquoted_only
    found: dict[str, float] = {
        "quoted": float("quoted" in sources),
        "headline": float(entity.in_headline and set_off),
        "headline_run": float(entity.in_headline and not set_off),
        "news_frame": float(min(entity.frames["news"], 2)),
        "type_frame": float(min(entity.frames["type"], 2)),
        "weak_frame": float(min(entity.frames["weak"], 2)),
        # A slate article gives each show a paragraph that names it first ("X, based on ..., will ...").
        "list_item": float("list" in sources or (slate and entity.opens_paragraph
                                                 and bool(entity.frames["type"] or entity.frames["news"]))),
        "repeated": float(min(max(entity.mentions - 1, 0), 3)),
        "news_cue": float(entity.news),
        "strong_cue": float(entity.strong),
        "platform": float(bool(entity.platforms)),
        "series_type": float(min(entity.series_votes, 2)),
        "people": float(bool(entity.people)),
        "season": float(entity.season is not None),
        "slate": float(slate),
        "film": _film(entity),
        "other_work": float(entity.other_votes > entity.series_votes),
        # A song or game named so in apposition is that work, whatever series words the sentences around it hold.
        "named_work": float("other" in entity.apposed and "series" not in entity.apposed),
        "recap": float(entity.recap),
        "recap_only": float(entity.recap and not entity.strong),
        "awards": float(entity.awards),
        "film_doc": float(context.film_doc and entity.series_votes == 0),
        "no_news": float(not (entity.news or slate or entity.frames["news"] or context.news_doc)),
        "quiet": float(not (entity.news or slate or entity.frames["news"]) and context.news_doc),
        "no_series_word": float(entity.series_votes == 0 and not slate and not unquoted_only
                                and entity.season is None),
        "untitled_bare": 0.0,
        "scene": float(entity.frames["scene"] > 0 and not entity.frames["news"]),
        "person": float(entity.frames["person"] > 0),
        "named_person": float(named_person(entity.title, context.surnames) or (
            # "Smith will join the cast": a lone word the text uses as a person's surname is that person.
            unquoted_only and fold(entity.title or "") in context.surnames and " " not in (entity.title or "")) or (
            unquoted_only and entity.frames["person"] > 0 and name_shape(entity.title or "") == STRONG)),
        "credit": float(entity.frames["credit"] > 0 and not entity.frames["news"]),
        "lead": float(entity.in_headline or entity.first < lead_end),
        "passing": float(entity.mentions <= 1 and not entity.frames["news"] and not entity.in_headline
                         and entity.first >= lead_end and "list" not in sources and not entity.para_lead
                         and not (slate and "quoted" in sources)),
    }
    if entity.title is None:
        details = entity.platforms or entity.based_on or entity.people
        bare = not details or entity.kind_hint in ("film", "music", "other")
        found["untitled_bare"] = float(bare or (entity.series_votes == 0 and not slate))
        found["news_frame"] = 2.0
    return found


def _film(entity: Entity) -> float:
    """Return how much the text calls the work a film: twice when it says so in as many words and never names
    a series kind for it (platforms that air mostly series do not outweigh that)."""
    if entity.called_film and not any(entity.kinds.values()):
        return 2.0
    return float(bool(entity.film_votes) and entity.film_votes >= entity.series_votes)


def judge(entity: Entity, context: Context, threshold: float | None = None) -> Verdict:
    """Return the verdict on one entity: its features, its score and whether it clears the threshold."""
    found = features(entity, context)
    score = sum(WEIGHTS[name] * value for name, value in found.items())
    limit = THRESHOLD if threshold is None else threshold
    return Verdict(entity.title, found, score, score >= limit)
