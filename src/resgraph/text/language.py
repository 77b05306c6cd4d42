"""Which of the EU's languages a text is written in: resgraph reads facts from English texts
only for now, so any other language is refused with its name rather than half-read.

The identifier is py3langid (the maintained fork of langid.py, Lui and Baldwin 2012: a naive
Bayes model over byte n-grams, deterministic), restricted to the EU's 24 official languages;
pycountry (ISO 639) gives the language's name for the message.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

# py3langid ships neither type hints (no py.typed) nor a stub package
from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

from resgraph.errors import InputError
from resgraph.model import SourceText
from resgraph.text.cleanup import LANGUAGE_CODES

# Enough words to be sure (a few hundred), few enough to cost a millisecond or two.
_SAMPLE = 4_000
# Below this the text is mixed or too short to tell: read it rather than refuse it.
_SURE = 0.95


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(code.lower() for code in LANGUAGE_CODES))
    return identifier


def detect(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the EU language `text` is most likely in, and how likely."""
    code, probability = _identifier().classify(text[:_SAMPLE])
    return str(code), float(probability)


def _visible(source: SourceText) -> str:
    if source.lines is None:
        return source.text
    return "\n".join(line.text for line in source.lines if not line.furniture)


def require_english(source: SourceText) -> None:
    code, probability = detect(_visible(source))
    if code != "en" and probability >= _SURE:
        language = pycountry.languages.get(alpha_2=code)
        # ISO 639 names some languages with a period: "Modern Greek (1453-)" is Greek here.
        name = re.sub(r"\s*\(.*\)$", "", language.name) if language is not None else code
        name = name.removeprefix("Modern ")
        raise InputError(
            source.name,
            f"is in {name} ({code}), not English: resgraph reads English texts only for now",
        )
