"""The extraction libraries reader's HTML route was chosen among, scored on the same pages
when they are installed (``python -m benchmarks.extraction --compare``)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

__all__ = ["PEERS", "available"]


def _trafilatura(precision: bool) -> Callable[[str, str], str]:
    def extract(html: str, url: str) -> str:
        import trafilatura

        return trafilatura.extract(html, url=url, favor_precision=precision) or ""

    return extract


def _readability(html: str, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return str(lxml.html.fromstring(summary).text_content())


def _justext(html: str, url: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _resiliparse(html: str, url: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(html, main_content=True))


def _newspaper(html: str, url: str) -> str:
    import newspaper

    article = newspaper.Article(url or "https://example.com/")
    article.download(input_html=html)
    article.parse()
    return str(article.text)


PEERS: dict[str, Callable[[str, str], str]] = {
    "trafilatura": _trafilatura(False),
    "trafilatura precision": _trafilatura(True),
    "readability-lxml": _readability,
    "jusText": _justext,
    "resiliparse": _resiliparse,
    "newspaper4k": _newspaper,
}
_MODULES = {
    "trafilatura": "trafilatura",
    "trafilatura precision": "trafilatura",
    "readability-lxml": "readability",
    "jusText": "justext",
    "resiliparse": "resiliparse",
    "newspaper4k": "newspaper",
}


def available(name: str) -> bool:
    """True when the library behind ``name`` is installed."""
    return importlib.util.find_spec(_MODULES[name]) is not None
