"""Resolution -> events (what happened, when, where, to whom) and the figures it states.

Events are read clause by clause from citations ("the statement ... of 6 January 2022"),
recitals ("whereas on 2 January 2022 thousands of people started protesting ...") and the
expressive clauses of paragraphs ("Regrets that, on 12 October 2023, the Council informed
..."); directive clauses ("calls on ... to release") ask for things and state no facts.

An event is a trigger word from the event-type lexicon (resgraph/data/event_types.json)
paired with a date in the same clause. A date printed before its clause's verb ("whereas on
5 January President Tokayev declared a state of emergency") pairs with the nearest trigger
after it; a date after a noun or verb ("the statement ... of 6 January", "shot dead ... on 8
January") with the nearest one before it; a date used as a modifier ("the 2011 Zhanaozen
massacre") with the noun it modifies. A counted figure that is the subject of a violent or
repressive trigger ("at least 225 people have been killed") makes an event too, undated if
the text gives no date. Deadlines ("by 23 January") never date an event.

Dates are as precise as the text (resgraph.dates). The same event stated twice (same type,
same day, no conflicting actors) is one event with several text spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType

from resgraph.dates import DateMention, YearContext, find_dates
from resgraph.extract.demands import SpeechActs, speech_acts
from resgraph.extract.figures import FoundFigure, find_figures
from resgraph.kb.data import read as read_knowledge
from resgraph.kb.data import read_lexicon
from resgraph.lang import en as ENGLISH
from resgraph.model import (
    Demand,
    Entity,
    Event,
    EventSpan,
    Figure,
    LegalReference,
    Mention,
    Part,
    Resolution,
)
from resgraph.patterns import alternatives

# Types whose participants can be on the receiving end (victims, detainees, the sentenced).
AFFECTING = frozenset({"killing", "injury", "detention", "sentencing", "torture",
                       "persecution", "deportation"})
_ACT_MADE = frozenset({"legal-act"})
_SAID_OR_MET = frozenset({"statement", "meeting"})
_AGREED = frozenset({"agreement-signed"})


@dataclass(frozen=True)
class _Cues:
    """A language's event cues (lang/<code>/events.py), compiled."""

    passive: re.Pattern[str]
    # a passive auxiliary a few words before a trigger: "have been detained or", "was shot",
    # "has been placed in pre-trial", "were allegedly tortured"
    passive_before: re.Pattern[str]
    reported: re.Pattern[str]
    # noun triggers in one coordination share what is said of them ("the arrests,
    # intimidation and torture of civil activists"): a comma, "and" or "or" (and an article)
    coordinated: re.Pattern[str]
    # a relative clause dating its head by another event: "the arrests ... that began during
    # the January 2022 rallies", "the detentions which started after the 2020 elections"
    dated_by: re.Pattern[str]
    # a legal act named right after its participle ("the recently approved EU Global Human
    # Rights Sanctions Regime"), or made by an act named before it ("with Regulation (EU)
    # 2023/2667 a new visa fee of EUR 20 was introduced")
    attributive_before: re.Pattern[str]
    instrumental_before: re.Pattern[str]
    possessive_gap: re.Pattern[str]
    subject_gap: re.Pattern[str]
    unreal: re.Pattern[str]
    opener: re.Pattern[str]
    lead: re.Pattern[str]
    trail: re.Pattern[str]
    locative: re.Pattern[str]
    place_cue: re.Pattern[str]
    determiner: re.Pattern[str]
    not_in_noun_phrase: re.Pattern[str]
    agent_before: re.Pattern[str]
    object_before: re.Pattern[str]
    by: str  # " by ", the agent's preposition between spaces
    subordinator: str  # " that "
    the: str  # "the "
    past: str
    verb_endings: tuple[str, str]
    plural: tuple[str, str]
    words: ModuleType


def _any(words: tuple[str, ...]) -> str:
    return "|".join(words)


@lru_cache(maxsize=4)
def cues_for(words: ModuleType) -> _Cues:
    """The cues of lang/<code>/events.py compiled: what the readers below match."""
    w = words
    openers = _any(tuple(rf"\b{o},?" for o in w.CLAUSE_OPENERS))
    cased = _any(tuple(f"[{p[0].upper()}{p[0]}]{p[1:]}" for p in w.INSTRUMENTAL_PREPOSITIONS))
    return _Cues(
        passive=re.compile(rf"\b(?:{_any(w.PASSIVE_AUXILIARIES)})\b"),
        passive_before=re.compile(rf"\b(?:{_any(w.PARTICIPLE_AUXILIARIES)})\b(?: [\w-]+){{0,3}} $"),
        reported=re.compile(w.REPORTED_PATTERN),
        coordinated=re.compile(
            rf"\s*(?:,\s*(?:{_any(tuple(c + chr(92) + 's+' for c in w.COORDINATORS))})?|"
            rf"\s+(?:{_any(w.COORDINATORS)})\s+)(?:{w.THE}\s+)?"),
        dated_by=re.compile(rf"\b(?:{_any(w.RELATIVE_PRONOUNS)}) (?:{_any(w.DATING_VERBS)}) "
                            rf"(?:{_any(w.DATING_PREPOSITIONS)}) (?:{w.THE} )?$"),
        attributive_before=re.compile(rf"\b(?:{_any(w.ACT_DETERMINERS)})\s+"
                                      rf"(?:(?:{_any(w.RECENT_ADVERBS)})\s+)?$"),
        instrumental_before=re.compile(rf"\b(?:{cased})\s+$"),
        possessive_gap=re.compile(rf"(?:{_any(w.POSSESSIVE)}) "),
        subject_gap=re.compile(rf" (?:(?:{_any(w.SUBJECT_AUXILIARIES)}) )?"
                               rf"(?:(?:{_any(w.SUBJECT_ADVERBS)}) )?"),
        unreal=re.compile(rf"\b(?:{_any(w.UNREAL)})\b", re.IGNORECASE),
        opener=re.compile(rf"(?:^|{openers}|,)"
                          rf"\s*(?:{_any(w.DATE_PREPOSITIONS)})?\s*$", re.IGNORECASE),
        lead=re.compile(w.LEAD_PATTERN, re.IGNORECASE),
        trail=re.compile(rf"(?:[\s,]+(?:{_any(w.TRAIL)}))*[\s,]*$", re.IGNORECASE),
        locative=re.compile(rf" (?:{_any(w.LOCATIVE_PREPOSITIONS)}) (?:{w.THE} "
                            rf"(?:{_any(w.SETTLEMENTS)}) of )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*"),
        place_cue=re.compile(
            rf"(?:{_any(tuple(chr(92) + 'b' + p for p in w.PLACE_PREPOSITIONS))}|"
            rf"{_any(tuple(s + ' of' for s in w.PLACE_CUE_SETTLEMENTS))})\s+(?:{w.THE}\s+)?$"),
        determiner=re.compile(rf"\b(?:{_any(w.DETERMINERS)})\b"),
        not_in_noun_phrase=re.compile(rf"[,;]|\b(?:{_any(w.FINITE_AUXILIARIES)})\b"),
        agent_before=re.compile(rf"\b{w.AGENT}\s+(?:{w.THE}\s+)?$"),
        object_before=re.compile(rf"\b(?:{_any(w.OBJECT_PREPOSITIONS)})\s+(?:{w.THE}\s+)?$"),
        by=f" {w.AGENT} ", subordinator=f" {w.SUBORDINATOR} ", the=f"{w.THE} ",
        past=w.PAST_ENDING, verb_endings=(w.PAST_ENDING, w.PROGRESSIVE_ENDING),
        plural=(w.PLURAL_ENDING, w.NOT_PLURAL_ENDING), words=w,
    )


_MAX_LABEL = 160


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    acled: str | None
    huridocs: str | None
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class _Lexicon:
    types: dict[str, EventType]
    by_trigger: dict[str, str]
    pattern: re.Pattern[str]
    exclusions: re.Pattern[str]


def event_types(language: str = ENGLISH.CODE) -> dict[str, EventType]:
    return _lexicon(language).types


def event_type_labels(language: str = ENGLISH.CODE) -> tuple[str, ...]:
    """Every event type's label, in the order of the type list: the timeline's marks
    (resgraph.timeline) are given by a type's place in it, the same in every drawing."""
    return tuple(kind.label for kind in event_types(language).values())


@lru_cache(maxsize=4)
def _lexicon(language: str) -> _Lexicon:
    data = read_knowledge("event_types.json")
    words = read_lexicon(language, "event_triggers.json")
    types = {t["id"]: EventType(t["id"], t["label"], t.get("acled"), t.get("huridocs"),
                                tuple(words["triggers"][t["id"]])) for t in data["types"]}
    by_trigger = {trigger: t.id for t in types.values() for trigger in t.triggers}

    return _Lexicon(types, by_trigger,
                    re.compile(rf"(?<![\w-])(?:{alternatives(by_trigger)})(?![\w-])"),
                    re.compile(rf"(?<![\w-])(?:{alternatives(words['exclusions'])})(?![\w-])"))


@dataclass(frozen=True)
class _Trigger:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class _Found:
    """An event before merging: where it was read, its trigger and its date."""

    part: Part
    start: int  # the words it is read from, subject included
    end: int
    trigger: _Trigger
    date: DateMention | None
    label_start: int  # where its label starts: the noun phrase of a noun trigger
    restates: int | None = None  # an earlier one it elaborates (its index in found)


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in [*re.finditer(r";\s*", text), None]:
        end = m.start() if m else len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end() if m else len(text)
    return spans


def _triggers(lex: _Lexicon, text: str, start: int, end: int,
              dates: list[DateMention]) -> list[_Trigger]:
    excluded = [(m.start(), m.end()) for m in lex.exclusions.finditer(text, start, end)]
    excluded += [(d.start, d.end) for d in dates]
    return [_Trigger(m.start(), m.end(), lex.by_trigger[m.group(0)])
            for m in lex.pattern.finditer(text, start, end)
            if not any(s < m.end() and m.start() < e for s, e in excluded)]


class _Reader:
    def __init__(self, resolution: Resolution, entities: tuple[Entity, ...],
                 mentions: tuple[Mention, ...], demands: tuple[Demand, ...],
                 references: tuple[LegalReference, ...], lexicon: ModuleType,
                 acts: SpeechActs) -> None:
        self.resolution = resolution
        self.figure_words = lexicon.figures
        self.cues = cues_for(lexicon.events)
        self.lexicon = _lexicon(lexicon.CODE)
        self.acts = acts
        self.kinds = {e.key: e.kind for e in entities}
        self.mentions: dict[tuple[str, ...], list[Mention]] = {}
        for m in mentions:
            self.mentions.setdefault(m.part.path, []).append(m)
        self.demands = demands
        self.references: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for r in references:
            self.references.setdefault(r.part.path, []).append((r.start, r.end))
        self.context = YearContext()
        self.found: list[_Found] = []
        self.figures: list[tuple[Part, FoundFigure, int | None]] = []  # (.., found index)
        self.year = resolution.metadata.procedure.year

    def run(self) -> tuple[tuple[Event, ...], tuple[Figure, ...]]:
        r = self.resolution
        expressive = {k for k, a in self.acts.items() if a.type != "directive"}
        for part in (*r.citations, *r.recitals):
            clauses = _clauses(part.text)
            self.read(part, clauses, clauses)
        for part in r.paragraphs:
            clauses = [(d.start, d.end) for d in self.demands if d.part is part]
            stating = [(d.start, d.end) for d in self.demands
                       if d.part is part and d.act in expressive]
            self.read(part, clauses or _clauses(part.text), stating)
        return self.finish()

    def read(self, part: Part, clauses: list[tuple[int, int]],
             stating: list[tuple[int, int]]) -> None:
        """`clauses` are all of the part's clauses (for figures); `stating` those that can
        state events."""
        text = part.text
        dates = find_dates(text, self.context)
        references = self.references.get(part.path, [])
        for c_start, c_end in clauses:
            in_clause = [d for d in dates if c_start <= d.start < c_end]
            figures = find_figures(text, c_start, c_end,
                                   [(d.start, d.end) for d in in_clause] + references,
                                   self.figure_words)
            first = len(self.found)
            if (c_start, c_end) in stating:
                self.pair(part, c_start, c_end, in_clause, figures)
            mine = range(first, len(self.found))
            for figure in figures:
                self.figures.append((part, figure, self.event_of(figure, mine, part, c_start,
                                                                  c_end)))

    def pair(self, part: Part, c_start: int, c_end: int, dates: list[DateMention],
             figures: list[FoundFigure]) -> None:
        text = part.text
        triggers = _triggers(self.lexicon, text, c_start, c_end, dates)
        used: set[int] = set()
        for i, d in enumerate(dates):
            if d.role == "deadline":
                continue
            lo = dates[i - 1].end if i else c_start
            hi = dates[i + 1].start if i + 1 < len(dates) else c_end
            before = [t for t in triggers if lo <= t.start and t.end <= d.start
                      and t.start not in used and d.start - t.end < 250]
            after = [t for t in triggers if d.end <= t.start < hi and t.start not in used
                     and t.start - d.end < 150]
            if len(d.value or "") == 4 and not d.attributive:
                # a bare year dates single events ("a similar protest took place in
                # 2011"), not tallies ("official meetings in 2022", "42 contracts were
                # signed ... in 2022")
                before = [t for t in before if not self.aggregate(text, t, figures)]
                after = [t for t in after if not self.aggregate(text, t, figures)]
            near_after = [t for t in after if "," not in text[d.end : t.start]]
            near_before = [t for t in before if "," not in text[t.end : d.start]]
            if d.attributive:
                # "the 2011 Zhanaozen massacre": the noun the date modifies, a few words on
                choice = next((t for t in near_after if t.start - d.end < 40), None)
            elif self.cues.opener.search(text[c_start:d.start]):
                choice = after[0] if after else (near_before[-1] if near_before else None)
            else:
                choice = before[-1] if before else (near_after[0] if near_after else None)
            if choice is None:
                continue
            used.add(choice.start)
            start, label_start, end = self.extent(part, lo, hi, c_end, d, choice, triggers)
            self.found.append(_Found(part, start, end, choice, d, label_start))
            self.share_date(part, c_start, c_end, d, choice, triggers, used)
        for figure in figures:
            if figure.kind != "count":
                continue
            trigger = next((t for t in triggers if t.start not in used
                            and t.type in AFFECTING and 0 <= t.start - figure.end < 40
                            and not re.search(r"[,;]", text[figure.end : t.start])), None)
            if trigger is None:
                continue
            used.add(trigger.start)
            self.undated(part, c_start, c_end, trigger, None)

        # What was done to someone, in the passive, undated ("human rights defender Raigul
        # Sadyrbayeva ... has been placed in pre-trial detention", "journalists have been
        # detained or harassed"): a violent or repressive trigger after a passive verb, not
        # under a modal or a negation ("may be arrested", "was not detained").
        for trigger in triggers:
            if trigger.start in used or trigger.type not in AFFECTING:
                continue
            preceding = text[max(c_start, trigger.start - 40) : trigger.start]
            if not self.cues.passive_before.search(preceding) or self.cues.unreal.search(preceding):
                continue
            used.add(trigger.start)
            self.undated(part, c_start, c_end, trigger, trigger.start)

        # What a named actor did, undated: "President Tokayev accused activists ...": a
        # trigger in the past tense right after a person or a body.
        actors = [m for m in self.mentions.get(part.path, [])
                  if self.kinds.get(m.entity) in ("person", "organisation", "group", "office")
                  and c_start <= m.start and m.end <= c_end]
        for trigger in triggers:
            word = text[trigger.start : trigger.end]
            if trigger.start in used or not word.endswith(self.cues.past) or " " in word:
                continue
            subject = next((m for m in actors if self.cues.subject_gap.fullmatch(
                text[m.end : trigger.start])), None)
            if subject is None or self.cues.unreal.search(text[max(c_start, subject.start - 30)
                                                       : trigger.start]):
                continue
            used.add(trigger.start)
            self.undated(part, c_start, c_end, trigger, subject.start)

        # A named actor's statement or visit, undated: "President Tokayev’s announcement of
        # reforms", "declarations by the Ministry of Interior", "the visit to Kazakhstan by
        # the EU Special Representative": a noun trigger of a statement or a meeting, the
        # actor's possessive before it or "by" and the actor after it.
        for trigger in triggers:
            if trigger.start in used or trigger.type not in _SAID_OR_MET | AFFECTING | _AGREED:
                continue
            word = text[trigger.start : trigger.end]
            participle = (word.endswith(self.cues.past)
                          and text.startswith(self.cues.by, trigger.end))
            if (word.endswith(self.cues.past) and not participle) or word.endswith(
                    self.cues.verb_endings[1]):
                continue  # a verb: read above, with its subject
            # the owner of a statement or a visit made it; the owner of a detention suffered it
            owner = None if participle or trigger.type not in _SAID_OR_MET else next(
                (m for m in actors
                 if self.cues.possessive_gap.fullmatch(text[m.end : trigger.start])), None)
            # "judicial harassment by the country’s authorities", "signed by X": the agent
            # follows at once; a statement's or visit's may come a few words on
            reach = 60 if trigger.type in _SAID_OR_MET else 0
            by = re.match(rf"[^,;]{{0,{reach}}}? by ", text[trigger.end : c_end])
            agent = None
            if by:
                at = trigger.end + by.end()
                # the first actor of the by-phrase: "signed by the penitentiary system of
                # Kazakhstan and human rights defender Elena Semenova"
                agent = next((m for m in actors if at <= m.start <= at + 80
                              and not re.search(r"[,;]", text[at : m.start])), None)
            if owner is None and agent is None:
                continue
            if self.cues.unreal.search(text[max(c_start, trigger.start - 40)
                                   : trigger.end + (by.end() if by else 0)]):
                continue  # "which should be signed by", "no declaration by"
            used.add(trigger.start)
            # labelled from the owner ("President Tokayev’s announcement") or the noun's
            # determiner ("the visit to Kazakhstan by ...")
            label_from = owner.start if owner else _determiner(
                self.cues, text, max(c_start, trigger.start - 60), trigger.start)
            self.undated(part, c_start, c_end, trigger, trigger.start, label_from)

        # What the text says has been reported: "a five-day internet blackout intended to
        # disrupt the protesters’ communications has been reported".
        reported = self.cues.reported.search(text, c_start, c_end)
        if reported:
            # the thing reported: the last noun trigger before it with no comma between
            noun = next((t for t in reversed(triggers) if t.start not in used
                         and t.end < reported.start()
                         and not re.search(r"[,;]", text[t.end : reported.start()])
                         and not text[t.start : t.end].endswith(self.cues.verb_endings)), None)
            if noun is not None and not self.cues.unreal.search(text[c_start : reported.start()]):
                used.add(noun.start)
                self.undated(part, c_start, c_end, noun, noun.start,
                             _determiner(self.cues, text, max(c_start, noun.start - 60),
                                         noun.start))
        self.made_acts(part, c_start, c_end, triggers, used)

    def share_date(self, part: Part, c_start: int, c_end: int, d: DateMention,
                   choice: _Trigger, triggers: list[_Trigger], used: set[int]) -> None:
        """The noun triggers coordinated with a dated one take its date; so do the head of a
        relative clause that dates it by the event just read ("the arrests, intimidation and
        torture of civil activists that began during the January 2022 rallies") and the heads
        coordinated with it."""
        text = part.text
        head: _Trigger | None
        head, end = choice, None
        if d.attributive:
            relative = self.cues.dated_by.search(text, max(c_start, d.start - 60), d.start)
            if relative is None:
                return
            head = next((t for t in reversed(triggers) if t.end <= relative.start()
                         and relative.start() - t.end <= 80 and _noun(self.cues, text, t)
                         and not self.cues.not_in_noun_phrase.search(
                             text[t.end : relative.start()])),
                        None)
            end = choice.end
        if head is None or not _noun(self.cues, text, head):
            return
        group = [head]
        for step in (-1, 1):
            i = triggers.index(head) + step
            while 0 <= i < len(triggers):
                t = triggers[i]
                a, b = (t, group[0]) if step < 0 else (group[-1], t)
                if (not _noun(self.cues, text, t)
                        or not self.cues.coordinated.fullmatch(text, a.end, b.start)):
                    break
                group.insert(0, t) if step < 0 else group.append(t)
                i += step
        for t in group:
            if t.start in used:
                continue
            used.add(t.start)
            start = _determiner(self.cues, text, max(c_start, t.start - 60), t.start)
            start = t.start if start is None else start
            self.found.append(_Found(part, start, end or self.tail(text, t.end, c_end), t, d,
                                     start))

    def made_acts(self, part: Part, c_start: int, c_end: int, triggers: list[_Trigger],
                  used: set[int]) -> None:
        """A legal act made, undated: its participle right before the act's name ("the
        recently approved EU Global Human Rights Sanctions Regime") or, in the passive, after
        the act that made it ("with Regulation (EU) 2023/2667 a new visa fee ... was
        introduced")."""
        text = part.text
        refs = [(s, e) for s, e in self.references.get(part.path, []) if c_start <= s < c_end]
        for trigger in triggers:
            word = text[trigger.start : trigger.end]
            if (trigger.start in used or trigger.type not in _ACT_MADE
                    or not word.endswith(self.cues.past)):
                continue
            named = next((e for s, e in refs if 0 < s - trigger.end <= 2), None)
            opener = self.cues.attributive_before.search(text, max(c_start, trigger.start - 30),
                                                trigger.start)
            if named is not None and opener is not None:
                start, end = opener.start(), named
            else:
                by = next((s for s, e in refs if e <= trigger.start
                           and trigger.start - e <= 80 and not re.search(r"[,;]",
                                                                          text[e:trigger.start])
                           and self.cues.instrumental_before.search(text, max(c_start, s - 10),
                                                                    s)), None)
                passive = self.cues.passive_before.search(text[max(c_start, trigger.start - 40)
                                                      : trigger.start])
                if by is None or passive is None:
                    continue
                opener = self.cues.instrumental_before.search(text, max(c_start, by - 10), by)
                start = opener.start() if opener else by
                end = self.tail(text, trigger.end, c_end)
            if self.cues.unreal.search(text, start, end):
                continue
            used.add(trigger.start)
            self.found.append(_Found(part, start, end, trigger, None, start))

    def undated(self, part: Part, c_start: int, c_end: int, trigger: _Trigger,
                before: int | None, start: int | None = None) -> None:
        """An undated event of `trigger`, its text from `start`, else from the end of the
        clause's events read so far (those ending before `before`, when given), to the next
        comma after it."""
        previous = [f.end for f in self.found if f.part is part and c_start <= f.start < c_end
                    and (before is None or f.end <= before)]
        start = start if start is not None else max([c_start, *previous])
        # an undated event of a type the clause has already stated elaborates it ("13
        # activists ... have been convicted, including X and Y, who were sentenced to five
        # years"): one event with both spans
        restates = next((i for i, f in enumerate(self.found) if f.part is part
                         and f.date is None and f.restates is None
                         and c_start <= f.start < c_end and f.trigger.type == trigger.type),
                        None)
        self.found.append(_Found(part, start, self.tail(part.text, trigger.end, c_end),
                                 trigger, None, start, restates))

    def aggregate(self, text: str, trigger: _Trigger, figures: list[FoundFigure]) -> bool:
        """A trigger that names many events at once: a plural noun ("meetings") or a verb
        whose subject is a count ("42 contracts were signed")."""
        word = text[trigger.start : trigger.end]
        plural, not_plural = self.cues.plural
        if word.endswith(plural) and not word.endswith(not_plural) and " " not in word:
            return True
        return any(f.kind == "count" and f.value != "1" and 0 <= trigger.start - f.end < 30
                   for f in figures)

    @staticmethod
    def tail(text: str, pos: int, limit: int) -> int:
        """The end of the words after a trigger up to the next comma, capped."""
        stop = re.search(r"[,;]", text[pos:limit])
        end = pos + stop.start() if stop else limit
        return min(end, pos + 120)

    def names_place(self, part: Part, span: re.Match[str]) -> bool:
        return any(span.start() <= m.start < span.end() and self.kinds.get(m.entity) == "place"
                   for m in self.mentions.get(part.path, []))

    def extent(self, part: Part, lo: int, hi: int, c_end: int, d: DateMention,
               trigger: _Trigger, triggers: list[_Trigger]) -> tuple[int, int, int]:
        """The text an event is read from (its subject, trigger and date, and for a date that
        opens its clause the words after the trigger up to the next comma), and where its
        label starts."""
        text = part.text
        if d.attributive:
            start = max(lo, d.start - len(self.cues.the))
            return start, start, trigger.end
        start = label_start = lo
        if trigger.start > d.start:
            end = min(self.tail(text, trigger.end, c_end), hi)
        else:
            nxt = min([t.start for t in triggers if t.start > d.end] + [hi])
            locative = self.cues.locative.match(text, d.end, min(nxt, c_end))
            end = locative.end() if locative and self.names_place(part, locative) else d.end
            # a noun trigger ("its judgment of 25 January 2023") is labelled from its
            # determiner, and its participants are sought in its own stretch of the clause
            noun = _determiner(self.cues, text, max(lo, trigger.start - 60), trigger.start)
            if noun is not None:
                label_start = noun
                cut = max(text.rfind(", ", lo, label_start), text.rfind(self.cues.subordinator, lo,
                                                                          label_start))
                start = max(lo, cut + 1) if cut != -1 else lo
        trimmed = self.cues.trail.search(text, max(trigger.end, d.end), end)
        return start, label_start, (trimmed.start() if trimmed else end)

    def event_of(self, figure: FoundFigure, mine: range, part: Part, c_start: int,
                 c_end: int) -> int | None:
        """The event a figure belongs to: the one whose text holds it; else, in a clause with
        no event of its own ("protests rapidly spread to over 60 cities"), an earlier event of
        the same part whose type the clause's trigger names."""
        for i in mine:
            f = self.found[i]
            if f.start <= figure.start < f.end:
                return i
        if mine:
            return None
        types = {t.type for t in _triggers(self.lexicon, part.text, c_start, c_end, [])}
        earlier = [i for i, f in enumerate(self.found) if f.part is part
                   and f.trigger.type in types]
        return earlier[-1] if len(earlier) == 1 else None

    def participants(self, f: _Found) -> tuple[tuple[str, str], ...]:
        text = f.part.text
        out: list[tuple[str, str]] = []
        dated = (f.date.start, f.date.end) if f.date else (0, 0)
        for m in self.mentions.get(f.part.path, []):
            if not f.start <= m.start < f.end or dated[0] <= m.start < dated[1]:
                continue  # outside the event, or naming what a relative date refers to
            if self.kinds.get(m.entity) not in ("person", "organisation", "group", "office"):
                continue
            role = self.role(text, m, f.trigger)
            if (m.entity, role) not in out:
                out.append((m.entity, role))
        return tuple(out)

    def role(self, text: str, m: Mention, trigger: _Trigger) -> str:
        """'affected' for the subject of a passive violent or repressive trigger ("X were
        shot dead") or its object ("persecution of X"); 'actor' otherwise, and always after
        "by" ("shot dead by law enforcement officials")."""
        if trigger.type not in AFFECTING:
            return "actor"
        ahead = text[max(0, m.start - 25) : m.start]
        if self.cues.agent_before.search(ahead):
            return "actor"
        passive_subject = m.end <= trigger.start and self.cues.passive.search(
            text[m.end : trigger.start])
        object_of = m.start >= trigger.end and self.cues.object_before.search(ahead)
        return "affected" if passive_subject or object_of else "actor"

    def place(self, f: _Found) -> str | None:
        text = f.part.text
        places = [m for m in self.mentions.get(f.part.path, [])
                  if f.start <= m.start < f.end and self.kinds.get(m.entity) == "place"]
        cued = [m for m in places
                if self.cues.place_cue.search(text[max(0, m.start - 20) : m.start])]
        if f.date is not None and f.date.attributive:
            cued = cued or places  # "the 2011 Zhanaozen massacre"
        return cued[0].entity if cued else None

    def background(self, date: DateMention | None) -> bool:
        """A past event the text refers back to: named by its year alone ("the 2011
        Zhanaozen massacre"), or over before the year preceding the resolution's."""
        if date is None or date.value is None:
            return False
        last = date.end_value or date.value
        return (date.attributive and len(last) == 4) or int(last[:4]) < self.year - 1

    def finish(self) -> tuple[tuple[Event, ...], tuple[Figure, ...]]:
        events: list[Event] = []
        index: dict[int, int] = {}  # found -> event
        orders: dict[tuple[str, ...], int] = {}
        for i, f in enumerate(self.found):
            participants = self.participants(f)
            span = EventSpan(f.part, f.start, f.end)
            same = (index[f.restates] if f.restates is not None
                    else self.same_as(events, f, participants))
            if same is not None:
                more = tuple(p for p in participants if p not in events[same].participants)
                events[same] = replace(events[same], spans=(*events[same].spans, span),
                                       participants=(*events[same].participants, *more)
                                       if f.restates is not None else events[same].participants)
                index[i] = same
                continue
            orders[f.part.path] = orders.get(f.part.path, 0) + 1
            d = f.date
            events.append(Event(
                part=f.part, order=orders[f.part.path], type=f.trigger.type,
                label=_label(self.cues, f.part.text, f.label_start, f.end, f.trigger, d),
                date=d.value if d else None, end_date=d.end_value if d else None,
                date_text=f.part.text[d.start:d.end] if d else None,
                date_role=d.role if d else None, place=self.place(f),
                participants=participants, background=self.background(d),
                trigger=f.part.text[f.trigger.start:f.trigger.end], spans=(span,)))
            index[i] = len(events) - 1
        figures: list[Figure] = []
        counts: dict[tuple[str, ...], int] = {}
        for part, fig, found in self.figures:
            counts[part.path] = counts.get(part.path, 0) + 1
            figures.append(Figure(
                part=part, order=counts[part.path], start=fig.start, end=fig.end,
                value=fig.value, integer=fig.integer, qualifier=fig.qualifier,
                counts=fig.counts, unit=fig.unit, kind=fig.kind, out_of=fig.out_of,
                event=index[found] if found is not None else None))
        return tuple(events), tuple(figures)

    @staticmethod
    def same_as(events: list[Event], f: _Found,
                participants: tuple[tuple[str, str], ...]) -> int | None:
        """An earlier event this one restates: same type, same day or days, a trigger of the
        same stem ("entered into full force", "entered into force") and no actor of one
        missing from the other's text."""
        d = f.date
        if d is None or d.value is None or len(d.value) != 10:
            return None
        mine = {k for k, _ in participants}
        stem = f.part.text[f.trigger.start : f.trigger.end][:5].lower()
        for i, e in enumerate(events):
            theirs = {k for k, _ in e.participants}
            if ((e.type, e.date, e.end_date) == (f.trigger.type, d.value, d.end_value)
                    and e.trigger[:5].lower() == stem
                    and (not mine or not theirs or mine & theirs)):
                return i
        return None


def _noun(cues: _Cues, text: str, trigger: _Trigger) -> bool:
    """A noun trigger ("arrests", "pre-trial detention"), not a verb ("detained", "shot
    dead", "protesting")."""
    return not text[trigger.start : trigger.end].split()[0].endswith(cues.verb_endings)


def _determiner(cues: _Cues, text: str, start: int, end: int) -> int | None:
    """Where the noun phrase of a noun trigger at `end` starts: the nearest determiner before
    it with at most five words between and no verb ("its judgment", "the 18th meeting");
    None for a verb ("their daughter were shot dead")."""
    for m in reversed(list(cues.determiner.finditer(text, start, end))):
        between = text[m.end() : end]
        if cues.not_in_noun_phrase.search(between) or len(between.split()) > 5:
            return None
        return m.start()
    return None


_SUBJECT_WORDS = 6  # words of an event's opening kept before a cut label


def _label(cues: _Cues, text: str, start: int, end: int, trigger: _Trigger,
           date: DateMention | None) -> str:
    """The event's words as printed, without the clause's opening ("whereas", "having
    regard to", "which was"); a long span keeps the comma-delimited stretch holding the
    trigger. A label that would begin with its verb ("signed in Astana on 21 December 2015",
    "entered into full force", "has been placed in pre-trial detention") and leave out what
    the event is about is led by the first words of what it is about, the cut marked ("the
    Enhanced Partnership and Cooperation Agreement … signed in Astana …")."""
    lead = cues.lead.match(text, start, end)
    assert lead is not None  # every part of the lead pattern is optional
    s = lead.end()
    if end - s > _MAX_LABEL:
        comma = text.rfind(", ", s, trigger.start)
        if comma != -1:
            lead = cues.lead.match(text, comma + 2, end)
            assert lead is not None
            s = lead.end()
    subject = _subject(cues, text, start, lead.start(), s, trigger, date)
    opening = f"{subject} … " if subject else ""
    label = opening + " ".join(text[s:end].split())
    if len(label) > _MAX_LABEL:
        label = label[: _MAX_LABEL - 2].rsplit(" ", 1)[0] + " …"
    return label


def _subject(cues: _Cues, text: str, start: int, dropped: int, s: int,
             trigger: _Trigger, date: DateMention | None) -> str:
    """The first words of what an event is about, for a label at `s` that begins with its
    verb (the clause's opening from `dropped` to `s` left out), an auxiliary, or its date and
    then its verb ("on 28 September 2023 forwarded a questionnaire"): those the span's cut
    left out (from `start`), or else those opening its clause (after the last clause
    separator before it, and after a subordinator: "Notes that the relevant Parliament
    services"). At most six words, up to the first comma; "" when the label names its
    subject."""
    words = cues.words
    opened = cues.lead.match(text, start, s)
    first = opened.end() if opened is not None else start
    cut = first < dropped
    dated = date is not None and s <= date.start and all(
        w.lower() in words.DATE_PREPOSITIONS for w in text[s : date.start].split())
    # "on 28 September 2023 forwarded": after a date that opens the label, a lower-case word
    # with the past ending is its verb (elsewhere it may be an adjective: "alleged torture")
    head = (text[date.end :] if date is not None and dated else text[s:])[:40]
    first_word = head.replace(",", " ").split()[:1]
    bare = (any(w.lower() in words.SUBJECTLESS_OPENINGS for w in text[dropped:s].split())
            or any(w.lower() in words.SUBJECTLESS_OPENINGS
                   or (dated and w.islower() and w.endswith(cues.past)) for w in first_word)
            or (s >= trigger.start and (cut or not _noun(cues, text, trigger))))
    if not bare:
        return ""
    if cut:  # what it is about is what the cut left out
        about = text[first:dropped]
    else:
        clause = text.rfind(words.CLAUSE_SEPARATOR, 0, start)
        clause = 0 if clause == -1 else clause + len(words.CLAUSE_SEPARATOR)
        opened = cues.lead.match(text, clause, start)
        about = text[opened.end() if opened is not None else clause : start]
    kept = about.split(cues.subordinator, 1)[-1].split(", ")[0].split()[:_SUBJECT_WORDS]
    return " ".join(kept).rstrip(",;:")


def extract_events(resolution: Resolution, entities: tuple[Entity, ...],
                   mentions: tuple[Mention, ...], demands: tuple[Demand, ...],
                   references: tuple[LegalReference, ...],
                   lexicon: ModuleType = ENGLISH, acts: SpeechActs | None = None,
                   ) -> tuple[tuple[Event, ...], tuple[Figure, ...]]:
    """Events and figures, read with the words of `lexicon` (a lang/<code> package: its
    figures, its event cues and its event triggers); the acts (kb.acts) say which clauses of
    a paragraph state facts rather than ask for them."""
    return _Reader(resolution, entities, mentions, demands, references, lexicon,
                   speech_acts(lexicon.CODE) if acts is None else acts).run()
