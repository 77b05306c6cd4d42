"""Resolution -> the persons, organisations, offices and places it names, and every mention.

Rules, not a statistical model, because a wrong person or addressee is worse than a missed
one: a name is taken as a person only where the text says what the person is (a role noun
such as "activist", "human rights defender", "President" before it, or a list introduced by
one), and organisations and places come from the gazetteer, from national bodies written as
"<demonym> <body>" or "<body> of <country>", from acronym definitions "Full Name (ACR)" and
from lists the text introduces ("human rights groups such as ...").

Coreference: one entity per key. Persons are keyed by the set of their name tokens, so
"Zheksebayev Askhat" in a family-name-first list is "Askhat Zheksebayev"; a title with a
surname ("President Tokayev") joins the person with that title and surname. National bodies
are keyed by body and country ("Kazakh authorities" = "authorities of Kazakhstan"); a bare
"the authorities" or "the government" joins the body of the resolution's focus country when
the text names that body explicitly somewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType

from resgraph.extract.gazetteer import Gazetteer, load_gazetteer
from resgraph.lang.en import actors as ENGLISH
from resgraph.model import Entity, Mention, Part, Resolution
from resgraph.patterns import alternatives, longest_first

_LETTER = r"[^\W\d_]"
_NAME_TOKEN = rf"[A-Z]{_LETTER}*[a-z]{_LETTER}*(?:-[A-Z]{_LETTER}*[a-z]{_LETTER}*)?"
_NAME = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}}(?![\w-])")
_SURNAME = re.compile(rf"{_NAME_TOKEN}(?![\w-])")

# The name just before an apposed office's comma (the office is found first: it is rare,
# names are not). A lower-case particle inside a name ("von der Leyen", "van Baalen",
# "al-Assad", "bin Salman"): the name goes on past what _NAME reads.
_PARTICLE_AFTER = re.compile(r" (?:von|van|der|den|de|del|della|di|da|du|le|la|al-|bin|ibn)\b")
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}})$")
# Surname endings common in the post-Soviet space, where EP lists often print family names
# first ("Zheksebayev Askhat"); a name with exactly one such token is ordered by it.
_SURNAME_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|in|ina|yn|kyzy|uly|enko|ko|uk|sky|ski|ska|skaya|dze|shvili|"
    r"yan|ian|bek)$"
)
_LAST_WORD = re.compile(r"([\w’'-]+) ?$")
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w-]*) $")
_NEXT_WORD = re.compile(r" ([A-Z][a-z][\w-]*)")


def _any(words) -> str:
    return "|".join(words)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language
class _Words:
    """A language's words of actors (lang/<code>/actors.py) and the patterns built of them."""

    words: ModuleType
    not_names: frozenset[str]
    roles: dict[str, str]  # role noun as printed -> the role recorded
    titles: tuple[str, ...]
    body_words: dict[str, str]
    body_label: dict[str, str]
    done_to_words: tuple[str, ...]
    not_followers: frozenset[str]
    honorific: re.Pattern[str]
    title_words: re.Pattern[str]
    # acts that are done to persons: what follows names people ("arrest warrants for
    # Vladimir Putin and Maria Lvova-Belova", "the release of Nasrin Sotoudeh")
    done_to_persons: re.Pattern[str]
    # "Maria Lvova-Belova, the Russian Commissioner for Children’s Rights": a name in
    # apposition to an office
    apposed_office: re.Pattern[str]
    role_pattern: re.Pattern[str]
    list_separator: re.Pattern[str]
    inner_role: re.Pattern[str]
    org_heads: re.Pattern[str]
    named_after: re.Pattern[str]
    not_actor_heads: re.Pattern[str]
    acronym: re.Pattern[str]
    definition: re.Pattern[str]
    # a body's name by its shape: capitalised words (with of, for, and, on, at, the, in
    # between) opening with a word that marks a European or international body, or with
    # "Committee", and holding a body's head noun: "European Centre for Disease Prevention and
    # Control", "Committee on Legal Affairs". The words are the EU's own naming of its bodies
    # (EU Whoiswho, europa.eu).
    body_name: re.Pattern[str]
    office_in_name: re.Pattern[str]
    body_join: re.Pattern[str]
    body_head: re.Pattern[str]
    org_list_cue: re.Pattern[str]
    list_item: re.Pattern[str]
    media_cue: re.Pattern[str]
    place_cue: re.Pattern[str]
    in_place: re.Pattern[str]
    people_adjective: re.Pattern[str]
    noun_after_adjective: re.Pattern[str]


@lru_cache(maxsize=4)
def words_for(w: ModuleType) -> _Words:
    """The actor words of a lang/<code> package's actors module, compiled."""
    lower_roles = sorted((r for r in w.ROLES if r.islower()), key=len, reverse=True)
    word = r"[A-Z][\w’'-]*"
    return _Words(
        words=w, not_names=w.NOT_NAMES, roles=w.ROLES, titles=w.TITLES,
        body_words=w.BODY_WORDS, body_label=w.BODY_LABEL, done_to_words=w.DONE_TO_WORDS,
        not_followers=frozenset(w.NOT_FOLLOWERS),
        honorific=re.compile(rf"(?<![\w-])(?P<hon>{_any(map(re.escape, w.HONORIFICS))})\.? "
                             r"(?=[A-Z])"),
        title_words=re.compile(
            rf"(?<![\w-])(?P<title>{_any(map(re.escape, w.TITLES_FROM_ROLES))})"
            rf" (?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}})(?![\w-])"),
        done_to_persons=re.compile(
            rf"(?<![\w-])(?:{_any(w.WARRANTS)}|"
            rf"(?:{alternatives(w.DONE_TO_ACTS)}) {w.DONE_TO_LINK}) (?=[A-Z])"),
        apposed_office=re.compile(
            rf", (?:{_any(a + ' ' for a in w.ARTICLES)})?(?:(?:[A-Z][\w-]+|"
            rf"{_any(w.OFFICE_MODIFIERS)}) )*"
            rf"(?P<office>{_any(w.APPOSED_OFFICES)})\b"
            rf"(?P<rest>(?: (?:{_any(w.OFFICE_LINKS)}) (?:{w.DEFINITE} )?{word}"
            rf"(?:(?: (?:{_any(w.NAME_LINKS)}))? {word})*)?)"),
        role_pattern=re.compile(
            rf"(?<![\w-])(?P<role>{alternatives(w.ROLES)})"
            rf"(?P<gap>(?:,? {w.INCLUDING}|,)? (?:{w.DEFINITE} )?)"),
        list_separator=re.compile(rf",? {w.AND} |, "),
        inner_role=re.compile(
            rf"(?:{w.AND} )?(?:{_any(w.INDEFINITE_OR_DEFINITE)}) "
            rf"(?P<role>{_any(map(re.escape, lower_roles))}), "),
        org_heads=re.compile(rf"(?:{_any(w.ORG_HEADS)})$"),
        named_after=re.compile(rf" (?:{alternatives(w.NAMED_AFTER)})$"),
        not_actor_heads=re.compile(rf"\b(?:{_any(w.NOT_ACTOR_HEADS)})\b"),
        acronym=re.compile(
            rf"(?P<full>[A-Z][\w’'\-]*(?: (?:[A-Z][\w’'\-]*|{_any(w.ACRONYM_LINKS)}))*)"
            r" \((?P<acr>[A-Z][A-Za-z]{1,9}(?:/[A-Z]{1,4})?)\)"),
        definition=re.compile(rf"\({w.DEFINITE} [‘'](?P<alias>[A-Z][\w -]{{1,40}})[’']\)"),
        body_name=re.compile(
            rf"(?<![\w’'-])(?:{alternatives(w.BODY_OPENERS)})"
            rf"(?: (?:(?:{_any(w.BODY_LINKS)}) )*{word})*"),
        office_in_name=re.compile(rf" (?:{_any(w.OFFICES_IN_NAMES)})\b"),
        body_join=re.compile(
            rf",? {w.AND} (?:of )?{w.DEFINITE} |,? {w.AND} "
            rf"(?=(?:{_any(w.BODY_JOIN_OPENERS)})\b)"),
        body_head=re.compile(rf"\b(?:{_any(w.BODY_HEADS)})\b"),
        org_list_cue=re.compile(
            rf"(?:{_any(w.ORG_LIST_NOUNS)}) {w.ORG_LIST_CUE} |"
            rf"(?:{_any(w.ASSOCIATED_NOUNS)}) {w.ASSOCIATED_CUE} "),
        list_item=re.compile(rf"(?:{_NAME_TOKEN}|[A-Z]{{2,}}|\d{{1,4}})(?: (?:{_NAME_TOKEN}|"
                             rf"[A-Z][a-z]+|[A-Z]{{2,}}|\d{{1,4}}|{w.ITEM_LINK}))*"),
        media_cue=re.compile(
            rf"(?:{_any(w.INDEFINITE_OR_DEFINITE)}) (?P<org>[A-Z][\w-]*(?: [A-Z][\w-]*)*) "
            rf"(?P<role>{_any(w.MEDIA_ROLES)})"),
        place_cue=re.compile(
            rf"(?:{_any(w.SETTLEMENTS)}) of (?P<name>{_NAME_TOKEN})(?![\w-])"),
        in_place=re.compile(rf"(?<= {w.IN} )(?P<name>{_NAME_TOKEN})"
                            rf"(?=[,;.]|{_any(' ' + a + ' ' for a in w.AFTER_PLACE)})"),
        people_adjective=re.compile(rf"(?:{_any(w.ADJECTIVE_ENDINGS)})$"),
        noun_after_adjective=re.compile(
            rf" (?!{_any(n + chr(92) + 'b' for n in w.NOT_AFTER_ADJECTIVE)})[a-z]"),
    )


@lru_cache(maxsize=4)
def _national_patterns(gaz: Gazetteer, w: _Words) -> tuple[re.Pattern[str], ...]:
    """A body word (its demonym is checked after), '<body>[, <body>] of <country>', and
    'Ministry of X of <country>'."""
    countries = alternatives(gaz.country_names())
    bodies = alternatives(w.body_words)
    of, the, and_ = w.words.OF, w.words.DEFINITE, w.words.AND
    country = (rf" {of} (?:{the} )?(?:{w.words.REPUBLIC_OF} )?(?P<country>{countries})"
               r"(?![\w-])")
    before = re.compile(rf"(?<![\w-])(?P<body>{bodies})(?![\w-])")
    after = re.compile(
        rf"(?<![\w-])(?P<bodies>(?:{bodies})(?:(?:, |,? {and_} )(?:{bodies}))*)" + country)
    ministry = re.compile(
        rf"(?<![\w-]){w.words.MINISTRY} {of} (?:{the} )?"
        rf"(?P<name>[A-Z][\w-]*(?:(?:,| {and_})? [A-Z][\w-]*)*?)" + country)
    return before, after, ministry


def _alternation(names) -> re.Pattern[str]:
    """One pattern matching any of `names` as a whole word, longest first."""
    return re.compile(r"(?<![\w-])(?:" + longest_first(names) + r")(?![\w-])")


def _spelled_by(full: str, acronym: str) -> str:
    """The shortest tail of `full` whose capitalised words' initials spell `acronym`:
    'Koshe Partiyasy and Democratic Choice of Kazakhstan (DCK)' defines DCK for
    'Democratic Choice of Kazakhstan' only."""
    letters = acronym.replace("/", "").upper()
    words = full.split()
    for k in range(len(words) - 1, -1, -1):
        tail = words[k:]
        if tail[0][:1].isupper():
            initials = "".join(w[0] for part in tail for w in part.split("-") if w[:1].isupper())
            if initials.upper() == letters:
                return " ".join(tail)
    return full


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class _Span:
    part: Part
    start: int
    end: int
    key: str
    priority: int  # lower wins among overlapping candidates of the same length


def _person_order(tokens: list[str]) -> list[str]:
    """Given name first: reverse a two-token name whose first token alone looks like a
    surname."""
    if len(tokens) == 2:
        first, second = (bool(_SURNAME_ENDING.search(t.lower())) for t in tokens)
        if first and not second:
            return [tokens[1], tokens[0]]
    return tokens


class _Extractor:
    def __init__(self, resolution: Resolution, gazetteer: Gazetteer,
                 given_names: frozenset[str], lexicon: ModuleType) -> None:
        self.resolution = resolution
        self.gaz = gazetteer
        self.given_names = given_names
        self.w = words_for(lexicon)
        self.parts = [resolution.title, *resolution.citations, *resolution.recitals,
                      *resolution.paragraphs]
        self.entities: dict[str, Entity] = {}
        self.spans: list[_Span] = []
        self.doc_aliases: dict[str, str] = {}  # alias defined in this text -> entity key
        self.persons_by_tokens: dict[frozenset[str], str] = {}
        self.person_titles: dict[str, str] = {}  # person key -> title (President ...)
        # Demonyms and the words of place names are not parts of a person's name either
        # ("Kazakh", "Central Asia"): taken from the gazetteer, not listed here.
        self.not_names = self.w.not_names | set(gazetteer.country_by_demonym) | {
            word for e in gazetteer.entries.values() if e.type == "place"
            for name in (e.label, *e.aliases) for word in name.split()
        }

    # -- entity registry -------------------------------------------------------------------

    def gazetteer_entity(self, entry_id: str) -> str:
        key = f"gaz:{entry_id}"
        if key not in self.entities:
            e = self.gaz.entries[entry_id]
            self.entities[key] = Entity(
                # A collective ("EU Member States") acts as one but is no organisation.
                key=key, kind="group" if e.category == "collective" else e.type,
                name=e.label, category=e.category, wikidata=e.wikidata,
                wikidata_checked=e.wikidata_checked, odp=e.odp, authority=e.op,
                geonames=e.geonames,
                gazetteer=True,
            )
        return key

    def national_body(self, body: str, country_id: str, label: str | None = None) -> str:
        key = f"national:{slug(body)}:{country_id}"
        if key not in self.entities:
            country = self.gaz.entries[country_id].label
            self.entities[key] = Entity(
                key=key, kind="organisation",
                name=(label or self.w.body_label[body]).format(country),
                category="national-authority",
            )
        return key

    def organisation(self, name: str, category: str) -> str:
        key = f"organisation:{slug(name)}"
        if key not in self.entities:
            self.entities[key] = Entity(key=key, kind="organisation", name=name,
                                        category=category)
        return key

    def place(self, name: str) -> str:
        key = f"place:{slug(name)}"
        if key not in self.entities:
            self.entities[key] = Entity(key=key, kind="place", name=name, category="place")
        return key

    def person(self, tokens: list[str], role: str | None, member_of: str | None = None) -> str:
        token_set = frozenset(t.lower() for t in tokens)
        key = self.persons_by_tokens.get(token_set)
        if key is None:
            ordered = _person_order(tokens)
            key = f"person:{slug(' '.join(ordered))}"
            self.persons_by_tokens[token_set] = key
            self.entities[key] = Entity(key=key, kind="person", name=" ".join(ordered),
                                        role=role, member_of=member_of)
        else:
            current = self.entities[key]
            if current.role is None and role is not None:
                current = replace(current, role=role)
            if current.member_of is None and member_of is not None:
                current = replace(current, member_of=member_of)
            self.entities[key] = current
        if role in self.w.titles:
            self.person_titles[key] = role
        return key

    def add(self, part: Part, start: int, end: int, key: str, priority: int) -> None:
        self.spans.append(_Span(part, start, end, key, priority))

    # -- recognisers -----------------------------------------------------------------------

    def find_definitions(self) -> None:
        """'Full Name (ACR)' and '(the ‘Alias’)' define names for the rest of the text."""
        for part in self.parts:
            for m in self.w.acronym.finditer(part.text):
                full = _spelled_by(re.sub(r"^(?:the|The) ", "", m.group("full")), m.group("acr"))
                key = self.resolve_name(full)
                if (key is None and self.w.org_heads.search(full)
                        and not self.w.not_actor_heads.search(full)):
                    key = self.organisation(full, "organisation")
                if key is not None:
                    self.doc_aliases.setdefault(m.group("acr"), key)
            for m in self.w.definition.finditer(part.text):
                before = part.text[: m.start()].rstrip()
                for alias, entry_id in sorted(self.gaz.by_alias.items(), key=lambda a: -len(a[0])):
                    if before.endswith(alias):
                        self.doc_aliases.setdefault(m.group("alias"),
                                                    self.gazetteer_entity(entry_id))
                        break

    def resolve_name(self, name: str) -> str | None:
        if name in self.doc_aliases:
            return self.doc_aliases[name]
        entry_id = self.gaz.by_alias.get(name)
        if entry_id is not None:
            return self.gazetteer_entity(entry_id)
        for key, entity in self.entities.items():
            if entity.name == name and entity.kind != "person":
                return key
        return None

    def find_national_bodies(self) -> None:
        bodies = alternatives(self.w.body_words)
        before, after, ministry = _national_patterns(self.gaz, self.w)
        for part in self.parts:
            for m in ministry.finditer(part.text):
                country = self.gaz.country_by_name[m.group("country")]
                name = f"Ministry of {m.group('name')}"
                key = self.national_body(name, country, name + " of {}")
                self.add(part, m.start(), m.end(), key, 1)
            for m in before.finditer(part.text):
                # the body word first, then the demonym before it: far cheaper than a pattern
                # that starts with a hundred demonyms
                demonym = _WORD_BEFORE.search(part.text, max(0, m.start() - 40), m.start())
                if not demonym or demonym.group(1) not in self.gaz.country_by_demonym:
                    continue
                body = self.w.body_words[m.group("body")]
                country = self.gaz.country_by_demonym[demonym.group(1)]
                if body == "president":
                    continue  # "Kazakh President": the person, found by the title rule
                self.add(part, demonym.start(1), m.end(), self.national_body(body, country), 1)
            for m in after.finditer(part.text):
                country = self.gaz.country_by_name[m.group("country")]
                for b in re.finditer(bodies, m.group("bodies")):
                    body = self.w.body_words[b.group(0)]
                    start = m.start("bodies") + b.start()
                    end = m.end() if b.end() == len(m.group("bodies")) else start + len(b.group(0))
                    if body == "president":
                        continue
                    self.add(part, start, end, self.national_body(body, country), 1)

    def find_persons(self) -> None:
        for part in self.parts:
            text = part.text
            for m in self.w.role_pattern.finditer(text):
                role = self.w.roles[m.group("role")]
                pos = m.end()
                if role in self.w.titles:
                    # "President Kassym-Jomart Tokayev" or "President Tokayev"
                    self.read_titled_name(part, m.start("role"), pos, role)
                    continue
                self.read_name_list(part, pos, role)
            for m in re.finditer(r"(?<![\w-])including (?=[A-Z])", text):
                # "journalists have been detained ..., including Saniya Toiken, ...": the
                # role is the last role noun earlier in the same clause.
                clause_start = max(text.rfind(";", 0, m.start()), 0)
                roles = [r for r in self.w.role_pattern.finditer(text, clause_start, m.start())
                         if r.group("role").islower()]
                if roles:
                    self.read_name_list(part, m.end(), self.w.roles[roles[-1].group("role")])
            # Cheap substring tests first: most parts hold none of these cues.
            has = text.__contains__
            w = self.w
            for m in (w.honorific.finditer(text) if any(map(has, w.words.HONORIFICS)) else ()):
                self.read_titled_name(part, m.start(), m.end(), None)
            for m in (w.title_words.finditer(text) if any(map(has, w.words.TITLES_FROM_ROLES))
                      else ()):
                self.read_titled_name(part, m.start(), m.start("name"), m.group("title"))
            for m in (w.done_to_persons.finditer(text) if any(map(has, w.done_to_words))
                      else ()):
                first = _NAME.match(text, m.end())
                if first and _a_people(self.w, first.group(0),
                                       text[first.end():first.end() + 20]):
                    continue  # "the detention of Crimean Tatars", "of Tibetan Buddhist monks"
                self.read_name_list(part, m.end(), None)
            for m in self.w.apposed_office.finditer(text) if has(", ") else ():
                name = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
                if (not name or set(name.group("name").split()) & self.not_names
                        or self.resolve_name(name.group("name")) is not None
                        or self.w.org_heads.search(name.group("name"))):
                    continue  # "Reporters Without Borders, the President of ...": a body
                office = (m.group("office") + m.group("rest")).strip()
                key = self.person(name.group("name").split(), office)
                self.add(part, name.start("name"), name.end("name"), key, 0)
            for m in self.w.media_cue.finditer(text):
                org_name = m.group("org")
                if org_name.split()[0] in self.not_names:
                    continue
                org = self.resolve_name(org_name) or self.organisation(org_name, "media")
                self.add(part, m.start("org"), m.end("org"), org, 1)
                # "a TV Rain journalist, Vasilyi Polonskyi": the person works for the outlet
                name = _NAME.match(text, m.end() + 2) if text[m.end():m.end() + 2] == ", " \
                    else _NAME.match(text, m.end() + 1)
                if name and not set(name.group(0).split()) & self.not_names:
                    self.person(name.group(0).split(),
                                self.w.roles.get(m.group("role"), m.group("role")),
                                member_of=org)

    def find_bare_names(self) -> None:
        """A full name with no cue but itself ("arrest warrants for Vladimir Putin"): two or
        three capitalised words, the first a given name of the given-name table, standing
        alone. Precision first, so it is not read where the words could be anything else:
        - a word of it that the text also prints in lower case ("Will", "Press", "Grace");
        - a word that is never a name, a place's or a demonym (self.not_names);
        - a capitalised word right before or after it: a longer proper name ("the Nelson
          Mandela Rules", "the Anna Politkovskaya Award") or a title read elsewhere;
        - a name the gazetteer knows, or one ending in an organisation's head word or in the
          head of a thing named after a person ("Award", "Rules", "Falls": NAMED_AFTER)."""
        if not self.given_names:
            return
        whole = "\n".join(p.text for p in self.parts)
        for part in self.parts:
            text = part.text
            for m in _NAME.finditer(text):
                tokens = m.group(0).split()
                if (tokens[0] not in self.given_names
                        and tokens[0].split("-")[0] not in self.given_names):
                    continue
                if (set(tokens) & self.not_names
                        or _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                        or _NEXT_WORD.match(text, m.end())
                        or self.w.org_heads.search(m.group(0))
                        or self.w.named_after.search(m.group(0))
                        or self.w.not_actor_heads.search(m.group(0))
                        or self.resolve_name(m.group(0)) is not None
                        or any(_printed_in_lower_case(t, whole) for t in tokens)):
                    continue
                self.add(part, m.start(), m.end(), self.person(tokens, None), 2)

    def read_titled_name(self, part: Part, start: int, pos: int, role: str | None) -> None:
        """A name after an honorific or a title: a full name, or a surname alone ("President
        Zelenskyy’s", "Mr Navalny") when no full name of that person is known yet."""
        text = part.text
        full = _NAME.match(text, pos) or _SURNAME.match(text, pos)
        if not full or _PARTICLE_AFTER.match(text, full.end()):
            return  # "President Ursula von der Leyen": a name this reader cannot read whole
        tokens = full.group(0).split()
        if set(tokens) & self.not_names:
            return
        known = next((k for ts, k in self.persons_by_tokens.items()
                      if len(tokens) == 1 and tokens[0].lower() in ts), None)
        key = known or self.person(tokens, role)
        self.add(part, start, full.end(), key, 0)

    def read_name_list(self, part: Part, pos: int, role: str | None,
                       member_of: str | None = None) -> None:
        text = part.text
        family_first_votes = 0
        found: list[tuple[int, int, list[str]]] = []
        while True:
            m = _NAME.match(text, pos)
            if not m or set(m.group(0).split()) & self.not_names:
                break
            tokens = m.group(0).split()
            if len(tokens) == 2:
                ordered = _person_order(tokens)
                family_first_votes += 1 if ordered != tokens else -1
            found.append((m.start(), m.end(), tokens))
            pos = m.end()
            sep = self.w.list_separator.match(text, pos)
            if not sep:
                break
            pos = sep.end()
            inner = self.w.inner_role.match(text, pos)
            if inner:
                self.register_names(part, found, role, family_first_votes > 0)
                found, family_first_votes = [], 0
                role = self.w.roles[inner.group("role")]
                pos = inner.end()
        self.register_names(part, found, role, family_first_votes > 0)

    def register_names(self, part: Part, found: list[tuple[int, int, list[str]]],
                       role: str | None, family_first: bool) -> None:
        member_of = None
        for start, end, tokens in found:
            token_set = frozenset(t.lower() for t in tokens)
            if token_set not in self.persons_by_tokens and len(tokens) == 2 and family_first:
                # a list printed family name first: order ambiguous names like the others
                ordered = _person_order(tokens)
                if ordered == tokens:
                    tokens = [tokens[1], tokens[0]]
                    key = f"person:{slug(' '.join(tokens))}"
                    self.persons_by_tokens[token_set] = key
                    self.entities[key] = Entity(key=key, kind="person", name=" ".join(tokens),
                                                role=role, member_of=member_of)
            key = self.person(tokens, role, member_of)
            self.add(part, start, end, key, 0)

    def find_person_references(self) -> None:
        """Later mentions: a full name anywhere, or a title with a surname; and the names of
        organisations found from the text wherever else they stand."""
        forms: dict[str, str] = {
            e.name: key for key, e in self.entities.items()
            if e.kind == "organisation" and not e.gazetteer and key.startswith("organisation:")
        }
        for key in self.persons_by_tokens.values():
            name = self.entities[key].name
            forms[name] = key
            parts = name.split()
            if len(parts) == 2:
                forms[f"{parts[1]} {parts[0]}"] = key
        surnames = {
            (title, self.entities[key].name.split()[-1]): key
            for key, title in self.person_titles.items()
        }
        pattern = _alternation(forms) if forms else None
        titled = [
            (re.compile(rf"(?<![\w-]){re.escape(title)} {re.escape(surname)}(?![\w-])"), key)
            for (title, surname), key in surnames.items()
        ]
        for part in self.parts:
            if pattern is not None:
                for m in pattern.finditer(part.text):
                    self.add(part, m.start(), m.end(), forms[m.group(0)], 2)
            for title_pattern, key in titled:
                for m in title_pattern.finditer(part.text):
                    self.add(part, m.start(), m.end(), key, 0)

    def find_listed_organisations(self) -> None:
        for part in self.parts:
            text = part.text
            for cue in self.w.org_list_cue.finditer(text):
                pos = cue.end()
                category = "ngo" if "groups" in cue.group(0) or "organi" in cue.group(0) else (
                    "party-movement")
                while True:
                    m = self.w.list_item.match(text, pos)
                    if not m:
                        break
                    name = m.group(0)
                    key = self.resolve_name(name)
                    if key is None:
                        acronym = re.match(r"(.+) \(([A-Z]{2,9})\)$", name)
                        key = self.organisation(name, category) if not acronym else None
                    if key is not None:
                        self.add(part, m.start(), m.end(), key, 1)
                    pos = m.end()
                    acr = re.match(r" \([A-Z]{2,9}\)", text[pos:])
                    if acr:
                        pos += acr.end()
                    sep = self.w.list_separator.match(text, pos)
                    if not sep:
                        break
                    pos = sep.end()

    def find_named_bodies(self) -> None:
        """Bodies the gazetteer does not know, recognised by their names' shape."""
        for part in self.parts:
            if not any(map(part.text.__contains__, self.w.words.BODY_OPENERS)):
                continue
            for m in self.w.body_name.finditer(part.text):
                # Two bodies joined: "the Committee on Budgets and the Committee on
                # Budgetary Control", "the European Parliament and of the Council".
                pos = m.start()
                for piece in [*self.w.body_join.split(m.group(0)), None]:
                    if piece is None:
                        break
                    start = part.text.index(piece, pos)
                    pos = start + len(piece)
                    name = re.sub(r"[’']s?$", "", piece)
                    # "European Commission President Ursula ...": the body ends at the office
                    office = self.w.office_in_name.search(name)
                    if office:
                        name = name[: office.start()]
                    if (" " not in name or not self.w.body_head.search(name)
                            or self.w.not_actor_heads.search(name)):
                        continue
                    key = self.resolve_name(name) or self.organisation(name, "organisation")
                    self.add(part, start, start + len(name), key, 3)

    def find_gazetteer_and_aliases(self) -> None:
        doc_pattern = _alternation(self.doc_aliases) if self.doc_aliases else None
        for part in self.parts:
            text = part.text
            for start, end, alias in self.gaz.find_aliases(text):
                if self._inside_longer_name(text, start, end):
                    continue
                self.add(part, start, end, self.gazetteer_entity(self.gaz.by_alias[alias]), 3)
            if doc_pattern is not None:
                for m in doc_pattern.finditer(text):
                    self.add(part, m.start(), m.end(), self.doc_aliases[m.group(0)], 2)

    def _inside_longer_name(self, text: str, start: int, end: int) -> bool:
        """'Council' in 'Cooperation Council' is not the Council of the EU."""
        window = text[max(0, start - 40) : start]
        previous = _LAST_WORD.search(window)
        if previous and previous.group(1)[:1].isupper() and previous.group(1) not in (
            "The", "EU"
        ) and not window[: previous.start(1)].rstrip().endswith("."):
            return True
        following = _NEXT_WORD.match(text, end)
        return bool(following and following.group(1) not in self.w.not_followers)

    def find_places(self) -> None:
        for part in self.parts:
            for pattern in (self.w.place_cue, self.w.in_place):
                for m in pattern.finditer(part.text):
                    name = m.group("name")
                    if name in self.not_names or name in self.gaz.by_alias or name in \
                            self.doc_aliases:
                        continue
                    if any(name in e.name.split() for e in self.entities.values()
                           if e.kind != "place"):
                        continue
                    self.add(part, m.start("name"), m.end("name"), self.place(name), 2)

    def find_repeated_places(self) -> None:
        """A place the text introduced with a cue ("the city of Zhanaozen") is the same place
        wherever its name recurs without one ("the 2011 Zhanaozen massacre")."""
        names = {e.name: k for k, e in self.entities.items()
                 if e.kind == "place" and k.startswith("place:")}
        if not names:
            return
        pattern = _alternation(names)
        for part in self.parts:
            for m in pattern.finditer(part.text):
                self.add(part, m.start(), m.end(), names[m.group(0)], 3)

    def find_bare_references(self, spans: list[_Span]) -> None:
        """'the authorities', 'the government', 'the President', 'its President'."""
        counts = Counter(s.key.rsplit(":", 1)[1] for s in spans if s.key.startswith("national:"))
        focus = counts.most_common(1)[0][0] if counts else None
        explicit = {s.key for s in spans}
        presidents = [k for k, t in self.person_titles.items() if t == "President"]
        for part in self.parts:
            text = part.text
            for m in re.finditer(r"(?<![\w-])(?:the|The) (?P<word>authorities|government)"
                                 r"(?![\w-])", text):
                if focus is None:
                    continue
                key = f"national:{self.w.body_words[m.group('word')]}:{focus}"
                if key in explicit:
                    self.add(part, m.start("word"), m.end("word"), key, 4)
            m_country = re.finditer(r"(?<![\w-])the country’s (?P<word>authorities)(?![\w-])",
                                    text)
            for m in m_country:
                if focus is not None:
                    key = f"national:authorities:{focus}"
                    if key in explicit:
                        self.add(part, m.start(), m.end(), key, 4)
            for m in re.finditer(r"(?<![\w-])(?P<its>its|the) President(?![\w-])", text):
                if m.group("its") == "its":
                    president = self.gazetteer_entity("president-european-parliament") if (
                        "president-european-parliament" in self.gaz.entries) else None
                    if president:
                        self.add(part, m.start(), m.end(), president, 0)
                elif len(presidents) == 1:
                    self.add(part, m.start() + 4, m.end(), presidents[0], 4)

    # -- assembly --------------------------------------------------------------------------

    def run(self) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
        self.find_persons()
        self.find_bare_names()
        self.find_listed_organisations()
        self.find_definitions()
        self.find_national_bodies()
        self.find_gazetteer_and_aliases()
        self.find_named_bodies()
        self.find_person_references()
        self.find_places()
        self.find_repeated_places()
        self.find_bare_references(list(self.spans))
        chosen = _resolve_overlaps(self.spans)
        used = {s.key for s in chosen}
        entities = tuple(sorted((e for k, e in self.entities.items() if k in used),
                                key=lambda e: e.key))
        mentions = tuple(Mention(s.key, s.part, s.start, s.end) for s in chosen)
        return entities, mentions




def _printed_in_lower_case(word: str, text: str) -> bool:
    """Whether the text also prints `word` as a common word ("will", "press", "grace")."""
    lower = word.lower()
    at = text.find(lower)
    while at != -1:
        end = at + len(lower)
        if ((at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-"))
                and (end == len(text) or not (text[end].isalnum() or text[end] in "_-"))):
            return True
        at = text.find(lower, end)
    return False


def _a_people(w: _Words, name: str, after: str) -> bool:
    """A people or a group named like a person: a nationality or faith adjective and a
    plural ("Crimean Tatars", "Uyghur Muslims"), or an adjective before a lower-case noun
    ("Tibetan Buddhist monks")."""
    tokens = name.split()
    adjective = w.people_adjective.search(tokens[0])
    return bool(adjective and tokens[-1].endswith(w.words.PLURAL_ENDING)) or bool(
        w.noun_after_adjective.match(after))


def _resolve_overlaps(spans: list[_Span]) -> list[_Span]:
    """Longest first, then by priority; ties keep document order. Deterministic."""
    by_part: dict[tuple[str, ...], list[_Span]] = {}
    for s in spans:
        by_part.setdefault(s.part.path, []).append(s)
    chosen: list[_Span] = []
    for group in by_part.values():
        taken: list[_Span] = []
        for s in sorted(group, key=lambda s: (-(s.end - s.start), s.priority, s.start, s.key)):
            if all(s.end <= t.start or s.start >= t.end for t in taken):
                taken.append(s)
        chosen.extend(sorted(taken, key=lambda s: s.start))
    order = {p.path: i for i, p in enumerate(_all_parts(chosen))}
    return sorted(chosen, key=lambda s: (order[s.part.path], s.start))


def _all_parts(spans: list[_Span]) -> list[Part]:
    seen: dict[tuple[str, ...], Part] = {}
    for s in spans:
        seen.setdefault(s.part.path, s.part)
    return sorted(seen.values(), key=lambda p: p.span.start)


def extract_actors(resolution: Resolution, gazetteer: Gazetteer | None = None,
                   given_names: frozenset[str] = frozenset(),
                   lexicon: ModuleType = ENGLISH,
                   ) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    """Actors and their mentions, read with the actor words of `lexicon` (lang/<code>/
    actors.py); with `given_names` (kb.given_names), bare full names too."""
    return _Extractor(resolution, gazetteer or load_gazetteer(), given_names, lexicon).run()
