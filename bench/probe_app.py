"""Start TalentDesk's main window on a data folder; report when the first page is on screen.

Prints "shown" and then "rss <mb>" once the window is painted with the first page of
candidates; with --scroll it then scrolls the list to the end page by page and prints
"scrolled <pages> <rss_mb>".
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from PySide6.QtCore import QTimer


def rss_mb() -> float:
    import psutil  # imported after "shown": the bare baseline does not pay for it either

    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--scroll", action="store_true")
    args = parser.parse_args()

    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths
    from talentdesk.ui.app import application
    from talentdesk.ui.main_window import MainWindow

    app = application()
    paths = AppPaths(Path(args.data_dir).resolve())
    ws = Workspace.open(paths)
    window = MainWindow(ws, paths.settings)
    window.show()
    model = window.list_pane.model
    table = window.list_pane.table

    def shown() -> None:
        if model.rowCount() and model.pages_fetched == 0:
            QTimer.singleShot(1, shown)  # not painted yet
            return
        print("shown", flush=True)
        print(f"rss {rss_mb():.1f}", flush=True)
        if not args.scroll:
            app.quit()
            return
        bar = table.verticalScrollBar()
        start_pages = model.pages_fetched
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
            app.processEvents()
        print(f"scrolled {model.pages_fetched - start_pages} {rss_mb():.1f}", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    ws.close()


if __name__ == "__main__":
    main()
