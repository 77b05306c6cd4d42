"""English: the surface forms the extractors read English texts by.

Moved here so far, each compiled per language by the extractor that reads it:
figures.py (number words, qualifiers, scales, currencies, the words after which a number names
a thing, the words that end what is counted, units of duration; `find_figures(...,
lexicon=)`) and demands.py (adverbs, pronouns, determiners, coordinators, the infinitive
marker, phrases of purpose; `extract_demands(..., lexicon=)`) and events.py (voice and tense
cues, modals and negations, date and place prepositions, the cues of coordinations, relative
clauses and acts made; `extract_events(..., lexicon=)`, with event_triggers.json chosen by the
language's code). actors.py (words that are
never names, role nouns, titles, honorifics, acts done to persons, national bodies' words)
is here too, but extract/actors.py still compiles it once at import. acts.json (the forms
that open a clause of each act) and event_triggers.json (the words of each event type) are
read beside the language-neutral records of data/speech_acts.json and data/event_types.json.
dates.py holds the month names that resgraph.dates compiles at import. Still beside the rules
that use them: the head nouns and cues written inside actors.py's patterns. A second
language is a second package with the same names, chosen by lang.lexicon_for.
"""

from __future__ import annotations

from resgraph.lang.en import actors, dates, demands, events, figures

CODE = "en"

__all__ = ["CODE", "actors", "dates", "demands", "events", "figures"]
