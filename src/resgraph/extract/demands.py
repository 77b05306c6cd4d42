"""Operative paragraphs -> demands: one per clause, with its act, addressees, action, targets.

A paragraph is split at semicolons outside brackets, and again where "and"/"but" joins a
second act ("Deeply regrets ... and strongly condemns ..."). A clause opens with a speech act
from resgraph/data/speech_acts.json, optionally after adverbs ("strongly condemns") or an
introductory phrase ("In line with ..., calls on"). A clause that opens with no act continues
the previous one (its act and addressees). For acts that take an addressee, the addressee is
the noun phrase before the infinitive "to": its actor mentions, or a pronoun resolved to the
previous clause's addressees ("them") or the last person named ("him", "her"), or, when it
names no known actor, the phrase itself as a collective actor ("Kazakhstan’s neighbours").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from types import ModuleType

from resgraph.extract.actors import slug
from resgraph.kb.data import read as read_knowledge
from resgraph.kb.data import read_lexicon
from resgraph.kb.table import Table
from resgraph.lang.en import demands as ENGLISH
from resgraph.model import ActType, Demand, Entity, Mention, Part
from resgraph.patterns import alternatives


@dataclass(frozen=True)
class Act:
    id: str
    label: str
    type: ActType
    strength: int | None
    addressee: bool
    forms: tuple[str, ...]


class SpeechActs(Table[Act]):
    """The acts by id, each with the forms of one language that open its clauses."""


@lru_cache(maxsize=4)
def speech_acts(language: str = "en") -> SpeechActs:
    """The acts of resgraph/data/speech_acts.json with their forms in `language`
    (lang/<language>/acts.json)."""
    data = read_knowledge("speech_acts.json")
    forms = read_lexicon(language, "acts.json")["forms"]
    return SpeechActs({
        a["id"]: Act(a["id"], a["label"], a["type"], a.get("strength"), a["addressee"],
                     tuple(forms[a["id"]]))
        for a in data["acts"]
    })


@dataclass(frozen=True)
class _Patterns:
    """A language's clause words (lang/<code>/demands.py) and the acts' forms, compiled once."""

    interjection: str  # an adverb set off inside a clause
    infinitive: re.Pattern[str]
    pronoun: re.Pattern[str]
    previous_pronouns: frozenset[str]
    determiners: re.Pattern[str]
    passive: re.Pattern[str]
    opening: re.Pattern[str]  # an act, with the adverbs before it
    inner: re.Pattern[str]  # "and"/"but" before a second act
    names: dict[str, str]  # regex group -> act id


def _form_pattern(form: str, interjection: str, particles: tuple[str, ...]) -> str:
    words = form.split()
    head = r"\s+".join(map(re.escape, words[:-1]))
    last = re.escape(words[-1])
    if len(words) > 1 and words[-1] in particles:
        # "calls in this regard for", "calls, therefore, on"
        return rf"{head}{interjection}?\s+{last}"
    return r"\s+".join(map(re.escape, words))


@cache
def _patterns(lexicon: ModuleType, acts: SpeechActs) -> _Patterns:
    adverb = f"(?:{alternatives(lexicon.ADVERBS)})"
    interjection = rf"(?:,? {adverb},?)"
    purpose = "".join(rf"(?<!\b{re.escape(p)})" for p in lexicon.PURPOSE)
    infinitive = re.compile(
        rf"{interjection}?{purpose}\s+{lexicon.INFINITIVE}\s+"
        rf"(?!(?:{'|'.join(lexicon.NOT_AFTER_INFINITIVE)})\b)(?=[a-z])"
    )
    split_at = rf",? (?:{'|'.join(lexicon.COORDINATORS)}) "
    forms: dict[str, str] = {}
    for act in acts.values():
        for form in act.forms:
            forms[form] = act.id
    ordered = sorted(forms, key=len, reverse=True)
    act_forms = "|".join(
        f"(?P<f{i}>{_form_pattern(f, interjection, lexicon.PARTICLES)})"
        for i, f in enumerate(ordered))
    return _Patterns(
        interjection=interjection,
        infinitive=infinitive,
        pronoun=re.compile(rf"^(?:{'|'.join(lexicon.PRONOUNS)})$"),
        previous_pronouns=frozenset(lexicon.PRONOUNS_OF_THE_PREVIOUS_ADDRESSEES),
        determiners=re.compile(rf"^(?:(?:{'|'.join(lexicon.DETERMINERS)})(?:\s+|$))+",
                               re.IGNORECASE),
        passive=re.compile(rf"{lexicon.PASSIVE} (?:\w+ )?\w+(?:ed|en)\b"),
        opening=re.compile(rf"(?P<adv>(?:{adverb},? )*)(?:{act_forms})(?![\w-])",
                           re.IGNORECASE),
        inner=re.compile(rf"{split_at}(?=(?:{adverb} )*(?:{act_forms})(?![\w-]))"),
        names={f"f{i}": forms[f] for i, f in enumerate(ordered)},
    )


def _top_level(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of `pattern` in text[start:end] that stand outside brackets."""
    def depth(pos: int) -> int:
        before = text[:pos]
        return before.count("(") + before.count("[") - before.count(")") - before.count("]")

    return [m for m in pattern.finditer(text, start, end) if depth(m.start()) <= 0]


def split_clauses(text: str, lexicon: ModuleType = ENGLISH,
                  acts: SpeechActs | None = None) -> list[tuple[int, int]]:
    """Clause spans of a paragraph: at semicolons, and before a second act joined by
    'and'/'but'."""
    p = _patterns(lexicon, speech_acts() if acts is None else acts)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in [*_top_level(text, 0, len(text), re.compile(";")), None]:
        end = m.start() if m else len(text)
        spans.extend(_split_coordinated(text, start, end, p))
        start = m.end() if m else len(text)
    out = []
    for s, e in spans:
        while s < e and text[s] in " \n":
            s += 1
        while e > s and text[e - 1] in " \n;.,":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _split_coordinated(text: str, start: int, end: int, p: _Patterns) -> list[tuple[int, int]]:
    cuts = _top_level(text, start, end, p.inner)
    spans, s = [], start
    for m in cuts:
        if p.opening.fullmatch(text[s:m.start()].strip()):
            continue  # "recalls and supports the recommendations": two verbs, one object
        if m.start() > s:
            spans.append((s, m.start()))
            s = m.end()
    spans.append((s, end))
    return spans


def _find_act(text: str, start: int, end: int, p: _Patterns,
              ) -> tuple[str, int, int, int] | None:
    """(act id, start of the printed act with adverbs, end of act, start of the act verb)."""
    m = p.opening.match(text, start, end)
    if m is None:
        # an introductory phrase: "In line with ..., calls on"
        for intro in re.finditer(r", ", text[start:end]):
            m = p.opening.match(text, start + intro.end(), end)
            if m:
                break
    if m is None:
        return None
    act_id = next(p.names[k] for k, v in m.groupdict().items() if k.startswith("f") and v)
    return act_id, m.start(), m.end(), m.start() + len(m.group("adv"))


@dataclass
class _Context:
    part: Part
    mentions: list[Mention]  # of this paragraph, in order
    entities: dict[str, Entity]
    new_entities: dict[str, Entity]
    new_mentions: list[Mention]
    p: _Patterns


def _addressees(ctx: _Context, np_start: int, np_end: int, previous: tuple[str, ...],
                clause_start: int) -> tuple[str, ...]:
    text = ctx.part.text
    phrase = text[np_start:np_end].strip(" ,")
    if ctx.p.pronoun.match(phrase):
        if phrase in ctx.p.previous_pronouns:
            return previous
        persons = [m for m in ctx.mentions if m.end <= clause_start
                   and ctx.entities[m.entity].kind == "person"]
        return (persons[-1].entity,) if persons else ()
    inside = [m for m in ctx.mentions if np_start <= m.start and m.end <= np_end
              and ctx.entities[m.entity].kind in ("person", "organisation", "group", "office",
                                                  "place")]
    keys: list[str] = []
    cursor = np_start
    items: list[tuple[int, int]] = []  # spans of collective phrases to mint
    for m in inside:
        after = text[m.end:np_end]
        modifier = re.match(r"(?:’s?|'s?)? [a-z][\w-]*(?: (?:to|in|of) [A-Z][\w-]*)?", after)
        if modifier and not re.match(r" (?:and|or)\b", after):
            # "Member States’ representations to Kazakhstan", "the rotating Council
            # presidencies": the actor is the whole phrase, not the name inside it.
            items.append((max(cursor, np_start), m.end + modifier.end()))
            cursor = m.end + modifier.end()
            continue
        if m.start < cursor:
            continue
        items.extend(_fragments(text, cursor, m.start))
        keys.append(m.entity)
        cursor = m.end
    items.extend(_fragments(text, cursor, np_end))
    for s, e in items:
        name = ctx.p.determiners.sub("", text[s:e].strip(" ,")).strip(" ,")
        if not re.search(r"[a-z]{3}", name):
            continue
        s = text.index(name, s, e)
        key = f"group:{slug(name)}"
        if key not in ctx.entities and key not in ctx.new_entities:
            ctx.new_entities[key] = Entity(key=key, kind="group", name=name,
                                           category="collective")
        ctx.new_mentions.append(Mention(key, ctx.part, s, s + len(name)))
        keys.append(key)
    return tuple(dict.fromkeys(keys))


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of an addressee phrase between known actors, split at list separators."""
    out = []
    pos = start
    # "and" separates two actors only before a determiner or a name: "European institutions
    # and agencies" is one collective actor.
    separators = r",? and (?=the |its |[A-Z])|, |,$| including "
    for sep in [*re.finditer(separators, text[start:end]), None]:
        stop = start + sep.start() if sep else end
        if stop > pos and text[pos:stop].strip(" ,"):
            out.append((pos, stop))
        if sep:
            pos = start + sep.end()
    return out


def extract_demands(
    paragraphs: tuple[Part, ...], entities: tuple[Entity, ...], mentions: tuple[Mention, ...],
    lexicon: ModuleType = ENGLISH, acts: SpeechActs | None = None,
) -> tuple[tuple[Demand, ...], tuple[Entity, ...], tuple[Mention, ...]]:
    """Demands of every paragraph, plus the collective actors and mentions they add, read
    with the acts of the knowledge base (kb.acts, by default those shipped)."""
    acts = speech_acts() if acts is None else acts
    p = _patterns(lexicon, acts)
    by_key = {e.key: e for e in entities}
    new_entities: dict[str, Entity] = {}
    new_mentions: list[Mention] = []
    demands: list[Demand] = []
    for part in paragraphs:
        ctx = _Context(part, [m for m in mentions if m.part is part], by_key, new_entities,
                       new_mentions, p)
        text = part.text
        previous: Demand | None = None
        order = 0
        for start, end in split_clauses(text, lexicon, acts):
            found = _find_act(text, start, end, p)
            if found is None and previous is None:
                continue  # a paragraph that opens with no act we know
            order += 1
            if found is None:
                assert previous is not None
                action_start, action_end = start, end
                demands.append(Demand(
                    part=part, order=order, start=start, end=end, act=previous.act,
                    act_printed=previous.act_printed, addressees=previous.addressees,
                    action=text[action_start:action_end], action_start=action_start,
                    action_end=action_end,
                    targets=_targets(ctx, action_start, action_end, previous.addressees),
                    inherited=True,
                ))
                previous = demands[-1]
                continue
            act_id, act_start, act_end, _verb = found
            act = acts[act_id]
            rest = act_end
            interjection = re.match(p.interjection, text[rest:end])
            if interjection:
                rest += interjection.end()
            addressees: tuple[str, ...] = ()
            action_start = rest
            if act.addressee:
                infinitive = p.infinitive.search(text, rest, end)
                colon = text.find(":", rest, end)
                if infinitive:
                    np_start, np_end = rest, infinitive.start()
                    named = any(np_start <= m.start and m.end <= np_end for m in ctx.mentions)
                    pronoun = bool(p.pronoun.match(text[np_start:np_end].strip(" ,")))
                    if act_id == "calls-for":
                        named = _calls_for_actor(ctx, np_start, np_end, infinitive.end())
                    # "calls for a reform ... to guarantee": no addressee unless one is named
                    if act_id != "calls-for" or named or pronoun:
                        addressees = _addressees(ctx, np_start, np_end,
                                                 previous.addressees if previous else (), start)
                        action_start = infinitive.end()
                elif colon != -1 and act_id != "calls-for":
                    addressees = _addressees(ctx, rest, colon, (), start)
                    action_start = colon + 1
            while action_start < end and text[action_start] in " \n,":
                action_start += 1
            demand = Demand(
                part=part, order=order, start=start, end=end, act=act_id,
                act_printed=text[act_start:act_end].strip(),
                addressees=addressees, action=text[action_start:end],
                action_start=action_start, action_end=end,
                targets=_targets(ctx, action_start, end, addressees),
            )
            demands.append(demand)
            previous = demand
    return tuple(demands), tuple(new_entities.values()), tuple(new_mentions)


def _calls_for_actor(ctx: _Context, np_start: int, np_end: int, verb: int) -> bool:
    """"Calls for the Member States to act" names an addressee; "calls for EU joint
    procurement to be used" (a passive) and "calls for the strategy for Europe to address"
    (an actor inside a thing) ask for something to happen, of no one: the phrase must open
    with an actor, and the infinitive be active."""
    text = ctx.part.text
    if ctx.p.passive.match(text[verb:]):
        return False
    phrase = text[np_start:np_end]
    head = np_start + (len(phrase) - len(phrase.lstrip(" ,")))
    opening = ctx.p.determiners.match(text[head:np_end])
    head += len(opening.group(0)) if opening else 0
    return any(m.start == head and m.end <= np_end
               and ctx.entities[m.entity].kind in ("person", "organisation", "group", "office",
                                                   "place")
               for m in ctx.mentions)


def _targets(ctx: _Context, start: int, end: int, addressees: tuple[str, ...]) -> tuple[str, ...]:
    keys = [m.entity for m in ctx.mentions
            if start <= m.start and m.end <= end
            and ctx.entities[m.entity].kind in ("person", "organisation", "group", "office")
            and m.entity not in addressees]
    return tuple(dict.fromkeys(keys))
