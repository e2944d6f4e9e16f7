"""StoryPanel: "Also covered by", the other outlets' reports of the open article's event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from reader.summaries import readable_date

if TYPE_CHECKING:
    from reader.models import Story, StoryMember

__all__ = ["MAX_SHOWN", "StoryPanel", "coverage_text", "other_members"]

MAX_SHOWN = 5
"""Reports listed; the rest are counted on one line."""


def other_members(story: Story, article_id: str) -> list[StoryMember]:
    """The story's other articles, own reports (not copies) first, each by date."""
    others = [member for member in story.articles if member.id != article_id]
    return sorted(others, key=lambda m: (m.copy_of is not None, m.date or "~", m.id))


def coverage_text(story: Story, article_id: str, muted: str = "dim") -> Text:
    """The panel's lines: outlet, date and title of each other report, copies marked."""
    # Loaded here, not on the first paint's path (the article reader's package is large).
    from reader.articles.text import one_line

    text = Text()
    others = other_members(story, article_id)
    for number, member in enumerate(others[:MAX_SHOWN]):
        if number:
            text.append("\n")
        outlet = one_line(member.source or "") or member.id
        text.append(outlet, style="bold")
        if member.date:
            text.append(f" · {readable_date(member.date)}", style=muted)
        text.append(f"  {one_line(member.title)}")  # plain text, never markup
        if member.copy_of is not None:
            text.append("  (copy)", style=muted)
    if len(others) > MAX_SHOWN:
        text.append(f"\n… and {len(others) - MAX_SHOWN} more (C compares; o there cycles)")
    return text


class StoryPanel(Static):
    """Hidden when no other article reports the open article's event."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id, classes="-none")
        self.story: Story | None = None
        """The story of the open article (None: none)."""

    def show_story(self, article_id: str, story: Story | None) -> None:
        """Show the other reports of this article's story, or hide the panel."""
        self.story = story
        self.set_class(story is None, "-none")
        if story is None:
            self.update("")
            return
        self.border_title = Text(f"Also covered by · {story.summary}")
        self.border_subtitle = "C compare"
        self.update(coverage_text(story, article_id))
