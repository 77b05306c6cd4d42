"""Part text -> figures: the numbers a resolution states, with what they count.

A figure is a count ("nearly 10 000 people"), an amount of money ("EUR 76.6 million"), a
percentage ("5,9 %"), a rank ("155th out of 180 countries") or an ordinal ("the 18th
meeting"); ranks and ordinals are kept apart from counts by their kind. Numbers that name
things rather than count them (articles, rules, points, case and document numbers, years,
dates, ages such as "15-year-old") are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from types import ModuleType

from resgraph.lang.en import figures as ENGLISH
from resgraph.model import FigureKind
from resgraph.patterns import alternatives

# "10 000", "10 000" (no-break space), "10,000", "611 473 556", "76.6", "11,6" (decimal comma)
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class _Patterns:
    """A language's figure words (lang/<code>/figures.py), compiled once."""

    words: dict[str, int]
    scales: dict[str, int]
    currencies: dict[str, str]
    stop: frozenset[str]
    of: str
    figure: re.Pattern[str]  # the number and what follows it
    before: re.Pattern[str]  # the qualifier and currency before it
    naming: re.Pattern[str]  # words after which a number names a thing
    duration: re.Pattern[str]  # "five-day", "10-year"


@cache
def _patterns(lexicon: ModuleType) -> _Patterns:
    number_words = "|".join(lexicon.NUMBER_WORDS)
    # The qualifier and currency before a number are read separately (`before`) so that the
    # scan only starts at digits and number words.
    figure = re.compile(
        rf"(?<![\w.,-])(?:(?P<num>{_NUMBER})|(?P<word>{number_words})(?= [a-z]))"
        rf"(?: (?P<scale>{'|'.join(lexicon.SCALES)})\b)?"
        rf"(?: (?P<cur_after>{alternatives(lexicon.CURRENCIES_AFTER)})\b)?"
        rf"(?P<pct>{lexicon.PERCENT_PATTERN})?"
        rf"(?P<ord>(?<=\d)(?:{'|'.join(lexicon.ORDINAL_SUFFIXES)})\b)?"
        rf"(?: {lexicon.OUT_OF} (?P<total>\d+))?"
    )
    before = re.compile(
        rf"(?:(?<![\w-])(?P<qual>{alternatives(lexicon.QUALIFIERS)}) )?"
        rf"(?:(?P<cur>{'|'.join(map(re.escape, lexicon.CURRENCIES_BEFORE))}) ?)?$",
        re.IGNORECASE,
    )
    naming = re.compile(rf"\b(?:{'|'.join(lexicon.NAMING)})\s*\(?$", re.IGNORECASE)
    # A duration used as a modifier ("a five-day internet blackout"); "15-year-old" is an age.
    duration = re.compile(
        rf"(?<![\w.,-])(?P<n>\d+|{number_words})-(?P<unit>{'|'.join(lexicon.DURATION_UNITS)})"
        r"(?![\w-])", re.IGNORECASE)
    return _Patterns(dict(lexicon.NUMBER_WORDS), dict(lexicon.SCALES),
                     dict(lexicon.CURRENCIES), frozenset(lexicon.STOP), lexicon.OF, figure,
                     before, naming, duration)


_NEXT_WORD = re.compile(r" ([A-Za-z][\w’'-]*?)([,;:.)]|(?= )|$)")


@dataclass(frozen=True)
class FoundFigure:
    start: int
    end: int
    value: str  # lexical xsd:integer or xsd:decimal
    integer: bool
    qualifier: str | None
    counts: str
    unit: str | None  # ISO 4217 code, or "percent"
    kind: FigureKind
    out_of: int | None


def number_value(number: str, scale: str | None = None,
                 lexicon: ModuleType = ENGLISH) -> tuple[str, bool]:
    """'10 000' -> ('10000', True); '76.6' million -> ('76600000', True); '11,6' billion ->
    ('11600000000', True); '5,9' -> ('5.9', False). A comma before exactly three digits
    groups thousands; before other digit counts it is a decimal comma, as in several EP
    language versions."""
    n = re.sub(r"[ \u00a0\u202f]", "", number)
    grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+", n)
    n = n.replace(",", "" if grouped else ".")
    value = Decimal(n) * _patterns(lexicon).scales.get((scale or "").lower(), 1)
    if value == value.to_integral_value():
        return str(int(value)), True
    return format(value.normalize(), "f"), False


def _counted(text: str, pos: int, limit: int, p: _Patterns, *, names: bool) -> tuple[str, int]:
    """The words after a number that say what it counts, and where they end: a noun phrase,
    cut at the first function word, verb form or punctuation ("people have been detained"
    -> "people"), with one "of" phrase kept ("cases of political persecution"). `names` lets
    capitalised words in, for ordinals of named meetings ("13th EU-Kazakhstan Human Rights
    Dialogue meeting")."""
    words: list[str] = []
    end = pos
    after_of = False
    cursor = pos
    while len(words) < 6:
        m = _NEXT_WORD.match(text, cursor, limit)
        if m is None:
            break
        word = m.group(1)
        following = _NEXT_WORD.match(text, m.end(), limit) if not m.group(2) else None
        if word.lower() == p.of and words and not after_of:
            after_of = True
        elif (not words and word[0].isupper() and following is not None and not names
              and following.group(1)[0].islower()
              and _acceptable(following.group(1), [word], p.stop, names)
              and _acceptable(word.lower(), words, p.stop, names)):
            pass  # an adjective before the noun: "Ukrainian children", "Roma families"
        elif not _acceptable(word, words, p.stop, names):
            break
        words.append(word)
        cursor = m.end()
        if word.lower() != "of":
            end = m.end(1)
        if m.group(2):
            break  # punctuation after the word ends the phrase
    while words and words[-1].lower() == "of":
        words.pop()
    return " ".join(words), end


def _acceptable(word: str, words: list[str], stop: frozenset[str], names: bool) -> bool:
    """Whether `word` continues the counted noun phrase: not a function word or adverb, not a
    verb form after the first word ("activists associated with"), and not a capitalised name
    unless allowed (acronyms such as "FTEs" always are)."""
    lower = word.lower()
    if lower in stop or (lower.endswith("ly") and len(lower) > 4):
        return False
    if words and lower.endswith("ed"):
        return False
    return not (word[0].isupper() and not names and not re.fullmatch(r"[A-Z]{2,}s?", word))


def find_figures(text: str, start: int, end: int, excluded: list[tuple[int, int]],
                 lexicon: ModuleType = ENGLISH) -> list[FoundFigure]:
    """Figures in text[start:end]; numbers overlapping an `excluded` span (dates, legal
    references) are skipped."""
    found = []
    p = _patterns(lexicon)
    for m in p.figure.finditer(text, start, end):
        n_start, n_end = m.span("num") if m.group("num") else m.span("word")
        pre = p.before.search(text, max(start, n_start - 30), n_start)
        assert pre is not None  # every part of `before` is optional: it matches at n_start
        if any(s < n_end and n_start < e for s, e in excluded):
            continue
        before, after = text[max(0, n_start - 16) : n_start], text[n_end : n_end + 2]
        if p.naming.search(before) or re.match(r"[(/\-–.:]\w|[(/]", after) or re.search(
                r"[\w/.-]$", before):
            continue  # "Article 21", "3(5)", "2023/2667", "15-year-old", "C9-0123"
        currency = pre.group("cur") or m.group("cur_after")
        percent, ordinal = m.group("pct"), m.group("ord")
        number = m.group("num")
        if number is None:
            value, integer = str(p.words[m.group("word")]), True
        else:
            if re.fullmatch(r"(?:19|20)\d\d", number) and not (currency or percent):
                continue  # a year
            value, integer = number_value(number, m.group("scale"), lexicon)
        out_of = int(m.group("total")) if m.group("total") else None
        fig_end = m.end()
        kind: FigureKind
        if currency:
            kind, unit, counts = "money", p.currencies.get(currency, currency.upper()), None
        elif percent:
            kind, unit, counts = "percentage", "percent", None
        elif ordinal:
            kind, unit = ("rank" if out_of else "ordinal"), None
            counts, fig_end = _counted(text, m.end(), end, p, names=not out_of)
        else:
            if m.group("total"):
                continue
            kind, unit = "count", None
            counts, fig_end = _counted(text, m.end(), end, p, names=False)
        if kind == "count" and not counts and pre.group("qual"):
            # "unsubstantiated claims of their numbers (allegedly around 20 000)": an
            # approximate number in brackets counts the noun before the bracket.
            noun = re.search(r"([a-z][\w-]*) \((?:[a-z]+ )?$", text[max(start, pre.start() - 40)
                                                                    : pre.start()])
            if noun and noun.group(1) not in p.stop:
                counts = noun.group(1)
        if kind in ("count", "ordinal", "rank") and not counts:
            continue  # a bare number: nothing says what it counts
        qualifier = pre.group("qual").lower() if pre.group("qual") else None
        found.append(FoundFigure(pre.start(), fig_end, value, integer, qualifier,
                                 counts or unit or "", unit, kind, out_of))
    for m in p.duration.finditer(text, start, end) if text.find("-", start, end) != -1 else ():
        if any(s < m.end() and m.start() < e for s, e in excluded):
            continue
        n = m.group("n")
        value = n if n.isdigit() else str(p.words[n.lower()])
        found.append(FoundFigure(m.start(), m.end(), value, True, None,
                                 m.group("unit").lower() + "s", None, "count", None))
    return sorted(found, key=lambda f: f.start)
