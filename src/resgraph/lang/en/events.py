"""English words of events (extract/events.py), beside the triggers of event_triggers.json:
the auxiliaries and endings that tell a verb's voice and tense, modals and negations, the
prepositions that open a date or a place, the words a label is trimmed of, and the cues of
statements, coordinations, relative clauses and acts made. extract/events.py compiles them
once per language (`cues_for`); the order of each tuple is the order of its alternation."""

from __future__ import annotations

# Verb forms: a passive's auxiliaries, and those printed a few words before a participle
# ("have been detained", "was shot").
PASSIVE_AUXILIARIES = ("were", "was", "been", "being", "are", "is", "be")
PARTICIPLE_AUXILIARIES = ("was", "were", "been", "being")
# Auxiliaries a finite verb carries, which no noun phrase holds.
FINITE_AUXILIARIES = ("were", "was", "been", "is", "are", "be", "have", "has", "had")
PAST_ENDING = "ed"  # "detained", "signed": a verb or a participle, not a noun
PROGRESSIVE_ENDING = "ing"  # "protesting"
PLURAL_ENDING, NOT_PLURAL_ENDING = "s", "ss"  # "meetings", not "process"
# What the text says has been reported ("has been reported", not "was reported to").
REPORTED_PATTERN = r"\b(?:has|have) been reported\b|\b(?:was|were) reported\b(?! to)"
# Between an actor and its verb: "President Tokayev has also accused".
SUBJECT_AUXILIARIES = ("has", "have", "had")
SUBJECT_ADVERBS = ("also", "reportedly", "publicly")
POSSESSIVE = ("’s", "'s")
# Modals and negations: what they govern did not (or not surely) happen.
UNREAL = ("may", "might", "could", "would", "should", "must", "risks?", "not", "never", "if",
          "no", "nobody", "none", "no one", "without")
# A date opening its clause: after "whereas", "that" or a comma, with its preposition.
CLAUSE_OPENERS = ("whereas", "that")
DATE_PREPOSITIONS = ("on", "as of", "since", "in", "from", "between", "during",
                     "at the end of")
# The opening of a clause, dropped from a label ("whereas", "having regard to", "which was").
LEAD_PATTERN = (r"[\s,;]*(?:having regard to\s+|whereas,?\s+)?(?:(?:and|to|that|but|also)\s+)*"
                r"(?:which\s+(?:was|were|has been|have been)\s+|which\s+|who\s+)?")
# A label opening on one of these has left its subject before it ("which entered into full
# force", "has been placed in pre-trial detention"): the clause's first words lead it.
SUBJECTLESS_OPENINGS = ("which", "who", *FINITE_AUXILIARIES)
# Where a clause of a part starts ("...; whereas").
CLAUSE_SEPARATOR = "; "
# Words a label does not end on.
TRAIL = ("and", "or", "which", "who", "that", "was", "were", "has", "have", "been", "is",
         "are", "on", "in", "of", "the", "to", "by", "with", "at")
# Places: "in the city of Zhanaozen", "near the morgue in Almaty".
LOCATIVE_PREPOSITIONS = ("in", "at", "near")
SETTLEMENTS = ("city", "town", "region", "village", "province")
PLACE_PREPOSITIONS = ("in", "at", "near", "throughout")
PLACE_CUE_SETTLEMENTS = ("city", "town", "region", "village")
THE = "the"
# Where a noun phrase starts: "its judgment", "the 18th meeting".
DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "this")
# Noun triggers coordinated: "the arrests, intimidation and torture".
COORDINATORS = ("and", "or")
# A relative clause dating its head by another event: "that began during the ... rallies".
RELATIVE_PRONOUNS = ("that", "which")
DATING_VERBS = ("began", "started", "took place", "occurred", "erupted", "broke out")
DATING_PREPOSITIONS = ("during", "in", "at", "after", "with")
# An act made, named after its participle: "the recently approved ... Regime".
ACT_DETERMINERS = ("the", "a", "an", "its", "this", "their")
RECENT_ADVERBS = ("recently", "newly", "just", "already")
# ... or made by an act named before it: "with Regulation (EU) 2023/2667 ... was introduced".
INSTRUMENTAL_PREPOSITIONS = ("with", "by", "under", "through")
# The agent of a passive or of a noun: "shot dead by the military", "declarations by X".
AGENT = "by"
# What a violent or repressive noun is done to: "persecution of X", "attacks against X".
OBJECT_PREPOSITIONS = ("of", "against", "on")
# A subordinate "that" cuts a noun trigger's stretch of the clause.
SUBORDINATOR = "that"
