"""Regenerate the README's screenshots from sample data (run through scripts/screenshots)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from talentdesk.core import demo  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from talentdesk.ui.app import application  # noqa: E402
from talentdesk.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp))
        ws = Workspace.open(paths)
        window = MainWindow(ws, paths.settings)
        window.resize(1440, 880)
        window.show()
        shots: list[tuple[str, object]] = []

        def first_run() -> None:
            window.grab().save(str(OUT / "first-run.png"))
            demo.load_sample_data(ws.db, ws.clock())
            window.after_bulk_change("Loaded sample data.")
            pool = window.pool_pane.model.index(1)
            window.pool_pane.view.setCurrentIndex(pool)
            window.list_pane.table.selectRow(2)
            window.candidate_pane.tabs.setCurrentIndex(0)
            QTimer.singleShot(300, main_window)

        def main_window() -> None:
            window.grab().save(str(OUT / "main-window.png"))
            window.candidate_pane.tabs.setCurrentIndex(2)
            QTimer.singleShot(300, timeline)

        def timeline() -> None:
            window.grab().save(str(OUT / "timeline.png"))
            shots.append(("done", None))
            window.close()
            app.quit()

        QTimer.singleShot(300, first_run)
        app.exec()
        ws.close()
    for name in ("first-run.png", "main-window.png", "timeline.png"):
        print(OUT / name)
    return 0 if shots else 1


if __name__ == "__main__":
    raise SystemExit(main())
