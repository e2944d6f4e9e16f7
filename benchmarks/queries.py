"""The fixed query set: each query in reader syntax, as FTS5 MATCH and as a ripgrep pattern."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QUERIES", "Query"]


@dataclass(frozen=True, slots=True)
class Query:
    """One benchmark query.

    ``fts`` is the closest FTS5 MATCH expression (FTS5 has no fuzzy search: the intended word is
    used). ``rg`` is a ripgrep pattern for plain terms and phrases, None where grep has no
    equivalent.
    """

    kind: str
    text: str
    fts: str
    rg: str | None


_COMMON = [
    "said",
    "year",
    "market",
    "government",
    "people",
    "company",
    "new",
    "first",
    "time",
    "price",
    "sales",
    "bank",
    "world",
    "share",
    "growth",
    "minister",
    "economy",
    "report",
    "state",
    "week",
]
_RARE = [
    "pharmaceutical",
    "bankruptcy",
    "referendum",
    "ceasefire",
    "semiconductor",
    "vineyard",
    "hurricane",
    "astronaut",
    "cocoa",
    "copper",
    "uranium",
    "broadband",
    "hijack",
    "tobacco",
    "whisky",
    "orchestra",
    "diamond",
    "tariff",
    "subsidy",
    "famine",
]
_PHRASES = (
    "interest rates",
    "prime minister",
    "oil prices",
    "stock exchange",
    "chief executive",
    "central bank",
    "trade deficit",
    "world cup",
    "general election",
    "united states",
    "share price",
    "west germany",
    "mobile phone",
    "finance minister",
    "net profit",
    "tax cuts",
    "foreign exchange",
    "first quarter",
    "last year",
    "european union",
)
_BOOLEAN = (
    ("oil AND opec", "oil AND opec"),
    ("bank OR lender", "bank OR lender"),
    ("market NOT stock", "market NOT stock"),
    ("(wheat OR corn) AND export", "(wheat OR corn) AND export"),
    ("profit AND loss", "profit AND loss"),
    ("election AND (labour OR tory)", "election AND (labour OR tory)"),
    ("film OR music", "film OR music"),
    ("coffee AND brazil", "coffee AND brazil"),
    ("gold OR silver OR platinum", "gold OR silver OR platinum"),
    ("dollar AND yen NOT mark", "dollar AND yen NOT mark"),
    ("merger AND acquisition", "merger AND acquisition"),
    ("strike AND union", "strike AND union"),
    ("sugar OR cotton", "sugar OR cotton"),
    ("tax NOT income", "tax NOT income"),
    ("china AND trade", "china AND trade"),
    ("football OR rugby", "football OR rugby"),
    ("inflation AND rate", "inflation AND rate"),
    ("debt AND (brazil OR mexico)", "debt AND (brazil OR mexico)"),
    ("software AND microsoft", "software AND microsoft"),
    ("court AND appeal", "court AND appeal"),
)
_FIELD_WORDS = [
    "oil",
    "bank",
    "election",
    "profit",
    "trade",
    "film",
    "market",
    "dollar",
    "talks",
    "shares",
    "court",
    "gold",
    "tax",
    "wheat",
    "deal",
]
_FUZZY = (
    ("governmnet~", "government"),
    ("econmy~", "economy"),
    ("petrolium~", "petroleum"),
    ("minster~", "minister"),
    ("compnay~", "company"),
    ("markte~", "market"),
    ("invesment~", "investment"),
    ("eletion~", "election"),
    ("footbal~", "football"),
    ("dolar~", "dollar"),
    ("inflaton~", "inflation"),
    ("profti~", "profit"),
    ("exprot~", "export"),
    ("telefone~", "telephone"),
    ("musik~", "music"),
)
_WILDCARD = [
    "econom*",
    "invest*",
    "elect*",
    "comput*",
    "financ*",
    "industr*",
    "produc*",
    "govern*",
    "manag*",
    "bank*",
    "import*",
    "play*",
    "tele*",
    "agricult*",
    "refin*",
]


def _all() -> tuple[Query, ...]:
    queries = [Query("common", word, word, word) for word in _COMMON]
    queries += [Query("rare", word, word, word) for word in _RARE]
    queries += [Query("phrase", f'"{p}"', f'"{p}"', p) for p in _PHRASES]
    queries += [Query("boolean", text, fts, None) for text, fts in _BOOLEAN]
    queries += [Query("field", f"title:{w}", f"title:{w}", None) for w in _FIELD_WORDS]
    queries += [Query("fuzzy", text, fts, None) for text, fts in _FUZZY]
    queries += [Query("wildcard", w, w, None) for w in _WILDCARD]
    return tuple(queries)


QUERIES: tuple[Query, ...] = _all()
