"""Where other parts of the platform add what they publish, so the portal, its JSON and its feed show it.

A source is a function of a region code (``None``: every region) that returns the :class:`PublicDocument` rows it
has published by its own explicit, audited act – never a draft. Two kinds are awaited:

- ``status_report``: the status reports of the follow-up (midtvejs- og slutstatus, § 22 and afsnit 5.5); the
  region page lists them under "Statusrapporter", the feed announces them.
- ``minutes``: a meeting's minutes once approved and published; :func:`minutes_for` reads them for the meeting
  page (a minutes source registers with ``register_minutes``).

Register at start-up (an ``AppConfig.ready``): ``register_documents("status_report", source)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .shapes import PublicDocument

DocumentSource = Callable[[str | None], Iterable[PublicDocument]]
MinutesSource = Callable[[int], str | None]
PathSource = Callable[[str | None], Iterable[str]]

_documents: dict[str, list[DocumentSource]] = {}
_minutes: list[MinutesSource] = []
_paths: list[PathSource] = []


def register_documents(kind: str, source: DocumentSource) -> None:
    """Add a source of published documents of ``kind`` (e.g. ``status_report``)."""
    _documents.setdefault(kind, []).append(source)


def register_minutes(source: MinutesSource) -> None:
    """Add a reader of a meeting's published minutes: the text, or ``None`` while they are not published."""
    _minutes.append(source)


def registered_documents(kind: str | None, region_code: str | None) -> list[PublicDocument]:
    """The registered sources' published documents of ``kind`` (``None``: every kind) for a region."""
    kinds = [kind] if kind is not None else list(_documents)
    return [doc for k in kinds for source in _documents.get(k, []) for doc in source(region_code)]


def minutes_for(meeting_pk: int) -> str:
    """The meeting's published minutes, or "" while no source has published them."""
    for source in _minutes:
        text = source(meeting_pk)
        if text:
            return text
    return ""


def register_paths(source: PathSource) -> None:
    """Add the public pages and files of another part of the platform (the knowledge catalogue, ADR 0048) to
    ``every_public_path``: a function of a region code (``None``: every region) returning paths."""
    if source not in _paths:
        _paths.append(source)


def registered_paths(region_code: str | None) -> list[str]:
    return [path for source in _paths for path in source(region_code)]
