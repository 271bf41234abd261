"""The window's one error boundary.

An error the environment caused (disk full, read-only, a lock held past the wait, bad input)
is shown as what happened and what to do. Anything else is a bug: it is logged with its
traceback, and the dialog says so and where the log is. No traceback reaches the user.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from talentdesk import APP_NAME
from talentdesk.core.diagnose import explain
from talentdesk.core.team.reachable import is_server_away
from talentdesk.log import log_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException, title: str) -> QMessageBox | None:
    """Tell the user about `error` in a dialog (non-blocking) and log it. None: the team
    database's server is away, which the window's banner says instead (no dialog)."""
    if told_server_away(error):
        log.warning("%s: the team database cannot be reached: %s", title, error)
        return None
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    explained = explain(error)
    if explained is not None:
        log.warning("%s: %s", title, explained.message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, explained.message, parent=parent)
        box.setInformativeText(explained.hint)
    else:
        log.error("%s", title, exc_info=error)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title,
            f"{APP_NAME} hit an unexpected problem ({type(error).__name__}). "
            "Nothing was half-saved: what you were doing was either done or not at all.",
            parent=parent,
        )
        where = log_file()
        box.setInformativeText(
            "This is a bug. "
            + (f"The details are in {where}; please send that file to support." if where else "")
        )
    box.setObjectName("errorBox")
    box.setWindowTitle(title)
    box.open()
    return box


# The server goes away (team mode): the window's banner (ui/team/server_away.py) says so, not a
# dialog per failed read or write. A handler answers True (shown), False, or None once its
# window is gone (then it is dropped).
_server_away: list[Callable[[], bool | None]] = []


def on_server_away(handler: Callable[[], bool | None]) -> None:
    _server_away.append(handler)


def told_server_away(error: BaseException) -> bool:
    """Hand `error` to the windows' banners if it says the team database is gone."""
    if not _server_away or not is_server_away(error):
        return False
    answers = [(handler, handler()) for handler in list(_server_away)]
    _server_away[:] = [handler for handler, answer in answers if answer is not None]
    return any(answer for _, answer in answers)


def install_excepthooks() -> None:
    """An exception escaping a slot or a thread reaches the same boundary (the app only: the
    test runner installs its own hook, which fails the test)."""

    def on_exception(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        error.__traceback__ = trace
        parent = QApplication.activeWindow()
        box = show_error(parent, error, f"{APP_NAME}: something went wrong")
        from PySide6.QtCore import QThread  # only on a crash

        if box is not None and QThread.currentThread().loopLevel() == 0:
            # No event loop (the start failed before the window's, or after it ended): the
            # process ends next, so the dialog is shown until it is read.
            box.exec()

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        log.error(
            "unexpected error in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=args.exc_value,  # its type and traceback go with it
        )

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
