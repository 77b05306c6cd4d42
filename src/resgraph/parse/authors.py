"""Who drew a document up, and which motions it replaces, read from its cover or its web page's
header (CleanText.front_matter): the Members who tabled a motion on behalf of a political group
or of a committee, the rapporteurs of a committee's report, and the motions a joint motion
replaces.

Pure functions over the front matter string. The rules are the printed forms of EP covers and
doceo headers, for any term: no list of groups, committees or Members is consulted. Nothing here
reads the resolution's text, so a contributor never becomes a person the text names.
"""

from __future__ import annotations

import re

from resgraph.model import Contributor
from resgraph.numbers import TABLED_ALONE

# "on behalf of the Verts/ALE Group" on the line after the names, or ending the line that holds
# them: "Michael Gahler, Željana Zovko, on behalf of the PPE Group".
_ON_BEHALF = re.compile(r"(?:^|,?\s+)on behalf of\s+(.+)$")
# A body's name printed over two lines: the first ends with a joining word or a comma.
_CONTINUED = re.compile(r"(?:,|&|\b(?:and|of|on|for|the|in))$")
# "Committee on Budgets", "Special Committee on ...", "Committee of Inquiry ...".
_COMMITTEE = re.compile(r"^(?:[A-Z][a-z]+ )?Committee (?:on|of|for) \S")
_GROUP_WORD = re.compile(r"\s+[Gg]roup$")
# "Rapporteur: Emil Radev", "Rapporteurs: Nils Ušakovs, Monika Hohlmeier", "Co-rapporteurs: ...";
# not "Rapporteur for the opinion:" nor an annex title naming "THE RAPPORTEUR".
_RAPPORTEURS = re.compile(r"^(?:co-?)?rapporteurs?\s*:\s*(.*)$", re.IGNORECASE)
# Lower-case words inside a name (Esther de Lange, Carles Puigdemont i Casamajó). Every other
# word of a name is capitalised, so "Committee on Budgets" or "on the situation in ..." is none.
_PARTICLES = frozenset({"af", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos",
                        "du", "e", "i", "la", "le", "ten", "ter", "van", "von", "y", "zu"})
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_ELIDED = re.compile(r"^[a-z]{1,2}['’][A-Z]")  # d'Estaing
# "replacing the following motions:", "to replace the motions by the following groups:".
_REPLACING = re.compile(r"\breplac(?:e|es|ing)\s+(?:the\s+)?(?:following\s+)?motions?\b",
                        re.IGNORECASE)
# A tabled document's number as printed (metadata._NUMBER's form), not the "B9-..." inside a
# joint motion's "RC-B9-...": "B9-0065/2022", "B10-0249/2025".
_MOTION = TABLED_ALONE
# A report's front matter may hold a whole text before the resolution (the proposal for a
# decision before a discharge resolution): its citations are no cover, so reading stops there.
_BODY_OPENS = re.compile(r"^\s*The European Parliament,?\s*$", re.MULTILINE)


def _cover(front_matter: str) -> str:
    m = _BODY_OPENS.search(front_matter)
    return front_matter[: m.start()] if m else front_matter


def contributors(front_matter: str) -> tuple[Contributor, ...]:
    """Authors (name, and the group or committee on whose behalf) and rapporteurs (name, and
    the committee when the cover names exactly one), in the order printed, each once."""
    lines = [line.strip() for line in _cover(front_matter).splitlines()]
    found: list[Contributor] = []
    for i, line in enumerate(lines):
        if m := _ON_BEHALF.search(line):
            found.extend(_authors(lines, i, m))
        elif r := _RAPPORTEURS.match(line):
            found.extend(_rapporteurs(lines, i, r.group(1)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in found:
        key = (c.name.casefold(), c.role)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return tuple(unique)


def replaced_motions(front_matter: str) -> tuple[str, ...]:
    """The motion numbers listed after "replacing the following motions:" (or "to replace the
    motions by the following groups:"), one or more a line, each with its group printed beside
    it: "B9-0065/2022 (Renew)", "Renew (B9-0065/2022)". The list ends at a line without one."""
    cover = _cover(front_matter)
    numbers: list[str] = []
    for m in _REPLACING.finditer(cover):
        listed: list[str] = []
        # The rest of the introducing line, a wrapped "groups:", then the list.
        for k, line in enumerate(cover[m.end():].split("\n")):
            found = _MOTION.findall(line)
            if found:
                listed.extend(found)
            elif listed or k > 2:
                break
        numbers.extend(listed)
    return tuple(dict.fromkeys(numbers))


def _authors(lines: list[str], i: int, m: re.Match[str]) -> list[Contributor]:
    body = m.group(1).strip()
    k = i
    while _CONTINUED.search(body) and k + 1 < len(lines) and lines[k + 1]:
        k += 1
        body = f"{body} {lines[k]}"
    group, committee = _body(body)
    before = lines[i][: m.start()].strip()
    j = i - 1
    if before:
        names = _names(before)
    elif j >= 0:
        names = _names(lines[j])
        j -= 1
    else:
        names = None
    if names is None:
        return []
    # A long list wraps: the lines above that end with a comma belong to it.
    while j >= 0 and lines[j].endswith(",") and (more := _names(lines[j])) is not None:
        names = more + names
        j -= 1
    return [Contributor(name, "author", group, committee) for name in names]


def _body(text: str) -> tuple[str | None, str | None]:
    """(group, committee) from what follows "on behalf of": "the Verts/ALE Group" is the group
    "Verts/ALE"; "the Committee on ..." a committee, named in full."""
    text = re.sub(r"^the\s+", "", text.strip().rstrip(",;."))
    if _COMMITTEE.match(text):
        return None, text
    return _GROUP_WORD.sub("", text).strip() or None, None


def _rapporteurs(lines: list[str], i: int, text: str) -> list[Contributor]:
    k = i
    while text.rstrip().endswith(",") and k + 1 < len(lines):
        k += 1
        text = f"{text} {lines[k]}"
    # "Monika Hohlmeier(Recast – Rule 110 of the Rules": a note glued to the last name, its
    # closing parenthesis on the next line or not at all.
    text = re.sub(r"\([^)]*\)?", " ", text)
    names = [n.strip() for n in re.split(r",|\s+and\s+", text) if n.strip()]
    committees = _committees_above(lines, i)
    committee = committees[0] if len(committees) == 1 else None
    return [Contributor(n, "rapporteur", None, committee) for n in names if _is_name(n)]


def _committees_above(lines: list[str], i: int) -> list[str]:
    """The committee lines printed just above the rapporteurs, skipping a parenthesised note
    such as "(Joint committee procedure – Rule 58 of the Rules of Procedure)"."""
    found: list[str] = []
    for line in reversed(lines[:i]):
        if _COMMITTEE.match(line):
            found.append(line)
        elif not line.startswith("("):
            break
    return found[::-1]


def _names(text: str) -> list[str] | None:
    """The names of a comma-separated list, or None when any item is not a name."""
    items = [t.strip() for t in text.split(",")]
    if items and not items[-1]:
        items.pop()  # a list wrapped after a comma
    if not items or not all(_is_name(t) for t in items):
        return None
    return items


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 8:
        return False
    for k, word in enumerate(words):
        if not _WORD.match(word):
            return False
        if word[0].isupper() or _ELIDED.match(word):
            continue
        if 0 < k < len(words) - 1 and word in _PARTICLES:
            continue
        return False
    return True
