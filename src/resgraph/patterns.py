"""Building blocks of the regular expressions the readers and extractors compile from word
lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks the end of a word in the trie


def longest_first(words: Iterable[str]) -> str:
    """The words as one plain alternation, longest first, each escaped: quicker to build than
    `alternatives` for the few words of one document, which are matched once."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def alternatives(words: Iterable[str]) -> str:
    """The words as one alternation that matches, at a given place, the longest of them that
    fits ("calls upon" before "calls"), each escaped.

    Written as a trie ("calls(?: upon)?" rather than "calls upon|calls"), so that the engine
    follows one branch per character instead of trying every word at every position: the
    alternations of instrument names and actor names hold hundreds of words. At each branch
    the longer continuation is tried first and ending the word last, so a match is the longest
    word that fits, and a shorter one is tried if what follows the group fails, as with
    longest-first alternation."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _branches(trie)[0]


def _branches(node: dict[str, dict]) -> tuple[str, int]:
    """The node's pattern and the length of the longest word under it, in one pass."""
    built = [(key, *_branches(child)) for key, child in node.items() if key != _END]
    built.sort(key=lambda b: (-b[2], b[0]))
    parts = [re.escape(key) + pattern for key, pattern, _ in built]
    longest = 1 + built[0][2] if built else 0
    if not parts:
        return "", longest
    if len(parts) == 1:
        return (f"(?:{parts[0]})?" if _END in node else parts[0]), longest
    body = "(?:" + "|".join(parts) + ")"
    return (body + "?" if _END in node else body), longest
