"""A region's complete record as one self-describing archive: a BagIt bag (RFC 8500), ADR 0028.

This package is framework-free: checking an archive needs neither Django nor a database::

    verified = archive_verify(Path("regionsarkiv-1085.zip"))   # raises ArchiveError naming the wrong file
    verified.case                                              # the case file, read with the core's schema

Writing an archive from the platform and restoring one into it need Django: :mod:`.region` and :mod:`.restore`
(used by ``manage.py archive_region`` and ``manage.py archive_restore`` and the region's download page).

Layout of the bag (every path under ``data/`` with its SHA-256 in ``manifest-sha256.txt``)::

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    data/index.html, data/index.pdf          the index for people (Danish; PDF/A-2b)
    data/fortegnelse.json                    the same list for machines (:class:`Inventory`)
    data/sagsfil/                            the case file in every interchange format (JSON, XLSX, CSV)
    data/aftaler/<aftale>/                   every agreement version: JSON and PDF/A-2b
    data/breve/<aftale>/                     issued letters as sent: PDF/A-2b and DOCX
    data/moeder/<møde>/                      uploaded meeting documents as uploaded
    data/katalog/                            evidence documents of the marks for national spread, as uploaded
    data/revisionsspor/revisionsspor.json    the region's audit rows its secretariat may read (ADR 0021)
"""

from ._index import FORMAT_NOTES, index_document
from ._inventory import (
    FORMAT,
    AgendaPublication,
    AgreementVersionFile,
    ArchivedFile,
    BodyPublicationRecord,
    FileKind,
    Inventory,
    LetterFile,
    MeetingDocumentFile,
    SpreadMarkRecord,
)
from ._verify import INVENTORY, ArchiveError, VerifiedArchive, archive_opened, archive_verify

__all__ = [
    "FORMAT",
    "FORMAT_NOTES",
    "INVENTORY",
    "AgendaPublication",
    "AgreementVersionFile",
    "ArchiveError",
    "ArchivedFile",
    "BodyPublicationRecord",
    "FileKind",
    "Inventory",
    "LetterFile",
    "MeetingDocumentFile",
    "SpreadMarkRecord",
    "VerifiedArchive",
    "archive_opened",
    "archive_verify",
    "index_document",
]
