"""Checking a region's archive by itself: no database, no platform, only the bag and the core's case schema.

A bag is valid when bagit finds every payload file with its SHA-256, no file missing and none added, and the
tag files (bagit.txt, bag-info.txt, the manifest) intact; the archive's own list (``data/fortegnelse.json``) and
its case file must then read with the core's schema. Every failure names the file that is wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import bagit
from pydantic import ValidationError

from sundhedsaftale.core.case import RegionCase, load_case_file
from sundhedsaftale.core.errors import DataFileError, SundhedsaftaleError

from ._inventory import FORMAT, Inventory

__all__ = ["INVENTORY", "ArchiveError", "VerifiedArchive", "archive_opened", "archive_verify"]

INVENTORY = "fortegnelse.json"  # in data/
# bagit logs each wrong file as a warning; the ArchiveError says it once, in Danish, naming the file.
logging.getLogger("bagit").addHandler(logging.NullHandler())
# What an archive in a ZIP may unpack to; far above a region's record, far below a full disk.
MAX_UNPACKED_BYTES = 4 * 1024**3


class ArchiveError(SundhedsaftaleError):
    """An archive that is not intact or cannot be read; the message names the file."""

    def __init__(self, message: str, *, files: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.files = files


@dataclass(frozen=True)
class VerifiedArchive:
    bag_dir: Path
    info: dict[str, str]
    inventory: Inventory
    case: RegionCase
    payload_files: int

    def data(self, relative: str) -> Path:
        """A payload file by its path under data/."""
        return self.bag_dir / "data" / relative


def archive_verify(path: Path) -> VerifiedArchive:
    """Check the archive at ``path`` (a bag directory or a ZIP holding one); raises :class:`ArchiveError`.

    The returned object's paths point into a temporary directory for a ZIP; use :func:`archive_opened` to read
    files from it.
    """
    with archive_opened(path) as verified:
        return verified


@contextlib.contextmanager
def archive_opened(path: Path) -> Iterator[VerifiedArchive]:
    """The checked archive, its files readable until the ``with`` block ends."""
    if path.is_dir():
        yield _verified_bag(path)
        return
    if not path.is_file():
        raise ArchiveError(f"{path}: findes ikke")
    if not zipfile.is_zipfile(path):
        raise ArchiveError(f"{path}: hverken en BagIt-mappe eller et ZIP-arkiv med en")
    with tempfile.TemporaryDirectory(prefix="regionsarkiv-") as tmp:
        root = Path(tmp)
        _unpack(path, root)
        yield _verified_bag(_bag_root(path, root))


def _unpack(path: Path, into: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = 0
            for member in members:
                name = PurePosixPath(member.filename)
                if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                    raise ArchiveError(f"{path}: filnavnet '{member.filename}' peger uden for arkivet")
                total += member.file_size
                if total > MAX_UNPACKED_BYTES:
                    raise ArchiveError(f"{path}: arkivet fylder udpakket mere end {MAX_UNPACKED_BYTES} byte")
            archive.extractall(into)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"{path}: ZIP-arkivet kan ikke læses ({exc})") from None


def _bag_root(path: Path, root: Path) -> Path:
    if (root / "bagit.txt").is_file():
        return root
    entries = list(root.iterdir())
    if len(entries) == 1 and (entries[0] / "bagit.txt").is_file():
        return entries[0]
    raise ArchiveError(
        f"{path}: ingen bagit.txt øverst i arkivet eller i dets ene mappe; ikke en BagIt-pakke"
    )


def _detail(detail: object) -> tuple[str, str]:
    """The file and what is wrong with it, in Danish, from one of bagit's details."""
    path = str(getattr(detail, "path", ""))
    if isinstance(detail, bagit.ChecksumMismatch):
        return path, (
            f"{path}: indholdet er ændret – {detail.algorithm} i manifestet er {detail.expected}, "
            f"filens er {detail.found}"
        )
    if isinstance(detail, bagit.FileMissing):
        return path, f"{path}: står i manifestet, men findes ikke"
    if isinstance(detail, bagit.UnexpectedFile):
        return path, f"{path}: findes, men står ikke i manifestet"
    return path, str(detail)


def _verified_bag(bag_dir: Path) -> VerifiedArchive:
    try:
        bag = bagit.Bag(str(bag_dir))
    except bagit.BagError as exc:
        raise ArchiveError(f"{bag_dir}: ikke en gyldig BagIt-pakke ({exc})") from None
    try:
        bag.validate(processes=1, fast=False)
    except bagit.BagValidationError as exc:
        details = [_detail(d) for d in exc.details]
        if not details:
            details = _entry_details(bag)
        if details:
            files = tuple(sorted({f for f, _m in details}))
            raise ArchiveError("; ".join(m for _f, m in details), files=files) from None
        raise ArchiveError(f"{bag_dir}: {exc.message}") from None
    except bagit.BagError as exc:
        raise ArchiveError(f"{bag_dir}: {exc}") from None
    if "sha256" not in bag.algorithms:
        raise ArchiveError(f"{bag_dir}/manifest-sha256.txt: mangler; arkivet skal have SHA-256-kontrolsummer")
    inventory = _inventory(bag_dir)
    _refuse_unlisted(inventory, set(bag.entries))
    case = _case(bag_dir, inventory)
    info = {k: v if isinstance(v, str) else "; ".join(v) for k, v in bag.info.items()}
    region = info.get("Region-Code")
    if region != case.region.code:
        raise ArchiveError(
            f"bag-info.txt: Region-Code er '{region}', men sagsfilen {inventory.case_file} er for region "
            f"{case.region.code}",
            files=("bag-info.txt",),
        )
    return VerifiedArchive(
        bag_dir=bag_dir,
        info=info,
        inventory=inventory,
        case=case,
        payload_files=len(list(bag.payload_files())),
    )


def _entry_details(bag: bagit.Bag) -> list[tuple[str, str]]:
    """bagit checks Payload-Oxum (count and bytes) first, and that names no file: when it fails (a file grew,
    shrank, appeared or went), find which by the manifest's SHA-256."""
    root = Path(bag.path)
    listed: dict[str, str] = {p: sums["sha256"] for p, sums in bag.entries.items() if "sha256" in sums}
    details: list[tuple[str, str]] = []
    for relative, expected in sorted(listed.items()):
        file = root / relative
        if not file.is_file():
            details.append((relative, f"{relative}: står i manifestet, men findes ikke"))
            continue
        found = hashlib.sha256(file.read_bytes()).hexdigest()
        if found != expected:
            details.append(
                (
                    relative,
                    f"{relative}: indholdet er ændret – sha256 i manifestet er {expected}, filens er {found}",
                )
            )
    for relative in sorted(set(bag.payload_files()) - set(listed)):
        details.append((relative, f"{relative}: findes, men står ikke i manifestet"))
    return details


def _inventory(bag_dir: Path) -> Inventory:
    where = f"data/{INVENTORY}"
    try:
        inventory = Inventory.model_validate_json((bag_dir / "data" / INVENTORY).read_bytes())
    except FileNotFoundError:
        raise ArchiveError(f"{where}: mangler; arkivet er ikke et regionsarkiv", files=(where,)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ArchiveError(f"{where}: feltet '{field}': {first['msg']}", files=(where,)) from None
    if inventory.format != FORMAT:
        raise ArchiveError(
            f"{where}: formatet '{inventory.format}' kendes ikke (forventet {FORMAT})", files=(where,)
        )
    return inventory


def _refuse_unlisted(inventory: Inventory, listed: set[str]) -> None:
    """Every file the inventory names is a payload file with a checksum: nothing is read from outside the bag."""
    named = [inventory.case_file, *(f.path for f in inventory.files)]
    named += [d.path for d in inventory.meeting_documents]
    named += [p for letter in inventory.letters for p in (letter.pdf, letter.docx)]
    named += [p for v in inventory.agreement_versions for p in (v.json_path, v.pdf_path) if p]
    named += [m.document for m in inventory.spread_marks if m.document]
    for path in named:
        if f"data/{path}" not in listed:
            where = f"data/{INVENTORY}"
            raise ArchiveError(
                f"{where}: nævner 'data/{path}', som ikke står i manifestet med en kontrolsum", files=(where,)
            )


def _case(bag_dir: Path, inventory: Inventory) -> RegionCase:
    where = f"data/{inventory.case_file}"
    target = bag_dir / "data" / PurePosixPath(inventory.case_file)
    if ".." in PurePosixPath(inventory.case_file).parts or not target.is_file():
        raise ArchiveError(f"{where}: sagsfilen findes ikke i arkivet", files=(where,))
    try:
        return load_case_file(target)
    except DataFileError as exc:
        line = f" (linje {exc.line})" if exc.line is not None else ""
        raise ArchiveError(
            f"{where}{line}: sagsfilen følger ikke skemaet: {exc.problem}", files=(where,)
        ) from None
