"""Bad input, as users and the world produce it: each kind gets its exact one-line message,
exit 2 and no output; and fuzzing (hypothesis) over every reader and the parser, from the
real files mutated, truncated and stretched, finds no traceback, no other exit status and
no output left by a failure."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from resgraph.cli import main
from resgraph.errors import ResgraphError
from resgraph.pipeline import build_one

from conftest import REPO, SEED, corpus

FRENCH = """Résolution du Parlement européen du 20 janvier 2022 sur la situation au Kazakhstan
(2022/2505(RSP))
Le Parlement européen,
– vu ses résolutions antérieures sur le Kazakhstan,
A. considérant que des manifestations ont éclaté dans tout le pays en janvier 2022;
B. considérant que les autorités ont déclaré l'état d'urgence;
1. condamne fermement les violences et déplore les pertes en vies humaines;
2. demande une enquête internationale indépendante sur les événements;
"""
ERROR_PAGE = ("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not "
              "Found</h1><p>The requested URL was not found on this server.</p></body></html>")


def _encrypted(path: Path, algorithm: str = "RC4-128", user: str = "a password") -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(str(corpus("B-9-2024-0216.pdf"))))
    writer.encrypt(user_password=user, owner_password="the owner's", algorithm=algorithm)
    target = path.with_suffix(".tmp")
    writer.write(str(target))
    return target.read_bytes()


def _scanned(path: Path) -> bytes:
    writer = PdfWriter()  # pages without a text layer, as a scan without OCR
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    target = path.with_suffix(".tmp")
    writer.write(str(target))
    return target.read_bytes()


SEED_TEXT = SEED.read_text("utf-8")
CASES = {
    "empty.txt": (lambda p: b"", "is empty"),
    "binary.txt": (lambda p: b"\x89PNG\r\n\x1a\n\x00\x00binary" * 20,
                   "is a binary file, expected UTF-8 text, HTML or a PDF"),
    "truncated.txt": (lambda p: SEED_TEXT[:400].encode(),
                      "not an EP resolution: no numbered paragraph '1.' found"),
    "two.txt": (lambda p: (SEED_TEXT + "\n\n" + SEED_TEXT).encode(),
                "holds more than one text: a second begins at line 404 ('European Parliament "
                "resolution on the situation in Kazakhsta'); give each text in a file of its "
                "own"),
    "french.txt": (lambda p: FRENCH.encode(),
                   "is in French (fr), not English: resgraph reads English texts only for now"),
    "error-page.html": (lambda p: ERROR_PAGE.encode(),
                        "not an EP resolution: no line 'The European Parliament,' opens its "
                        "citations"),
    "truncated.pdf": (lambda p: corpus("B-9-2024-0216.pdf").read_bytes()[:20_000],
                      "is not a readable PDF (PdfStreamError: Stream has ended unexpectedly)"),
    "encrypted.pdf": (_encrypted, "is an encrypted PDF: its text needs a password"),
    "encrypted-aes.pdf": (lambda p: _encrypted(p, "AES-256"),
                          "is an encrypted PDF: its text needs a password"),
    "scanned.pdf": (_scanned, "is a PDF without extractable text (scanned image?)"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_kind_of_bad_input_gets_its_message(tmp_path: Path, name: str) -> None:
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make(path))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"resgraph: error: {path}: {message}"]
    assert not out.exists()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_locked_by_its_owner_alone_is_read(tmp_path: Path, algorithm: str) -> None:
    """Printing or copying restricted, no password to open: the text is there to read."""
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(_encrypted(path, algorithm, user=""))
    assert len(build_one(path).quads) == len(build_one(corpus("B-9-2024-0216.pdf")).quads)


def test_utf16_text_is_read_like_utf8(tmp_path: Path) -> None:
    path = tmp_path / "seed-utf16.txt"
    path.write_bytes(SEED_TEXT.encode("utf-16"))
    assert len(build_one(path).quads) == len(build_one(SEED).quads) == 7565


# -- fuzzing ---------------------------------------------------------------------------------

UNICODE_SPACES = "\u00a0\u2002\u2003\u2009\u200a\u202f\u3000\u200b\ufeff"
HYPHENS_DASHES = "\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Read when a test runs, not when the module loads: without the shared folder the tests
# that need it skip (or fail under CI), the others still run.
SOURCES = {".txt": lambda: SEED, ".html": lambda: corpus("B-9-2020-0220_EN.html"),
           ".xml": lambda: REPO / "tests/fixtures/seed.sdocta.xml",
           ".pdf": lambda: corpus("B-9-2024-0216.pdf")}


@st.composite
def mutated(draw, suffix: str) -> bytes:
    """One real file of the kind, changed as the world changes files: cut short, bytes
    flipped, runs of Unicode spaces, hyphens and dashes put in, a line made very long."""
    data = bytearray(SOURCES[suffix]().read_bytes())
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for change in draw(st.lists(st.sampled_from(["cut", "flip", "spaces", "long"]),
                                min_size=1, max_size=3)):
        if change == "cut" and data:
            del data[rng.randrange(len(data)):]
        elif change == "flip" and data:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif change == "spaces":
            run = "".join(rng.choice(UNICODE_SPACES + HYPHENS_DASHES)
                          for _ in range(rng.randint(1, 30))).encode("utf-8")
            at = rng.randrange(len(data) + 1)
            data[at:at] = run
        elif change == "long":
            at = rng.randrange(len(data) + 1)
            data[at:at] = b"x" * rng.randint(10_000, 200_000)
    return bytes(data)


def _no_traceback(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    try:
        build_one(path)
    except ResgraphError as error:  # bad input: one line naming the file
        message = str(error)
        assert "\n" not in message and message.startswith(str(path)), message


@pytest.mark.parametrize("suffix", sorted(SOURCES))
def test_fuzzed_files_never_give_a_traceback(tmp_path_factory, suffix: str) -> None:
    SOURCES[suffix]()  # skips here when the shared folder is missing
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=12 if suffix == ".pdf" else 20, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=mutated(suffix))
    def run(data: bytes) -> None:
        _no_traceback(folder, suffix, data)

    run()


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=mutated(".txt"))
def test_the_command_line_on_fuzzed_text_exits_0_or_2_and_leaves_nothing_on_failure(
        tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.txt"
    path.write_bytes(data)
    out = tmp_path / "out"
    if out.exists():
        import shutil
        shutil.rmtree(out)
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1
        assert not out.exists()
