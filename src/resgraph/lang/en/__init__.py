"""English: the surface forms the extractors read English texts by.

Moved here so far: figures.py (number words, qualifiers, scales, currencies, the words after
which a number names a thing, the words that end what is counted, units of duration), which
extract/figures.py compiles per language (`find_figures(..., lexicon=)`). Still beside the
rules that use them, to be moved the same way: role nouns, titles and honorifics
(extract/actors.py), adverbs (extract/demands.py), months (dates.py), and the act forms and
event triggers (data/speech_acts.json, data/event_types.json). A second language is a second
package with the same names, chosen by lang.lexicon_for.
"""

from __future__ import annotations

from resgraph.lang.en import figures

CODE = "en"

__all__ = ["CODE", "figures"]
