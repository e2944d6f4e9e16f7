"""The query language's words for the user's own data (``is:unread``, ``is:starred``,
``tag:NAME``, ``note:WORD``, ``has:note``): turned into sets of articles before searching.

The user's data lives outside the Whoosh index (it must survive a rebuild), so the parser
reads these as fields of their own, and before the search runs each one becomes an
``ArticleSet`` of the ids it stands for (``is:unread`` the complement of the read ones).
They then combine with every other part of a query as Whoosh combines any leaf
(``tag:summit AND speaker:putin``, ``NOT is:read``, ``(tag:a OR has:note) oil``).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Protocol

from whoosh import query

from reader.engine.article_sets import ArticleSet

__all__ = [
    "PERSONAL_FIELDS",
    "PersonalSets",
    "PersonalTermError",
    "has_personal_terms",
    "resolve_personal",
    "with_personal_sets",
]

PERSONAL_FIELDS = ("is", "tag", "note", "has")
_IS = {"unread": ("read", True), "read": ("read", False), "starred": ("starred", False)}
_IS_ALIASES = {"new": "unread", "seen": "read", "star": "starred", "flagged": "starred"}
_HAS = ("note", "tag")
_HAS_ALIASES = {"notes": "note", "tags": "tag"}


class PersonalSets(Protocol):
    """What a search needs of the user's data (``reader.personal.Reading`` provides it)."""

    def read_ids(self) -> set[str]: ...

    def starred_ids(self) -> set[str]: ...

    def noted_ids(self) -> set[str]: ...

    def tagged_ids(self, tag: str) -> set[str]: ...

    def note_ids_matching(
        self, words: str, form: Callable[[str], str] | None = None
    ) -> set[str]: ...


class PersonalTermError(ValueError):
    """A personal term that means nothing (``is:purple``); the message says what would."""


# The user's data of each library searched without one given: opened once, on first use.
_DEFAULTS: weakref.WeakKeyDictionary[Any, PersonalSets] = weakref.WeakKeyDictionary()
_DEFAULTS_LOCK = threading.Lock()


def with_personal_sets(
    library: Any, parsed: query.Query, personal: PersonalSets | None
) -> query.Query:
    """``parsed`` with its user's-data terms resolved by ``personal`` (by default the
    user's data for the library's corpus); QueryError when they cannot be."""
    if not has_personal_terms(parsed):
        return parsed
    from reader.personal.store import PersonalError
    from reader.search.queries import QueryError
    from reader.search.snippets import index_form

    try:
        sets = personal if personal is not None else _default(library)
        return resolve_personal(parsed, sets, form=index_form)
    except (PersonalTermError, PersonalError) as error:
        raise QueryError(str(error)) from None


def _default(library: Any) -> PersonalSets:
    from reader.personal import Reading

    with _DEFAULTS_LOCK:
        found = _DEFAULTS.get(library)
        if found is None:
            found = _DEFAULTS[library] = Reading.open(library)
        return found


def has_personal_terms(parsed: query.Query) -> bool:
    """Whether the parsed query uses any of the user's-data fields."""
    return any(getattr(leaf, "fieldname", None) in PERSONAL_FIELDS for leaf in parsed.leaves())


def resolve_personal(
    parsed: query.Query, sets: PersonalSets, form: Callable[[str], str] | None = None
) -> query.Query:
    """The query with each user's-data term replaced by the set of articles it stands for.

    ``form`` spells a note's words as the index does, so ``note:sanction`` finds "Sanctions".
    PersonalTermError for a term that means nothing.
    """

    def replace(node: query.Query) -> query.Query:
        if getattr(node, "fieldname", None) not in PERSONAL_FIELDS:
            return node
        return _article_set(node, sets, form)

    return parsed.accept(replace)


def _article_set(
    node: query.Query, sets: PersonalSets, form: Callable[[str], str] | None
) -> ArticleSet:
    field, text = node.fieldname, str(getattr(node, "text", ""))
    label = f"{field}:{text}"
    kind = type(node)
    if kind is query.Prefix and field in ("tag", "note"):
        text, label = f"{text}*", f"{label}*"
    elif kind is not query.Term:
        raise PersonalTermError(
            f"{field}: takes a plain word (tag:summit, tag:sum*), not {label!r}"
        )
    if field == "tag":
        return ArticleSet(sets.tagged_ids(text), label=label, boost=node.boost)
    if field == "note":
        return ArticleSet(sets.note_ids_matching(text, form), label=label, boost=node.boost)
    value = text.lower()
    if field == "is":
        value = _IS_ALIASES.get(value, value)
        if value not in _IS:
            raise PersonalTermError(f"unknown {label!r}: use is:unread, is:read or is:starred")
        which, complement = _IS[value]
        ids = sets.read_ids() if which == "read" else sets.starred_ids()
        return ArticleSet(ids, complement=complement, label=label, boost=node.boost)
    value = _HAS_ALIASES.get(value, value)
    if value not in _HAS:
        raise PersonalTermError(f"unknown {label!r}: use has:note or has:tag")
    ids = sets.noted_ids() if value == "note" else sets.tagged_ids("*")
    return ArticleSet(ids, label=label, boost=node.boost)
