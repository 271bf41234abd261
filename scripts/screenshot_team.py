"""The import history and team-database screenshots: the sample file imported (an operation of
the window, as the wizard's would be), File ▸ Import history…, then File ▸ Connect to team
database… filled in as a recruiter would, with its encryption note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.team.connection import TlsMode
from talentdesk.ui.dialogs.import_history import ImportHistoryDialog
from talentdesk.ui.jobs import Cancelled, Job, Progress
from talentdesk.ui.main_window import MainWindow

SHOTS = ("import-history.png", "team-connect.png")


def team_shots(window: MainWindow, csv_file: Path, out: Path, then: Callable[[], None]) -> None:
    """Import, open and grab each view in turn, then call `then`."""
    ws = window.ws
    layout = sniff(csv_file)
    options = ImportOptions(mapping=guess_mapping(layout.header))

    def history() -> None:
        window.import_history_action.trigger()
        dialog = window.findChildren(ImportHistoryDialog)[0]
        dialog.resize(860, 300)
        dialog.table.selectRow(0)
        QTimer.singleShot(400, lambda: history_shot(dialog))

    def history_shot(dialog: ImportHistoryDialog) -> None:
        dialog.grab().save(str(out / "import-history.png"))
        dialog.close()
        connect = window.team_ui.open_connect()
        connect.host.setText("db.talentdesk.example")
        connect.port.setValue(5432)
        connect.database.setText("talent")
        connect.username.setText("anna")
        connect.password.setText("not-a-real-password")
        connect.tls.setCurrentIndex(connect.tls.findData(TlsMode.VERIFY_FULL.value))
        connect.ca_file.setText("/etc/ssl/company-ca.pem")
        QTimer.singleShot(400, lambda: connect_shot(connect))

    def connect_shot(dialog: object) -> None:
        dialog.grab().save(str(out / "team-connect.png"))  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]
        then()

    def work(_progress: Progress, _cancelled: Cancelled) -> object:
        return ws.import_csv(csv_file, layout, options)  # queued on the write path, as the
        # wizard's import is, from a thread of its own

    job = Job(work, window)
    job.succeeded.connect(lambda _report: QTimer.singleShot(300, history))
    job.start()
