"""English words of actors (extract/actors.py): capitalised words that are never part of a
person's name, role nouns and titles that say a name is a person's, honorifics, acts done to
persons, and the words of national bodies ("Kazakh authorities", "Government of ...").

The regular expressions of extract/actors.py are compiled from these at import; a second
language would compile its own, as extract/figures.py and extract/demands.py already do."""

from __future__ import annotations

# Words that start with a capital in EP texts but are never part of a person's name.
NOT_NAMES = frozenset(
    """The A An And Or Of In On For To With By At From As This That These Those Its Their His
    Her Whereas Having Calls Urges Asks European Parliament Council Commission Union Court
    Committee Member States Government Republic President Minister Ministry Office Agreement
    Treaty Convention Declaration Regulation Directive Decision Article Articles Rule Rules
    Annex Part Section Title Chapter Recital Case January February March April May June July
    August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Human Rights Special Representative Affairs Policy Security Foreign High
    National International United Nations Fund Index Mechanism
    Review Code Bank World Press Freedom Democratic Choice Movement Party Delegation Service
    EU UN Secretary General Secretariat Without Against Across Beyond Within Under""".split()
)

# Last words of the names of things named after a person ("the Nelson Mandela Rules", "the
# Anna Politkovskaya Award", "Victoria Falls"): a name ending so is no person's.
NAMED_AFTER = ("Prize", "Award", "Medal", "Rules", "Lecture", "Fellowship", "Scholarship",
               "Street", "Square", "Avenue", "Airport", "Bridge", "Prison", "Hospital", "School",
               "Memorial", "Museum", "Stadium", "Park", "Falls", "Lake", "River", "Island",
               "Valley", "Bay")

# Role nouns that say the next name is a person's; the role recorded is the singular.
ROLES = {
    "human rights defenders": "human rights defender",
    "human rights defender": "human rights defender",
    "political prisoners": "political prisoner",
    "political prisoner": "political prisoner",
    "prisoners of conscience": "prisoner of conscience",
    "prisoner of conscience": "prisoner of conscience",
    "opposition leaders": "opposition leader",
    "opposition leader": "opposition leader",
    "opposition politicians": "opposition politician",
    "opposition politician": "opposition politician",
    "trade unionists": "trade unionist",
    "trade unionist": "trade unionist",
    "activists": "activist",
    "activist": "activist",
    "journalists": "journalist",
    "journalist": "journalist",
    "photographers": "photographer",
    "photographer": "photographer",
    "civilians": "civilian",
    "civilian": "civilian",
    "lawyers": "lawyer",
    "lawyer": "lawyer",
    "bloggers": "blogger",
    "blogger": "blogger",
    "writers": "writer",
    "writer": "writer",
    "artists": "artist",
    "artist": "artist",
    "President": "President",
    "Prime Minister": "Prime Minister",
    "Foreign Minister": "Foreign Minister",
}
TITLES = ("President", "Prime Minister", "Foreign Minister")
# Honorifics: the English labels of the Publications Office's honorifics table ("Mr", "Ms",
# "Dr", "HE Mr", "HE Ms"; tests/test_vocabularies.py checks them against it).
HONORIFICS = ("HE Mr", "HE Ms", "Mr", "Ms", "Dr")
# Titles printed before a name ("Commissioner Reynders"): the personal roles of the
# Publications Office's roles table (checked against it), beside the three of TITLES. The
# name may be a surname alone.
TITLES_FROM_ROLES = ("Vice-President", "Commissioner", "Judge", "Advocate-General", "Speaker")
# Acts done to persons, printed "the release of NAME": what follows names people.
DONE_TO_ACTS = ("release", "arrest", "detention", "killing", "murder", "assassination",
                "poisoning", "abduction", "disappearance", "imprisonment", "sentencing", "trial",
                "conviction", "execution")
DONE_TO_WORDS = ("warrant", *DONE_TO_ACTS)  # the words to look for before reading further
# Words that open the name of a European or international body, or of a committee.
BODY_OPENERS = ("European", "EU", "International", "Intergovernmental", "United Nations", "UN",
                "World", "Committee")
BODY_WORDS = {
    "authorities": "authorities",
    "Government": "government",
    "government": "government",
    "Parliament": "parliament",
    "parliament": "parliament",
    "President": "president",
    "courts": "courts",
    "judiciary": "courts",
    "security forces": "security forces",
    "police": "police",
}
BODY_LABEL = {
    "authorities": "Authorities of {}",
    "government": "Government of {}",
    "parliament": "Parliament of {}",
    "courts": "Courts of {}",
    "security forces": "Security forces of {}",
    "police": "Police of {}",
}
