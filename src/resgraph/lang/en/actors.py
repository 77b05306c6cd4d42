"""English words of actors (extract/actors.py): capitalised words that are never part of a
person's name, role nouns and titles that say a name is a person's, honorifics, acts done to
persons, and the words of national bodies ("Kazakh authorities", "Government of ...").

extract/actors.py compiles these once per language (`words_for`); the order of each tuple is
the order of its alternation."""

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

# --- cues written into extract/actors.py's patterns, compiled per language there -------------
# "arrest warrants for X": the warrant forms before the names.
WARRANTS = ("arrest warrants? (?:for|against)", "warrants? of arrest (?:for|against)")
DONE_TO_LINK = "of"  # "the release of X"
ITEM_LINK = "of"  # inside a listed organisation's name ("Democratic Choice of Kazakhstan")
# An office in apposition to a name ("X, the Russian Commissioner for Children’s Rights"):
# the offices of the roles table, and ministers, whom the table (EP document roles) lacks.
APPOSED_OFFICES = ("Commissioner", "President", "Vice-President", "Chair", "Chairman",
                   "Speaker", "Judge", "Advocate-General", "Prime Minister", "Minister")
OFFICE_MODIFIERS = ("former", "current", "acting", "deputy")
ARTICLES = ("the", "a")  # before an apposed office
INDEFINITE_OR_DEFINITE = ("a", "an", "the")  # before an inner role in a list of names
OFFICE_LINKS = ("for", "of", "on", "to")  # "Commissioner for ..."
NAME_LINKS = ("and", "of", "for", "the")  # inside an office's complement
INCLUDING = "including"
AND = "and"
OF = "of"
# National bodies: "Ministry of Interior of Kazakhstan", "the authorities of the Republic of X".
MINISTRY = "Ministry"
REPUBLIC_OF = "Republic of"
# Head nouns of organisations' names ("Democratic Choice Movement", "Norwegian Helsinki
# Committee").
ORG_HEADS = ("Organi[sz]ation", "Office", "Service", "Bank", "Council", "Committee",
             "Commission", "Court", "Agency", "Authority", "Assembly", "Party", "Partiyasy",
             "Movement", "Institute", "Foundation", "Network", "Centre", "Center", "Mission",
             "Delegation", "Ombudsman", "Secretariat", "Union", "Federation", "Alliance",
             "Front", "Coalition", "Group", "Association", "Society")
# Names of instruments and documents, not actors, whatever other words they contain.
NOT_ACTOR_HEADS = ("Agreement", "Treaty", "Convention", "Covenant", "Charter", "Declaration",
                   "Regulation", "Directive", "Decision", "Protocol", "Statute", "Code", "Law",
                   "Act", "Programme", "Strategy", "Index", "Review", "Regime", "Report",
                   "Framework")
# Lower-case words inside a name spelled out before its acronym ("Office for Democratic
# Institutions and Human Rights (ODIHR)").
ACRONYM_LINKS = ("of", "for", "and", "the", "in", "on", "de", "du", "des", "against")
DEFINITE = "the"  # "(the ‘Agency’)"
# Lower-case words inside a body's name ("European Centre for Disease Prevention and Control").
BODY_LINKS = ("of", "for", "and", "on", "at", "the", "in")
# Offices named inside a body's name ("President of the European Commission").
OFFICES_IN_NAMES = ("President", "Vice-President", "Prosecutor", "Chair", "Chairman",
                    "Chairwoman", "Commissioner", "Judge", "Speaker", "Secretary", "Director",
                    "Member", "Spokesperson", "Ombudsman", "Ombudsperson")
# Two bodies joined: "the Committee on Budgets and the Committee on Legal Affairs".
BODY_JOIN_OPENERS = ("European", "EU", "International", "Committee", "Council",
                     "United Nations", "UN")
# Head nouns of bodies' names.
BODY_HEADS = ("Agency", "Authority", "Centre", "Center", "Council", "Committee", "Court",
              "Office", "Networks?", "Bank", "Foundation", "Institute", "Board", "Service",
              "Platform", "Corps", "Observatory", "Ombudsman", "Prosecutor", "Organi[sz]ation",
              "Programme Office", "Secretariat", "Parliament", "Commission")
# Lists of organisations: "groups such as X, Y and Z", "activists associated with X".
ORG_LIST_NOUNS = ("groups", "organisations", "organizations", "NGOs", "movements", "parties",
                  "associations", "media outlets")
ORG_LIST_CUE = "such as"
ASSOCIATED_NOUNS = ("activists", "members", "people", "persons")
ASSOCIATED_CUE = "associated with"
# "a TV Rain journalist": the outlet before the role.
MEDIA_ROLES = ("journalist", "reporter", "correspondent", "photographer")
# Places: "the city of Zhanaozen", "in Almaty, ...".
SETTLEMENTS = ("city", "town", "village", "region", "province", "district")
IN = "in"
AFTER_PLACE = ("on", "and", "in", "during")
# Capitalised words that may follow a place's name without making it longer ("in Almaty. The").
NOT_FOLLOWERS = ("The", "In", "On", "As", "To", "And", "Of", "For")
# Nationality or faith adjectives' endings ("Crimean Tatars", "Uyghur Muslims").
ADJECTIVE_ENDINGS = ("an", "ian", "ese", "ish", "ic", "i")
PLURAL_ENDING = "s"
# Words after a people's adjective that are no noun of it ("Tibetan Buddhist monks" has one).
NOT_AFTER_ADJECTIVE = ("and", "or", "who", "was", "were", "is", "are", "has", "have", "in",
                       "on", "at", "for", "of", "to", "by", "from", "with")
