"""Quotations: pairing the marks, attributing speakers, grouping one statement across articles."""

from reader.quotes.find import find_quotes

__all__ = ["find_quotes"]
