"""lang: the surface forms facts are read by, one package per language (lang/en). The language
a document is in (metadata, checked by text.language) chooses one; facts are English-only for
now, so any other language is a one-line error listing those available."""

from __future__ import annotations

from types import ModuleType

from resgraph.errors import ResgraphError
from resgraph.lang import en

LEXICONS: dict[str, ModuleType] = {"en": en}


class UnknownLanguage(ResgraphError):
    """No lexicon for the document's language."""


def lexicon_for(language: str) -> ModuleType:
    try:
        return LEXICONS[language]
    except KeyError:
        raise UnknownLanguage(
            f"no lexicon for language {language!r}: facts can be read in "
            + ", ".join(sorted(LEXICONS))
        ) from None
