"""One query interface, two backends, chosen by ``connection.vendor`` (ADR 0047).

- PostgreSQL: the stored ``vector`` (``danish`` configuration, title weight A, text weight B) with its GIN index,
  ``SearchQuery(search_type="websearch")``, ranked by ``SearchRank`` and highlighted by ``SearchHeadline``.
- SQLite: the FTS5 table ``search_fts`` of stemmed words (Snowball Danish, :mod:`.text`), matched with the stemmed
  query, ranked by ``bm25()`` with the title weighted ten times the text; the snippet is cut in Python around the
  words whose stem matched, since FTS5's ``snippet()`` would show the stems.

Both take the rows a reader may find as a queryset (audience and filters already applied) and return one page of
hits, best first, with the total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from . import text as words
from .models import SearchEntry


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    rank: float
    snippet: str  # escaped HTML, only <mark> added


class Backend(Protocol):
    def write(self, entries: Iterable[SearchEntry]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def search(
        self, rows: QuerySet[SearchEntry], query: str, start: int, size: int
    ) -> tuple[int, list[Hit]]: ...


class PostgresBackend:
    vector = SearchVector("title", weight="A", config="danish") + SearchVector(
        "text", weight="B", config="danish"
    )

    def write(self, entries: Iterable[SearchEntry]) -> None:
        SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(vector=self.vector)

    def delete(self, ids: list[int]) -> None:
        """The vector goes with its row."""

    def search(self, rows: QuerySet[SearchEntry], query: str, start: int, size: int) -> tuple[int, list[Hit]]:
        if words.parse_query(query).empty:
            return 0, []
        q = SearchQuery(query, config="danish", search_type="websearch")
        found = rows.filter(vector=q)
        total = found.count()
        page = (
            found.annotate(
                rank=SearchRank(F("vector"), q),
                headline=SearchHeadline(
                    "text",
                    q,
                    config="danish",
                    start_sel=words.START,
                    stop_sel=words.STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .defer("stemmed", "vector")
            .order_by("-rank", "-day", "key")[start : start + size]
        )
        return total, [Hit(e, float(e.rank), words.marked(e.headline)) for e in page]


class SqliteBackend:
    def write(self, entries: Iterable[SearchEntry]) -> None:
        rows = [(e.pk, words.stemmed(e.title), e.stemmed) for e in entries]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)", rows)

    def delete(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])

    def search(self, rows: QuerySet[SearchEntry], query: str, start: int, size: int) -> tuple[int, list[Hit]]:
        parsed = words.parse_query(query)
        if parsed.empty:
            return 0, []
        inner, params = rows.values("pk").query.sql_with_params()
        # The full-text match first, materialized, then the reader's rows: asked the other way round, SQLite
        # would look up each allowed row in the FTS index one by one.
        matched = (
            "WITH matched AS MATERIALIZED (SELECT rowid AS id, bm25(search_fts, 10.0, 1.0) AS score "
            "FROM search_fts WHERE search_fts MATCH %s) "
        )
        allowed = f"FROM matched WHERE id IN ({inner})"
        with connection.cursor() as cursor:
            cursor.execute(f"{matched}SELECT count(*) {allowed}", [parsed.fts5(), *params])
            total = int(cursor.fetchone()[0])
            cursor.execute(
                f"{matched}SELECT id, score {allowed} ORDER BY score, id LIMIT %s OFFSET %s",
                [parsed.fts5(), *params, size, start],
            )
            ranked = cursor.fetchall()
        entries = SearchEntry.objects.defer("stemmed", "vector").in_bulk([pk for pk, _ in ranked])
        stems = parsed.stems
        return total, [
            Hit(entries[pk], -float(score), words.marked(words.snippet(entries[pk].text, stems)))
            for pk, score in ranked
            if pk in entries
        ]


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
