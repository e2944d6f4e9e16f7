"""The app side of ``benchmarks.first_paint_phases``: run one app (``trivial SCRIPT`` or
``reader ARGS...``) with the phases of its start timed in CPU seconds, up to its first frame
(the reader's: the first with the list's rows), and append them to OUT as one JSON line.

    python benchmarks/paint_probe.py reader|trivial OUT ARGS...

Run as a script so that the process imports nothing but the app.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["probe"]


def probe(kind: str, out: Path, app_args: list[str]) -> None:
    """Run one app with its phases timed; append them to ``out`` as one JSON line."""
    spent: dict[str, float] = {}
    running: set[str] = set()

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if name in running:  # outermost calls only
                return function(*args, **kwargs)
            running.add(name)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                running.discard(name)
                spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return wrapper

    started = time.process_time()
    from textual._compositor import Compositor
    from textual.app import App
    from textual.css.stylesheet import Stylesheet

    spent["import Textual"] = time.process_time() - started
    Stylesheet.parse = timed("css: parse", timed("css", Stylesheet.parse))  # type: ignore[method-assign]
    Stylesheet.apply = timed("css", Stylesheet.apply)  # type: ignore[method-assign]
    Stylesheet.update_nodes = timed("css", Stylesheet.update_nodes)  # type: ignore[method-assign]
    Compositor.reflow = timed("layout", Compositor.reflow)  # type: ignore[method-assign]
    Compositor.render_update = timed("render", Compositor.render_update)  # type: ignore[method-assign]
    display = App._display
    shows_frame: Callable[[Any], bool] = lambda screen: True  # noqa: E731

    def first_frame(app: App[Any], screen: Any, renderable: Any) -> None:
        display(app, screen, renderable)
        if renderable is not None and "total" not in spent and shows_frame(screen):
            spent["total"] = time.process_time()
            # The reader reads the list's first screen in a thread while Textual loads: the
            # main thread's own time is the one the first frame waits for.
            spent["total, main thread"] = time.thread_time()
            with out.open("a", encoding="utf-8") as lines:
                lines.write(json.dumps(spent) + "\n")
            app.exit()

    App._display = first_frame  # type: ignore[method-assign]
    if kind == "trivial":
        script = Path(app_args[0])
        sys.argv = [str(script), "Trivial"]
        exec(
            compile(script.read_text(encoding="utf-8"), str(script), "exec"),
            {"__name__": "__main__"},
        )
        return
    for module in ("reader.__main__", "reader.index", "reader.ui.app"):
        started = time.process_time()
        __import__(module)
        spent[f"import {module}"] = time.process_time() - started
    import reader.__main__
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.index_watch import IndexWatch

    ArticleList.render_line = timed("render: the list's rows", ArticleList.render_line)  # type: ignore[method-assign]
    if hasattr(IndexWatch, "_show_indexed"):  # not in a reader from before it
        IndexWatch._show_indexed = timed("catalog: count and first page", IndexWatch._show_indexed)  # type: ignore[method-assign]
    shows_frame = lambda screen: bool(screen.query_one(ArticleList).row_count)  # noqa: E731
    sys.argv = ["reader", *app_args]
    reader.__main__.main()


if __name__ == "__main__":
    probe(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
