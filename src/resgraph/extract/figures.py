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

# "10 000", "10 000" (no-break space), "10,000", "611 473 556", "76.6", "11,6" (decimal comma)
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
QUALIFIERS = ("at least", "nearly", "almost", "over", "more than", "fewer than", "less than",
              "around", "about", "approximately", "up to", "some", "only", "a total of",
              "roughly", "at most", "no more than", "in excess of", "close to")
_QUALIFIER = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CURRENCIES = {"EUR": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "USD": "USD",
               "US$": "USD", "$": "USD", "GBP": "GBP", "£": "GBP"}

# The number and what follows it; the qualifier and currency before it are read separately
# (_BEFORE) so that the scan only starts at digits and number words.
_FIGURE = re.compile(
    rf"(?<![\w.,-])(?:(?P<num>{_NUMBER})|(?P<word>{'|'.join(_WORDS)})(?= [a-z]))"
    r"(?: (?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?: (?P<cur_after>EUR|euros?)\b)?"
    r"(?P<pct> ?%| per ?cent\b)?"
    r"(?P<ord>(?<=\d)(?:st|nd|rd|th)\b)?"
    r"(?: out of (?P<total>\d+))?"
)
_BEFORE = re.compile(
    rf"(?:(?<![\w-])(?P<qual>{_QUALIFIER}) )?(?:(?P<cur>EUR|USD|GBP|US\$|€|\$|£) ?)?$",
    re.IGNORECASE,
)
# Words after which a number names something (an article, a rule, a point, a case...).
_NAMING = re.compile(
    r"\b(?:Articles?|Rules?|No|Nos|points?|paragraphs?|subparagraphs?|headings?|Annex(?:es)?|"
    r"recitals?|Case|Cases|Chapter|Section|Title|Protocol|Part|Amendments?|item|Table|page|"
    r"Regulation|Directive|Decision|C|T|COM|SWD|level|grade|every)\s*\(?$",
    re.IGNORECASE,
)
# Words that end the phrase naming what is counted.
_STOP = frozenset(
    "a an the and or but nor of in on at to by for from with without into onto over under "
    "during since until after before between among against per as than that which who whom "
    "whose where when while whereas including is are was were be been being has have had do "
    "does did will would shall should can could may might must also still now not only "
    "their its his her our your this these those such each every all both either some any "
    "up down out off through across about around compared respectively "
    # irregular past tenses and participles, which end a noun phrase as "-ed" forms do
    "held made taken given shown known seen found put set led left brought built sent spent "
    "paid kept met won lost begun run done written took began came went got rose fell grew "
    "spread stood remain remains remained".split()
)
_NEXT_WORD = re.compile(r" ([A-Za-z][\w’'-]*?)([,;:.)]|(?= )|$)")
# A duration used as a modifier: "a five-day internet blackout", "the 10-year exclusivity";
# "15-year-old" is an age, not a figure.
_DURATION = re.compile(
    rf"(?<![\w.,-])(?P<n>\d+|{'|'.join(_WORDS)})-(?P<unit>hour|day|week|month|year)"
    r"(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class FoundFigure:
    start: int
    end: int
    value: str  # lexical xsd:integer or xsd:decimal
    integer: bool
    qualifier: str | None
    counts: str
    unit: str | None  # ISO 4217 code, or "percent"
    kind: str  # count | money | percentage | rank | ordinal
    out_of: int | None


def number_value(number: str, scale: str | None = None) -> tuple[str, bool]:
    """'10 000' -> ('10000', True); '76.6' million -> ('76600000', True); '11,6' billion ->
    ('11600000000', True); '5,9' -> ('5.9', False). A comma before exactly three digits
    groups thousands; before other digit counts it is a decimal comma, as in several EP
    language versions."""
    n = re.sub(r"[ \u00a0\u202f]", "", number)
    grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+", n)
    n = n.replace(",", "" if grouped else ".")
    value = Decimal(n) * _SCALES.get((scale or "").lower(), 1)
    if value == value.to_integral_value():
        return str(int(value)), True
    return format(value.normalize(), "f"), False


def _counted(text: str, pos: int, limit: int, *, names: bool) -> tuple[str, int]:
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
        if word.lower() == "of" and words and not after_of:
            after_of = True
        elif (not words and word[0].isupper() and following is not None and not names
              and following.group(1)[0].islower()
              and _acceptable(following.group(1), [word], names)
              and _acceptable(word.lower(), words, names)):
            pass  # an adjective before the noun: "Ukrainian children", "Roma families"
        elif not _acceptable(word, words, names):
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


def _acceptable(word: str, words: list[str], names: bool) -> bool:
    """Whether `word` continues the counted noun phrase: not a function word or adverb, not a
    verb form after the first word ("activists associated with"), and not a capitalised name
    unless allowed (acronyms such as "FTEs" always are)."""
    lower = word.lower()
    if lower in _STOP or (lower.endswith("ly") and len(lower) > 4):
        return False
    if words and lower.endswith("ed"):
        return False
    return not (word[0].isupper() and not names and not re.fullmatch(r"[A-Z]{2,}s?", word))


def find_figures(text: str, start: int, end: int,
                 excluded: list[tuple[int, int]]) -> list[FoundFigure]:
    """Figures in text[start:end]; numbers overlapping an `excluded` span (dates, legal
    references) are skipped."""
    found = []
    for m in _FIGURE.finditer(text, start, end):
        n_start, n_end = m.span("num") if m.group("num") else m.span("word")
        pre = _BEFORE.search(text, max(start, n_start - 30), n_start)
        if any(s < n_end and n_start < e for s, e in excluded):
            continue
        before, after = text[max(0, n_start - 16) : n_start], text[n_end : n_end + 2]
        if _NAMING.search(before) or re.match(r"[(/\-–.:]\w|[(/]", after) or re.search(
                r"[\w/.-]$", before):
            continue  # "Article 21", "3(5)", "2023/2667", "15-year-old", "C9-0123"
        currency = pre.group("cur") or m.group("cur_after")
        percent, ordinal = m.group("pct"), m.group("ord")
        number = m.group("num")
        if number is None:
            value, integer = str(_WORDS[m.group("word")]), True
        else:
            if re.fullmatch(r"(?:19|20)\d\d", number) and not (currency or percent):
                continue  # a year
            value, integer = number_value(number, m.group("scale"))
        out_of = int(m.group("total")) if m.group("total") else None
        fig_end = m.end()
        if currency:
            kind, unit, counts = "money", _CURRENCIES.get(currency, currency.upper()), None
        elif percent:
            kind, unit, counts = "percentage", "percent", None
        elif ordinal:
            kind, unit = ("rank" if out_of else "ordinal"), None
            counts, fig_end = _counted(text, m.end(), end, names=not out_of)
        else:
            if m.group("total"):
                continue
            kind, unit = "count", None
            counts, fig_end = _counted(text, m.end(), end, names=False)
        if kind == "count" and not counts and pre.group("qual"):
            # "unsubstantiated claims of their numbers (allegedly around 20 000)": an
            # approximate number in brackets counts the noun before the bracket.
            noun = re.search(r"([a-z][\w-]*) \((?:[a-z]+ )?$", text[max(start, pre.start() - 40)
                                                                    : pre.start()])
            if noun and noun.group(1) not in _STOP:
                counts = noun.group(1)
        if kind in ("count", "ordinal", "rank") and not counts:
            continue  # a bare number: nothing says what it counts
        qualifier = pre.group("qual").lower() if pre.group("qual") else None
        found.append(FoundFigure(pre.start(), fig_end, value, integer, qualifier,
                                 counts or unit or "", unit, kind, out_of))
    for m in _DURATION.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in excluded):
            continue
        n = m.group("n")
        value = n if n.isdigit() else str(_WORDS[n.lower()])
        found.append(FoundFigure(m.start(), m.end(), value, True, None,
                                 m.group("unit").lower() + "s", None, "count", None))
    return sorted(found, key=lambda f: f.start)
