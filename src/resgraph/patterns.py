"""Building blocks of the regular expressions the readers and extractors compile from word
lists."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternatives(words: Iterable[str]) -> str:
    """The words as one alternation, longest first so that a longer form wins ("calls upon"
    before "calls"), each escaped."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
