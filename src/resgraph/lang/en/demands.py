"""English words of operative clauses (extract/demands.py): the adverbs that may stand before
or inside an act ("strongly condemns", "calls, therefore, on"), the pronouns an addressee may
be, the determiners that open a noun phrase, the words that join two clauses, the infinitive
marker and the phrases of purpose that are not it."""

from __future__ import annotations

ADVERBS = (
    "deeply", "strongly", "firmly", "once again", "again", "also", "further", "furthermore",
    "therefore", "finally", "moreover", "nevertheless", "however", "in addition",
    "resolutely", "unequivocally", "vehemently", "profoundly", "sincerely", "warmly", "fully",
    "urgently", "in this regard", "in that regard", "in that connection", "in particular",
    "consequently", "accordingly", "equally",
)
PRONOUNS = ("him", "her", "them", "it")
PRONOUNS_OF_THE_PREVIOUS_ADDRESSEES = ("them", "it")  # "him", "her": the last person named
# Words that open a noun phrase (dropped from a collective actor's name).
DETERMINERS = ("the", "its", "their", "all", "both", "other", "including", "in particular",
               "as well as", "such as", "and", "or")
# Words after "to" that show it is a preposition, not an infinitive marker.
NOT_AFTER_INFINITIVE = ("the", "a", "an", "all", "its", "their", "this", "that", "these",
                        "those", "any", "his", "her")
INFINITIVE = "to"
PURPOSE = ("order", "so as")  # "in order to", "so as to": a purpose, not the addressee's task
COORDINATORS = ("and", "but")
PASSIVE = "be"  # "calls for X to be used": no one is asked (with a past participle after it)
# The last word of an act's form after which an adverb may interrupt it ("calls, therefore, on").
PARTICLES = ("on", "for", "upon", "to", "with", "of")
