"""Screens of the terminal reader: the main reader, side-by-side compare, help."""
