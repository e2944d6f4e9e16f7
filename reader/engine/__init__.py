"""Whoosh: the schema and analyzers, and the fast paths that read its segment files directly."""
