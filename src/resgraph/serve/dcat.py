"""The dataset's DCAT catalogue, in two profiles of the same resources (W3C "Content
Negotiation by Profile", Working Draft 2019: chosen by `Accept-Profile` or `?_profile=`):

- `dcat-ap`: DCAT-AP 3.0.0, the EU application profile (data.europa.eu harvests it);
- `dcat-ep`: DCAT-EP 1.1, the European Parliament's profile for its Open Data Portal.

No one graph can conform to both. DCAT-AP requires a `foaf:name` on every `foaf:Agent` (the
catalogue's publisher must be one) and a `skos:prefLabel` on every `skos:Concept`; DCAT-EP's
shapes for those classes are closed and allow neither. Each profile therefore gets the
statements its shapes ask for, and tests validate each against its own shapes (tests/
test_dcat.py, with the shapes from ../shared/dcat). Everything else is the same in both,
except where DCAT-EP's closed shapes leave out a term DCAT-AP uses: a compressed download's
gzip is `dcat:compressFormat` in DCAT-AP (DCAT 3 §6.8.14) and `dcat:packageFormat` in DCAT-EP,
which has no compressFormat.

DCAT-EP also fixes the IRIs: a catalogue under https://data.europarl.europa.eu/catalogue/, a
dataset under …/dataset/ and a data service under …/service/, and it types the identifier of
catalogues and data services as `xsd:anyUri` (sic, not xsd:anyURI): both profiles use those.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from resgraph.dumps import FOLDER, Dump

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SPDX = "http://spdx.org/rdf/terms#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
EP_DATA = "https://data.europarl.europa.eu/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

# Profile tokens and their IRIs (the `_profile` token, the `Accept-Profile` IRI).
PROFILES = {
    "dcat-ap": "http://data.europa.eu/r5r/",
    "dcat-ep": "https://data.europarl.europa.eu/def/dcat-ep#",
}
DEFAULT_PROFILE = "dcat-ap"

# Publications Office authority tables, by table and code (the tables' own IRIs).
LICENCE = ("licence", "CC_BY_4_0")
ACCESS = ("access-right", "PUBLIC")
FREQUENCY = ("frequency", "IRREG")
LANGUAGE = ("language", "ENG")
THEME = ("data-theme", "GOVE")
THEME_LABEL = "Government and public sector"  # the data-theme table's English label
GZIP = "application/gzip"


@dataclass(frozen=True)
class Catalogue:
    """What the catalogue says, from the server's configuration and the data."""

    slug: str  # the last segment of the catalogue's, dataset's and service's IRIs
    root: str  # the server's URL, where the endpoint and the dumps are
    issued: str  # xsd:dateTime of the build served
    publisher: str  # an IRI in the corporate-body authority table
    publisher_name: str
    dumps: tuple[Dump, ...]
    ontology: str
    version: str  # resgraph's, which made the data and describes it
    service: bool = True  # a SPARQL endpoint to describe (none in a static copy of the site)
    title: str = "European Parliament resolutions as linked data (resgraph)"


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _authority(entry: tuple[str, str]) -> ox.NamedNode:
    return _iri(f"{AUTHORITY}{entry[0]}/{entry[1]}")


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=_iri(datatype))


def catalogue(c: Catalogue, profile: str) -> list[ox.Triple]:
    """The catalogue's triples in `profile` (a key of PROFILES), sorted."""
    if profile not in PROFILES:
        raise ValueError(f"no profile {profile!r}")
    ap = profile == "dcat-ap"
    cat = _iri(f"{EP_DATA}catalogue/{c.slug}")
    dataset = _iri(f"{EP_DATA}dataset/{c.slug}")
    service = _iri(f"{EP_DATA}service/{c.slug}-sparql")
    endpoint = _iri(f"{c.root}/sparql")
    contact = _iri(f"{c.root}/#contact")
    ontology = _iri(c.ontology)
    publisher = _iri(c.publisher)
    licence, access = _authority(LICENCE), _authority(ACCESS)
    issued = _typed(c.issued, XSD + "dateTime")
    year = _typed(c.issued[:4], XSD + "gYear")
    out: list[ox.Triple] = []

    def add(subject: ox.NamedNode | ox.BlankNode, predicate: str,
            *objects: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        out.extend(ox.Triple(subject, _iri(predicate), o) for o in objects)

    def typed(node: ox.NamedNode, kind: str) -> None:
        out.append(ox.Triple(node, RDF_TYPE, _iri(kind)))

    typed(cat, DCAT + "Catalog")
    add(cat, DCT + "title", _en(f"{c.title}: catalogue"))
    add(cat, DCT + "description", _en("The datasets and services of this resgraph server."))
    add(cat, DCT + "identifier", _typed(cat.value, XSD + "anyUri"))  # sic, DCAT-EP 1.1
    for role in ("publisher", "creator", "rightsHolder"):
        add(cat, DCT + role, publisher)
    add(cat, DCT + "license", licence)
    add(cat, DCT + "accessRights", access)
    add(cat, DCT + "accrualPeriodicity", _authority(FREQUENCY))
    add(cat, DCT + "issued", issued)
    add(cat, DCT + "dateCopyrighted", year)
    add(cat, DCAT + "version", ox.Literal(c.version))
    add(cat, DCAT + "dataset", dataset)
    if c.service:
        add(cat, DCAT + "service", service)

    typed(dataset, DCAT + "Dataset")
    add(dataset, DCT + "title", _en(c.title))
    add(dataset, DCT + "description", _en(
        "European Parliament resolutions as RDF: their structure (citations, recitals, "
        "numbered paragraphs, footnotes) and what they say (actors, events, demands, legal "
        "references), each fact pointing to the words it came from."))
    add(dataset, DCT + "identifier", _typed(dataset.value, XSD + "anyURI"))
    for role in ("publisher", "creator", "rightsHolder"):
        add(dataset, DCT + role, publisher)
    add(dataset, DCT + "language", _authority(LANGUAGE))
    add(dataset, DCAT + "theme", _authority(THEME))
    add(dataset, DCT + "accessRights", access)
    add(dataset, DCT + "accrualPeriodicity", _authority(FREQUENCY))
    add(dataset, DCAT + "contactPoint", contact)
    add(dataset, DCT + "issued", issued)
    add(dataset, DCT + "dateCopyrighted", year)
    add(dataset, DCAT + "inCatalog", cat)
    add(dataset, DCT + "conformsTo", ontology)
    for dump in c.dumps:
        if not dump.graph:  # one resolution's files are listed at /dumps/, not here
            add(dataset, DCAT + "distribution", *_distribution(out, c, dump, ap, ontology))

    if c.service:
        typed(service, DCAT + "DataService")
        add(service, DCT + "title", _en(f"{c.title}: SPARQL endpoint"))
        add(service, DCAT + "endpointURL", endpoint)
        add(service, DCAT + "endpointDescription", endpoint)  # its service description (GET)
        add(service, DCAT + "servesDataset", dataset)
        add(service, DCT + "conformsTo", _iri("https://www.w3.org/TR/sparql11-protocol/"))
        add(service, DCT + "identifier", _typed(service.value, XSD + "anyUri"))  # sic
        add(service, DCT + "publisher", publisher)
        add(service, DCT + "license", licence)
        add(service, DCT + "accessRights", access)
        add(service, DCAT + "contactPoint", contact)
        add(service, DCT + "issued", issued)
        add(service, DCAT + "inCatalog", cat)

    # the nodes the statements point to, typed as both profiles' shapes check them
    typed(publisher, FOAF + "Agent")
    add(publisher, SKOS + "inScheme", _iri(AUTHORITY + "corporate-body"))
    if ap:
        add(publisher, FOAF + "name", _en(c.publisher_name))
    for entry, kind in ((LICENCE, DCT + "LicenseDocument"), (ACCESS, DCT + "RightsStatement"),
                        (FREQUENCY, DCT + "Frequency"), (LANGUAGE, DCT + "LinguisticSystem")):
        typed(_authority(entry), kind)
        add(_authority(entry), SKOS + "inScheme", _iri(AUTHORITY + entry[0]))
    typed(_authority(THEME), SKOS + "Concept")
    if ap:
        add(_authority(THEME), SKOS + "prefLabel", _en(THEME_LABEL))
    typed(contact, VCARD + "Kind")
    add(contact, VCARD + "organization-name", ox.Literal(c.publisher_name))
    add(contact, VCARD + "hasURL", _iri(f"{c.root}/"))
    typed(_iri(f"{c.root}/"), RDFS + "Resource")
    typed(ontology, DCT + "Standard")
    typed(ontology, RDFS + "Resource")
    typed(_iri("https://www.w3.org/TR/shacl/"), DCT + "Standard")
    if c.service:
        typed(_iri("https://www.w3.org/TR/sparql11-protocol/"), DCT + "Standard")
        typed(endpoint, RDFS + "Resource")
    return sorted(set(out), key=str)


def _distribution(out: list[ox.Triple], c: Catalogue, dump: Dump, ap: bool,
                  ontology: ox.NamedNode) -> tuple[ox.BlankNode]:
    """A dump as a distribution (a blank node, as DCAT-EP asks), its statements added to
    `out`; the blank node's label is fixed by the file's path so the output is the same
    bytes every time."""
    node = ox.BlankNode("d" + "".join(ch if ch.isalnum() else "_" for ch in dump.path))
    url = _iri(f"{c.root}/{FOLDER}/{dump.path}")
    media = _iri(IANA + dump.media_type)

    def add(subject: ox.NamedNode | ox.BlankNode, predicate: str,
            obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        out.append(ox.Triple(subject, _iri(predicate), obj))

    out.append(ox.Triple(node, RDF_TYPE, _iri(DCAT + "Distribution")))
    add(node, DCT + "title", _en(dump.title))
    add(node, DCAT + "accessURL", _iri(f"{c.root}/{FOLDER}/"))
    add(node, DCAT + "downloadURL", url)
    file_type = _iri(f"{AUTHORITY}file-type/{dump.file_type}")
    add(node, DCT + "format", file_type)
    out.append(ox.Triple(file_type, RDF_TYPE, _iri(DCT + "MediaTypeOrExtent")))
    add(file_type, SKOS + "inScheme", _iri(AUTHORITY + "file-type"))
    add(node, DCAT + "mediaType", media)
    out.append(ox.Triple(media, RDF_TYPE, _iri(DCT + "MediaType")))
    add(media, SKOS + "inScheme", _iri(IANA))
    if dump.compressed:
        gzip = _iri(IANA + GZIP)
        add(node, DCAT + ("compressFormat" if ap else "packageFormat"), gzip)
        out.append(ox.Triple(gzip, RDF_TYPE, _iri(DCT + "MediaType")))
        add(gzip, SKOS + "inScheme", _iri(IANA))
    add(node, DCAT + "byteSize", _typed(str(dump.size), XSD + "nonNegativeInteger"))
    checksum = ox.BlankNode(node.value + "_sha256")
    add(node, SPDX + "checksum", checksum)
    out.append(ox.Triple(checksum, RDF_TYPE, _iri(SPDX + "Checksum")))
    algorithm = _iri(SPDX + "checksumAlgorithm_sha256")
    add(checksum, SPDX + "algorithm", algorithm)
    out.append(ox.Triple(algorithm, RDF_TYPE, _iri(SPDX + "ChecksumAlgorithm")))
    add(checksum, SPDX + "checksumValue", _typed(dump.sha256, XSD + "hexBinary"))
    add(node, DCT + "license", _authority(LICENCE))
    if dump.path == "shapes.ttl":
        add(node, DCT + "conformsTo", _iri("https://www.w3.org/TR/shacl/"))
    elif dump.path != "ontology.ttl":
        add(node, DCT + "conformsTo", ontology)
    for target in (url, _iri(f"{c.root}/{FOLDER}/")):
        out.append(ox.Triple(target, RDF_TYPE, _iri(RDFS + "Resource")))
    return (node,)
