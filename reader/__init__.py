"""reader: a terminal reader for news articles, with full-text search and quotations."""

import logging

__version__ = "0.1.0"

# A library logs (a fast path that fell back, a failed search's traceback); whoever runs it
# decides where that goes. Without a handler Python would print warnings and tracebacks on
# stderr, over the TUI.
logging.getLogger(__name__).addHandler(logging.NullHandler())
