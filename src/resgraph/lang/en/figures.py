"""English words of figures (extract/figures.py): number words, qualifiers, scales,
currencies, the words after which a number names a thing, the words that end what is counted,
and units of duration."""

from __future__ import annotations

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "hundred": 100}
QUALIFIERS = ("at least", "nearly", "almost", "over", "more than", "fewer than", "less than",
              "around", "about", "approximately", "up to", "some", "only", "a total of",
              "roughly", "at most", "no more than", "in excess of", "close to")
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Currency words and signs -> ISO 4217; AFTER_NUMBER are those printed after it ("20 euros").
CURRENCIES = {"EUR": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "USD": "USD",
              "US$": "USD", "$": "USD", "GBP": "GBP", "£": "GBP"}
CURRENCIES_BEFORE = ("EUR", "USD", "GBP", "US$", "€", "$", "£")
CURRENCIES_AFTER = ("EUR", "euros", "euro")
PERCENT_PATTERN = r" ?%| per ?cent\b"  # "5 %", "5%", "5 per cent", "5 percent"
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
OUT_OF = "out of"
# Words after which a number names something (an article, a rule, a point, a case...).
NAMING = ("Articles?", "Rules?", "No", "Nos", "points?", "paragraphs?", "subparagraphs?",
          "headings?", "Annex(?:es)?", "recitals?", "Case", "Cases", "Chapter", "Section",
          "Title", "Protocol", "Part", "Amendments?", "item", "Table", "page", "Regulation",
          "Directive", "Decision", "C", "T", "COM", "SWD", "level", "grade", "every")
# Words that end the phrase naming what is counted.
STOP = frozenset(
    "a an the and or but nor of in on at to by for from with without into onto over under "
    "during since until after before between among against per as than that which who whom "
    "whose where when while whereas including is are was were be been being has have had do "
    "does did will would shall should can could may might must also still now not only "
    "their its his her our your this these those such each every all both either some any "
    "up down out off through across about around compared respectively "
    # irregular past tenses and participles, which end a noun phrase as "-ed" forms do
    "held made taken given shown known seen found put set led left brought built sent spent "
    "paid kept met won lost begun run done written took began came went got rose fell grew "
    "spread stood remain remains remained".split()
)
OF = "of"  # the word that joins what is counted to its complement ("cases of persecution")
DURATION_UNITS = ("hour", "day", "week", "month", "year")
