"""English: the surface forms the extractors read English texts by, each compiled per
language by the extractor that reads it:
- figures.py: number words, qualifiers, scales, currencies, the words after which a number
  names a thing, the words that end what is counted, units of duration (`find_figures`);
- demands.py: adverbs, pronouns, determiners, coordinators, the infinitive marker, phrases of
  purpose (`extract_demands`);
- events.py: voice and tense cues, modals and negations, date and place prepositions, the cues
  of coordinations, relative clauses and acts made (`extract_events`);
- actors.py: words that are never names, role nouns, titles, honorifics, acts done to persons,
  national bodies' words, and the head nouns, links and cues of the names of bodies, offices,
  lists and places (`extract_actors`);
- acts.json (the forms that open a clause of each act) and event_triggers.json (the words of
  each event type), read by language code beside the language-neutral records of
  data/speech_acts.json and data/event_types.json;
- dates.py: the month names that resgraph.dates compiles at import.
A second language is a second package with the same names, chosen by lang.lexicon_for.
"""

from __future__ import annotations

from resgraph.lang.en import actors, dates, demands, events, figures

CODE = "en"

__all__ = ["CODE", "actors", "dates", "demands", "events", "figures"]
