"""Regenerate src/resgraph/data/odp_context.json: the JSON-LD context resgraph reads the EP Open
Data Portal's API v2 records with.

The API's records name their context remotely (https://data.europarl.europa.eu/api/v2/
context.jsonld), which resgraph does not fetch. Their keys are the local names of the
properties the EP's ELI-EP application profile constrains, so the context is made from the
ELI-EP SHACL shapes (github.com/europarl/eli-ep, dsd/*/*.shacl.ttl; the copies in
../shared/odp/samples/europarl-eli-ep): each `sh:path` IRI becomes the key of its local name,
and of its `shacl-play:shortname` where the shape gives one; a property whose shape asks for
IRIs (`sh:nodeKind sh:IRI`, `sh:class`) is read as an IRI, relative ones against the ODP's
`@base`. A key the shapes do not define is left out, and the record's value for it ignored;
so is `type`, whose values ("Process", "Decision") are terms of the remote context.

    python scripts/odp_context.py [SHAPES_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "odp" / "samples" / "europarl-eli-ep" / "dsd"
OUT = ROOT / "src" / "resgraph" / "data" / "odp_context.json"
SH = "http://www.w3.org/ns/shacl#"
SHORTNAME = "https://shacl-play.sparna.fr/ontology#shortname"
BASE = "https://data.europarl.europa.eu/"
SOURCE = ("ELI-EP SHACL shapes, github.com/europarl/eli-ep @ 7eca34cfbb27e2eef8667edf6c6c8ab4"
          "ddc093be, dsd/{adopted-texts,plenary-documents,procedures,vote-results}")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def context(shapes: list[Path]) -> dict:
    terms: dict[str, dict[str, str]] = {}
    for path in shapes:
        store = ox.Store()
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        except SyntaxError:
            # procedures' shapes hold one malformed IRI (line 436): read them leniently
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, lenient=True)
        query = f"""
            SELECT ?path (SAMPLE(?short) AS ?name) (MAX(?iri) AS ?isIri) WHERE {{
              ?shape <{SH}path> ?path . FILTER(isIRI(?path))
              OPTIONAL {{ ?shape <{SHORTNAME}> ?short }}
              BIND(EXISTS {{ ?shape <{SH}nodeKind> <{SH}IRI> }} ||
                   EXISTS {{ ?shape <{SH}class> ?c }} AS ?iri)
            }} GROUP BY ?path"""
        for row in store.query(query):  # type: ignore[union-attr]
            iri = row["path"].value
            if iri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
                continue
            as_iri = row["isIri"] is not None and row["isIri"].value == "true"
            for key in {_local(iri), *((row["name"].value,) if row["name"] else ())}:
                entry = {"@id": iri, **({"@type": "@id"} if as_iri else {})}
                if key in terms and terms[key] != entry:
                    # the same name for two properties: keep the IRI reading (links matter)
                    if terms[key]["@id"] != iri:
                        continue
                    entry = {"@id": iri, "@type": "@id"}
                terms[key] = entry
    return {"source": SOURCE,
            "@context": {"@base": BASE, "id": "@id", "data": "@graph",
                         **dict(sorted(terms.items()))}}


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    shapes = sorted(folder.glob("*/*.shacl.ttl"))
    if not shapes:
        raise SystemExit(f"{folder}: no ELI-EP shapes (*/*.shacl.ttl) there")
    OUT.write_text(json.dumps(context(shapes), indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT} from {len(shapes)} shape files")


if __name__ == "__main__":
    main()
