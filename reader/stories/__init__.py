"""Stories: articles that report the same event, their copies, and sentence alignment."""
