"""Namespaces and prefixes, in one place, for the builder, the serialisers and the queries."""

from __future__ import annotations

RG = "https://w3id.org/resgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/resgraph/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
# A CELEX number's work in Cellar (reference/ep-sources.md: works are owl:sameAs this IRI).
CELLAR_CELEX = "http://publications.europa.eu/resource/celex/"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
EPVOC = "https://data.europarl.europa.eu/def/epvoc#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA = "http://schema.org/"
TIME = "http://www.w3.org/2006/time#"
SH = "http://www.w3.org/ns/shacl#"

ODP = "https://data.europarl.europa.eu/"
ODP_PROCEDURE = ODP + "eli/dl/proc/"
ODP_DOCUMENT = ODP + "eli/dl/doc/"
ODP_PROCEDURE_TYPE = ODP + "def/ep-procedure-types/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_CURRENCY = "http://publications.europa.eu/resource/authority/currency/"
EU_ROLE = "http://publications.europa.eu/resource/authority/role/"

PREFIXES: dict[str, str] = {
    "rg": RG,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "oa": OA,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "epvoc": EPVOC,
    "foaf": FOAF,
    "org": ORG,
    "sem": SEM,
    "schema": SCHEMA,
    "time": TIME,
}

# ISO 639-1 -> the EU Publications Office language authority table (three-letter codes).
EU_LANGUAGES = {
    "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG",
    "es": "SPA", "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV",
    "hu": "HUN", "it": "ITA", "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD",
    "pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK", "sl": "SLV", "sv": "SWE",
}  # fmt: skip


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
