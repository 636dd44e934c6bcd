"""The JSON case file as an import: the same checks as a workbook, with problems named by field path."""

from __future__ import annotations

import json
from collections.abc import Collection

from pydantic import ValidationError

from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.rules import Rulebook

from ._errors import InterchangeError, Problem
from ._tables import (
    AGENDA,
    ATTENDANCE,
    BODIES,
    DECISIONS,
    MEETINGS,
    MEMBERS,
    SHEETS,
    RawSheet,
    build_case,
    case_tables,
)

__all__ = ["JSON_CONTENT_TYPE", "case_from_json", "case_to_json"]

JSON_CONTENT_TYPE = "application/json"


def case_to_json(case: RegionCase) -> bytes:
    """The case file: ``model_dump_json(indent=2)`` and a final newline."""
    return (case.model_dump_json(indent=2) + "\n").encode("utf-8")


def _path(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def case_from_json(
    data: bytes,
    *,
    base: RegionCase,
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
) -> RegionCase:
    """Apply a case file's bodies, members, meetings and decisions to ``base``.

    The file's region, municipalities, clusters, agreements, hearing rounds and statements are not imported: they
    come from ``base`` (the follow-up's records go in only through a full case import, such as a restored
    archive; ADR 0045).
    """
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InterchangeError.single("sagsfilen er ikke gyldig UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError.single(
            f"sagsfilen er ikke gyldig JSON: {exc.msg} (linje {exc.lineno}, kolonne {exc.colno})"
        ) from None
    try:
        case = RegionCase.model_validate(raw)
    except ValidationError as exc:
        raise InterchangeError(
            Problem(
                None, None, None, f"feltet '{_path(e['loc'])}': {e['msg']}" if e["loc"] else str(e["msg"])
            )
            for e in exc.errors()
        ) from None
    if case.region.code != base.region.code:
        raise InterchangeError.single(
            f"sagsfilen er for region '{case.region.code}', men importeres i {base.region.name} ({base.region.code})"
        )
    tables = case_tables(case)
    sheets = {
        spec.name: RawSheet(
            spec.name, list(spec.headers), [(n, list(r)) for n, r in enumerate(tables[spec.name], start=2)]
        )
        for spec in SHEETS
    }
    try:
        return build_case(
            sheets,
            base=base,
            rulebook=rulebook,
            reserved_body_ids=reserved_body_ids,
            reserved_person_ids=reserved_person_ids,
            as_of=case.as_of,
        )
    except InterchangeError as exc:
        raise InterchangeError(_as_field_paths(exc.problems, case)) from None


def _as_field_paths(problems: list[Problem], case: RegionCase) -> list[Problem]:
    """Name the field of the case file instead of the row of the sheet it would have been."""
    places: dict[str, list[str]] = {
        BODIES.name: [f"bodies[{i}]" for i in range(len(case.bodies))],
        MEMBERS.name: [
            f"bodies[{i}].memberships[{j}]"
            for i, b in enumerate(case.bodies)
            for j in range(len(b.memberships))
        ],
        MEETINGS.name: [f"meetings[{i}]" for i in range(len(case.meetings))],
        AGENDA.name: [
            f"meetings[{i}].agenda[{j}]" for i, m in enumerate(case.meetings) for j in range(len(m.agenda))
        ],
        ATTENDANCE.name: [
            f"meetings[{i}].attendance[{j}]"
            for i, m in enumerate(case.meetings)
            for j in range(len(m.attendance))
        ],
        DECISIONS.name: [f"decisions[{i}]" for i in range(len(case.decisions))],
    }
    specs = {spec.name: spec for spec in SHEETS}
    result: list[Problem] = []
    for p in problems:
        if p.sheet in places and p.row is not None and 0 <= p.row - 2 < len(places[p.sheet]):
            where = places[p.sheet][p.row - 2]
            column = next((c for c in specs[p.sheet].columns if c.header == p.column), None)
            if column is not None and column.field not in ("body_id", "meeting_id"):
                where = f"{where}.{column.field}"
            result.append(Problem(None, None, None, f"feltet '{where}': {p.message}"))
        else:
            result.append(Problem(None, None, None, p.message))
    return result
