"""Who said a quotation: reporting cues, names, titles and roles, without a model download."""

from reader.quotes.speakers.attribute import Attribution, attribute_speakers

__all__ = ["Attribution", "attribute_speakers"]
