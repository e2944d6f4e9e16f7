"""Whoosh behind one boundary: schema, index files, damage checks, and guarded fast paths."""
