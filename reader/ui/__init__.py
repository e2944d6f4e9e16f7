"""The Textual front end: ``make_app`` in ``reader.ui.app`` builds the terminal reader."""
