"""The output directory as a unit: a build writes into a hidden sibling directory and swaps it
in at the end, holding a lock beside it so that two builds cannot interleave. An interrupted
or failed build removes its sibling and leaves the previous output exactly as it was; a
reader of the store sees the old directory or the new one, never one being written.

Names beside OUT (all hidden): `.OUT.lock` (the lock; left in place, it holds nothing),
`.OUT.building-*` (a build in progress) and `.OUT.old-*` (the previous output during the
swap). Whoever holds the lock removes those a killed build left behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from resgraph.errors import StoreError

MANIFEST = "manifest.json"
BULK_MANIFEST = "bulk.json"  # what `resgraph export --bulk` writes
# What a build's output holds: such a directory may be replaced whole by a build. Other
# commands that write a folder as a unit name their own (resgraph dumps, resgraph site), so
# that none replaces another's output, a build's least of all.
_OUTPUT_FILES = (MANIFEST, "resgraph.nq", BULK_MANIFEST)

_UMASK = os.umask(0)
os.umask(_UMASK)


def _sibling(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}"


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    lock_path = out.parent / _sibling(out, "lock")
    try:
        handle = open(lock_path, "a")  # noqa: SIM115 (held for the whole build)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create its lock {lock_path} ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{out}: another resgraph build is writing it; run this one when "
                             "it has finished") from None
        yield
    finally:
        handle.close()  # releases the lock


def _check_replaceable(out: Path, replaceable: tuple[str, ...]) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise StoreError(f"{out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not any(
            (out / name).exists() for name in replaceable):
        raise StoreError(f"{out}: exists and holds files that are not a resgraph output; "
                         "choose another directory or empty this one")


def _remove_leftovers(out: Path) -> None:
    for kind in ("building-", "old-"):
        for stale in out.parent.glob(_sibling(out, kind) + "*"):
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged(out: Path, replaceable: tuple[str, ...] = _OUTPUT_FILES) -> Iterator[Path]:
    """A fresh directory to build OUT in, swapped in for OUT when the block ends normally and
    removed if it ends by an exception (Ctrl-C included). An OUT that holds files replaces
    only when one of them is named in `replaceable` (by default a build's output)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
        reason = f"{blocking} is a file, not a directory" if blocking else exc.strerror
        raise StoreError(f"{out}: cannot create the output directory ({reason})") from None
    with _locked(out):
        _check_replaceable(out, replaceable)
        _remove_leftovers(out)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_sibling(out, "building-"), dir=out.parent))
        except OSError as exc:
            raise StoreError(f"{out}: cannot create the output directory ({exc.strerror})") \
                from None
        try:
            os.chmod(staging, 0o777 & ~_UMASK)  # mkdtemp makes 0700; an output is readable
            yield staging
            _swap(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 with RENAME_EXCHANGE), so that
    there is no instant with neither; False where the system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def _swap(staging: Path, out: Path) -> None:
    """OUT becomes the staged directory. Where the system can, the two are exchanged in one
    step; else the old one is renamed aside first, so that a reader finds the whole old output
    or the whole new one (and, for an instant, none)."""
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous output
        return
    old = None
    try:
        if out.exists():
            old = out.parent / (_sibling(out, "old-") + staging.name.rsplit("-", 1)[-1])
            os.replace(out, old)
        os.replace(staging, out)
    except OSError as exc:
        if old is not None and not out.exists():
            os.replace(old, out)  # put the previous output back
        raise StoreError(f"{out}: cannot replace the output directory ({exc.strerror})") \
            from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
