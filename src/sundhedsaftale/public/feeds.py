"""The Atom feed of newly published documents (RFC 4287), by Django's syndication framework."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import published_documents
from .shapes import PublicDocument

FEED_SIZE = 100


class PublishedDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Sundhedsaftale: offentliggjorte dokumenter")
    subtitle = _(
        "Sundhedsaftaler, Sundhedsstyrelsens breve, dagsordener og statusrapporter, når de offentliggøres."
    )
    link = "/offentlig/"
    feed_url = "/offentlig/feed.atom"
    author_name = "Sundhedsaftale"

    def items(self) -> list[PublicDocument]:
        return published_documents()[:FEED_SIZE]

    def item_title(self, item: PublicDocument) -> str:
        return item.title

    def item_description(self, item: PublicDocument) -> str:
        return f"{item.kind_label} · {item.region_code}"

    def item_link(self, item: PublicDocument) -> str:
        return item.url

    def item_guid(self, item: PublicDocument) -> str:
        return f"tag:sundhedsaftale,2026:{item.id}"

    def item_guid_is_permalink(self, item: PublicDocument) -> bool:
        return False

    def item_updateddate(self, item: PublicDocument) -> dt.datetime:
        return _midnight(item.published_on)

    def item_pubdate(self, item: PublicDocument) -> dt.datetime:
        return _midnight(item.published_on)

    def item_categories(self, item: PublicDocument) -> list[str]:
        return [item.kind, item.region_code]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_default_timezone())
