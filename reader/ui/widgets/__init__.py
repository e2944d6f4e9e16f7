"""Widgets of the terminal reader: the article list, hits, reading pane, quotes, status line."""
