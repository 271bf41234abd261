"""Start TalentDesk exactly as `talentdesk --data-dir DIR` does (run_gui: logging, single
instance, workspace, main window) and report when the first page of candidates is on screen.

Prints "shown" when the list's first page is painted (as the window itself learns it), then
"rss <mb>" and "qt <the Qt classes loaded by the first paint>"; with --scroll it then scrolls
the list to the end page by page and prints "scrolled <pages> <rss_mb>". Then it closes the
window, which quits the app.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

gc.disable()  # as `talentdesk` does before it loads the window (cli.py _open_window)

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def qt_classes() -> list[str]:
    """The Qt classes loaded so far, as "QtWidgets.QListView" (PySide loads each on first use)."""
    return [
        f"{module.rpartition('.')[2]}.{name}"
        for module in sorted(sys.modules)
        if module.startswith("PySide6.Qt")
        for name in sorted(vars(sys.modules[module]))
        if name.startswith("Q")
    ]


def rss_mb() -> float:
    import psutil  # imported after "shown": the bare baseline does not pay for it either

    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--scroll", action="store_true")
    args = parser.parse_args()

    from talentdesk.ui.app import run_gui
    from talentdesk.ui.main_window import MainWindow

    painted: list[MainWindow] = []
    loaded: list[str] = []
    after_first_paint = MainWindow._after_first_paint

    def first_page_painted(window: MainWindow) -> None:
        """The window's own "first paint is on screen" moment (ui/first_paint.py): the list's
        first page has been painted. Reported before the window starts its after-paint work."""
        painted.append(window)
        print("shown", flush=True)
        loaded.extend(qt_classes())
        QTimer.singleShot(0, report)
        after_first_paint(window)

    MainWindow._after_first_paint = first_page_painted  # type: ignore[method-assign,assignment]

    def report() -> None:
        window = painted[0]
        assert window.list_pane.model.pages_fetched, "the first paint showed no rows"
        print(f"rss {rss_mb():.1f}", flush=True)
        print("qt", *loaded, flush=True)
        if args.scroll:
            model = window.list_pane.model
            bar = window.list_pane.table.verticalScrollBar()
            start_pages = model.pages_fetched
            while bar.value() < bar.maximum():
                bar.setValue(bar.value() + bar.pageStep())
                QApplication.processEvents()
            print(f"scrolled {model.pages_fetched - start_pages} {rss_mb():.1f}", flush=True)
        window.close()

    return run_gui(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
