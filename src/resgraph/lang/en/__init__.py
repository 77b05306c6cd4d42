"""English: the surface forms the extractors read English texts by. They still live beside the
rules that use them (extract/actors.py: role nouns, titles, honorifics; extract/demands.py:
adverbs; extract/figures.py: number words, qualifiers; dates.py: months; data/speech_acts.json
and data/event_types.json: act forms and triggers); this package names the language they are
for, so that a second language is a second package, chosen by lang.lexicon_for."""

from __future__ import annotations

CODE = "en"
