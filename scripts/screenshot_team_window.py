"""The window on a team database (docs/screenshots/team-window.png): the sample data moved to a
throw-away PostgreSQL server with `migrate-to`, a colleague owning some of it, and the window
opened on the server as Anna, with "My candidates / Everyone's" and the status bar saying where
it is. Run by scripts/screenshots after make_screenshots.py; needs Debian's postgresql package
(scripts/bootstrap.sh test installs it)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from talentdesk.core.candidate_list import ListQuery  # noqa: E402
from talentdesk.core.demo.sample import load_sample_data  # noqa: E402
from talentdesk.core.team.migrate_to import migrate_to  # noqa: E402
from talentdesk.core.timezone import local_zone  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from talentdesk.ui.app import application  # noqa: E402
from talentdesk.ui.main_window import MainWindow  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SHOT = "team-window.png"


def _local_sample(folder: Path) -> Path:
    """A local file with the sample data, its one user called Anna."""
    ws = Workspace.open(AppPaths(folder))
    try:
        ws.users.rename(ws.users.current().id, "Anna")
        load_sample_data(ws.db, ws.clock(), tz=local_zone())
        return ws.paths.database
    finally:
        ws.close()


def _colleague_owns_some(ws: Workspace) -> None:
    """Bob, a colleague, owns the people in Berlin: Anna's "My candidates" leaves them out."""
    bob = ws.users.find_or_add("Bob")
    ws.users.assign(ws.listing.ids(ListQuery(search="berlin")), bob)


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, PostgresServer() as server:
        url = server.url(server.create_database("team"))
        migrate_to(_local_sample(Path(tmp) / "laptop"), url)
        os.environ["TALENTDESK_USER"] = "Anna"
        paths = AppPaths(Path(tmp) / "desk").with_database_url(url)
        ws = Workspace.open(paths)
        _ = ws.db  # the write side (and with it, who Anna is) before the window reads
        _colleague_owns_some(ws)
        window = MainWindow(ws, paths.settings)
        window.resize(1440, 880)
        window.show()

        def when_ready() -> None:
            if not (window.first_paint_done and window.events.ops.idle):
                QTimer.singleShot(100, when_ready)
                return
            window.list_pane.table.selectRow(1)
            QTimer.singleShot(1200, shoot)

        def shoot() -> None:
            window.grab().save(str(OUT / SHOT))
            window.hide()
            app.quit()

        QTimer.singleShot(500, when_ready)
        app.exec()
        ws.close()
    print(OUT / SHOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
