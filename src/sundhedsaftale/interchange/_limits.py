"""How much an imported workbook or CSV archive may hold, checked before anything unpacks it.

A 2 MB workbook can unpack to hundreds of megabytes of XML. The sizes a ZIP archive declares for its entries are
checked first: Python's ``zipfile`` never gives out more bytes than an entry declares (an entry that holds more
fails its checksum), so the declared sizes bound what reading can cost. Rows are counted while reading, and
reading stops at the first row past the limit. The largest demo region's workbook unpacks to about 1.1 MB with
2,000 attendance rows; the limits leave room for ten times that.
"""

from __future__ import annotations

import zipfile

from ._errors import InterchangeError

__all__ = ["MAX_ENTRIES", "MAX_ROWS", "MAX_UNPACKED_BYTES", "check_archive", "too_many_rows"]

MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # all entries together, as declared in the archive
MAX_ENTRIES = 100  # files in the archive; a workbook from Excel has about 15
MAX_ROWS = 20_000  # filled rows per sheet, besides the header


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _named(filename: str) -> str:
    return f"Filen '{filename}'" if filename else "Filen"


def check_archive(archive: zipfile.ZipFile, *, filename: str = "") -> None:
    """Refuse an archive with more entries, or declaring more unpacked bytes, than the limits allow."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise InterchangeError.single(
            f"{_named(filename)} indeholder {len(entries)} filer i ZIP-arkivet; højst {MAX_ENTRIES} er tilladt"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InterchangeError.single(
            f"{_named(filename)} fylder {_megabytes(unpacked)} MB udpakket; "
            f"højst {_megabytes(MAX_UNPACKED_BYTES)} MB er tilladt"
        )


def too_many_rows(sheet: str, *, limit: int, filename: str = "") -> InterchangeError:
    """The error for a sheet with more filled rows than ``limit``; reading stops there."""
    return InterchangeError.single(
        f"{_named(filename)} har mere end {limit} udfyldte rækker i arket; højst {limit} er tilladt",
        sheet=sheet,
    )
