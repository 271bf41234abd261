"""`talentdesk --self-check`: run every layer once, headless, in a throw-away data folder.

Meant for the bundle above all: a hidden import or data file PyInstaller missed fails here, in
CI, instead of at a user's first launch. Each step prints "ok: …"; the first failure prints
"FAILED: <step>: <exception>" and the exit status is 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

SAMPLE_CSV = (
    "First Name,Last Name,Email,Company,Position,City\n"
    "Anna,Kowalska,anna.kowalska@example.com,Allegro,Senior Java Developer,Kraków\n"
    "Łukasz,Nowak,lukasz.nowak@example.com,Revolut,Data Engineer,Warszawa\n"
)

# Platform plugins the bundle must carry: the desktop's own, plus offscreen for this check.
REQUIRED_PLATFORMS = {
    "linux": ("xcb", "wayland", "offscreen"),
    "win32": ("windows", "offscreen"),
    "darwin": ("cocoa", "offscreen"),
}


class SelfCheck:
    def __init__(self, folder: Path) -> None:
        from talentdesk.paths import AppPaths

        self.folder = folder
        self.paths: AppPaths = AppPaths(folder / "data")
        self.ws: Workspace | None = None
        self.app: QApplication | None = None
        self.candidate_ids: list[int] = []

    @property
    def workspace(self) -> Workspace:
        assert self.ws is not None, "the database step did not run"
        return self.ws

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("database", self.database),
            ("csv import", self.csv_import),
            ("reminders", self.reminders),
            ("mail template", self.mail_template),
            ("duplicates", self.duplicates),
            ("keyring", self.keyring),
            ("team database driver", self.team_driver),
            ("qt plugins", self.qt_plugins),
            ("icons", self.icons),
            ("main window", self.main_window),
        ]

    def database(self) -> str:
        from talentdesk.core.db.migrate import head_revision
        from talentdesk.core.info import workspace_info
        from talentdesk.core.workspace import Workspace

        self.ws = Workspace.open(self.paths)
        info = workspace_info(self.ws)
        if info["schema_revision"] != head_revision():
            raise RuntimeError(f"schema at {info['schema_revision']}, head {head_revision()}")
        return f"created and migrated to {info['schema_revision']}"

    def csv_import(self) -> str:
        from talentdesk.core.candidate_list import ListQuery
        from talentdesk.core.csvio.importer import run_import
        from talentdesk.core.csvio.mapping import guess_mapping
        from talentdesk.core.csvio.options import ImportOptions
        from talentdesk.core.csvio.reader import sniff

        ws = self.workspace
        path = self.folder / "candidates.csv"
        path.write_text(SAMPLE_CSV, encoding="utf-8")
        layout = sniff(path)
        options = ImportOptions(mapping=guess_mapping(layout.header))
        report = run_import(ws.db, path, layout, options, ws.clock)
        if report.created != 2 or report.rejected:
            raise RuntimeError(report.summary())
        self.candidate_ids = ws.listing.ids(ListQuery(search="kowalska"))
        if len(self.candidate_ids) != 1:
            raise RuntimeError(f"search for the imported candidate found {self.candidate_ids}")
        return f"{report.summary()} ({layout.encoding}, {layout.delimiter!r})"

    def reminders(self) -> str:
        ws = self.workspace
        due_at = ws.clock() - timedelta(hours=1)
        ws.reminders.add(self.candidate_ids[0], due_at, recurrence="FREQ=MONTHLY")
        due = ws.reminders.due_now(ws.clock())
        groups = {group.key: group.total for group in ws.reads.reminder_overview()}
        if len(due) != 1:
            raise RuntimeError(f"{len(due)} reminders due, expected 1")
        return f"{len(due)} due now; overview {groups}"

    def mail_template(self) -> str:
        from talentdesk.core.mail.templates import STARTER_TEMPLATES, merge_context, render

        context = merge_context(
            {"first_name": "Anna", "company": "Allegro"}, {"name": "Self Check"}
        )
        rendered = render(STARTER_TEMPLATES[0], context, with_html=True)
        if "Anna" not in rendered.text or rendered.html is None:
            raise RuntimeError(f"unexpected rendering: {rendered.subject!r}")
        return f"rendered “{rendered.subject}”"

    def duplicates(self) -> str:
        """phonenumbers loads each country's metadata module when first asked, and rapidfuzz
        picks its compiled scorer at run time: both are imports PyInstaller cannot see."""
        from talentdesk.core.duplicates.names import name_key
        from talentdesk.core.duplicates.phones import e164
        from talentdesk.core.normalize import sort_key

        numbers = {
            country: e164(raw, country)
            for raw, country in (
                ("601 234 567", "Poland"),
                ("030 1234567", "Germany"),
                ("07911 123456", "United Kingdom"),
                ("(212) 555-0123", "USA"),
            )
        }
        if None in numbers.values():
            raise RuntimeError(f"phone numbers not read: {numbers}")
        from rapidfuzz import fuzz

        keys = [name_key(sort_key(name)) or "" for name in ("Łukasz Nowak", "Nowak Lukasz")]
        if fuzz.ratio(*keys) != 100:
            raise RuntimeError(f"names compared wrongly: {keys}")
        report = self.workspace.duplicates.find()
        if report.candidates != 2 or report.groups:
            raise RuntimeError(f"unexpected duplicates among {report.candidates}")
        return f"{len(numbers)} countries' numbers read; {report.candidates} people compared"

    def keyring(self) -> str:
        from importlib.metadata import entry_points

        import keyring

        # Backends register through entry points: without keyring's metadata in the bundle
        # only the "fail" backend is left, silently.
        plugins = {ep.name for ep in entry_points(group="keyring.backends")}
        wanted = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}.get(sys.platform)
        if wanted is not None and wanted not in plugins:
            raise RuntimeError(f"keyring backend {wanted} not registered (found {plugins})")
        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def team_driver(self) -> str:
        import psycopg
        import sqlalchemy as sa

        # psycopg picks its compiled libpq wrapper at run time; a bundle without it would
        # fall back to a libpq the user may not have, at the first team connection.
        engine = sa.create_engine("postgresql+psycopg://check@127.0.0.1/check")
        engine.dispose()
        libpq = psycopg.pq.version()
        return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {libpq}"

    def qt_plugins(self) -> str:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QImageReader

        from talentdesk.ui.app import application

        self.app = application()
        found = {
            entry.stem.removeprefix("lib").removeprefix("q")
            for folder in QCoreApplication.libraryPaths()
            for entry in (Path(folder) / "platforms").glob("*q*")
        }
        wanted = REQUIRED_PLATFORMS.get(sys.platform, ("offscreen",))
        missing = [name for name in wanted if name not in found]
        if missing:
            raise RuntimeError(f"platform plugins missing: {missing} (found {sorted(found)})")
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "png" not in formats:
            raise RuntimeError(f"no PNG support (formats {sorted(formats)})")
        # The Metrics view's charts: the one module of PySide6-Addons the bundle keeps.
        from PySide6.QtCharts import QChart

        QChart().deleteLater()
        return f"platforms {', '.join(wanted)}; running on {self.app.platformName()}"

    def icons(self) -> str:
        from talentdesk.paths import resources_dir
        from talentdesk.ui.icons import SIZES, app_icon, overdue_icon

        for icon in (app_icon(), overdue_icon()):
            if len(icon.availableSizes()) != len(SIZES):
                raise RuntimeError(f"icons missing in {resources_dir() / 'icons'}")
        return f"{len(SIZES)} sizes from {resources_dir()}"

    def main_window(self) -> str:
        from talentdesk.ui.main_window import MainWindow

        assert self.app is not None, "the qt plugins step did not run"
        window = MainWindow(self.workspace, self.paths.settings)
        try:
            window.show()
            self.app.processEvents()
            image = window.grab().toImage()
            if image.isNull():
                raise RuntimeError("the window rendered nothing")
            rows = window.list_pane.model.rowCount()
            if rows != 2:
                raise RuntimeError(f"the list shows {rows} candidates, expected 2")
            return f"rendered {image.width()}×{image.height()} with {rows} candidates"
        finally:
            window.close()
            window.deleteLater()
            self.app.processEvents()

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()


def run() -> int:
    """Run every step in order; 0 when all passed, 1 at the first failure."""
    # Headless unless told otherwise: CI has no display, and a user's screen stays untouched.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="talentdesk-self-check-") as tmp:
        check = SelfCheck(Path(tmp))
        try:
            for name, step in check.steps():
                try:
                    detail = step()
                except Exception as exc:
                    traceback.print_exc(file=sys.stderr)
                    print(f"FAILED: {name}: {type(exc).__name__}: {exc}", flush=True)
                    return 1
                print(f"ok: {name}: {detail}", flush=True)
        finally:
            check.close()
    print("self-check passed", flush=True)
    return 0
