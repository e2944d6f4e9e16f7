"""Benchmarks of reader against SQLite FTS5, ripgrep and stock Whoosh."""
