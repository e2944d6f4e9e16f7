"""Quotations as the catalog stores them: one JSON list per article.

Apart from ``reader.index.rows`` (which re-exports them) so that the catalog reads quotations
without creating the row records' classes before the list's first paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.models import Quote

__all__ = ["quotes_from_json", "quotes_to_json"]


def quotes_to_json(quotes: Iterable[Quote]) -> str:
    import json  # loaded with the first quotations read, not by the catalog's import

    return json.dumps([_fields(q) for q in quotes], ensure_ascii=False)


def _fields(q: Quote) -> list[Any]:
    """The stored list of one quote; roles and the inner speaker only when it has them."""
    fields: list[Any] = [
        q.text,
        q.start,
        q.end,
        q.paragraph,
        q.kind,
        q.speaker,
        q.group,
        q.speaker_kind,
    ]
    if q.speaker_roles or q.inner_speaker:
        fields.append(list(q.speaker_roles))
    if q.inner_speaker:
        fields.append(q.inner_speaker)
    return fields


def quotes_from_json(text: str | None) -> tuple[Quote, ...]:
    import json

    return tuple(_quote(fields) for fields in json.loads(text or "[]"))


_OPTIONAL: tuple[Any, ...] = ("", [], None)
"""What a stored quote without its optional fields has: no speaker kind, roles or inner
speaker."""


def _quote(fields: list[Any]) -> Quote:
    """One stored quote: ``[text, start, end, paragraph, kind, speaker, group, speaker kind,
    roles, inner speaker]``, the last three optional."""
    from reader.models import Quote  # reader.models loads after the list's first paint

    text, start, end, paragraph, kind, speaker, group, *rest = fields
    speaker_kind, roles, inner = [*rest, *_OPTIONAL[len(rest) :]]
    return Quote(
        text, start, end, paragraph, kind, speaker, group, speaker_kind, tuple(roles), inner
    )
