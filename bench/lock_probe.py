"""How long an import holds the database's write lock, seen from outside: a probe connection
tries to take the lock (`BEGIN IMMEDIATE`, no busy wait, released at once) every few
milliseconds; the longest run of refusals is how long any other writer would have waited.

The import runs in a child process, the current code or the code of an older commit (the
unstaged importer, from `git archive`), on the same file, so both are measured alike.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE_EVERY_S = 0.01  # finer, and the probe itself slows a busy machine

# Run in the child: open (creating) the data folder, one candidate, import the file.
_CHILD = """
import json, sys, time
from pathlib import Path
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths

path, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
ws = Workspace.open(AppPaths(data_dir))
ws.candidates.create(CandidateRecord("Anna", "Kowalska", city="Warszawa"))
layout = sniff(path)
print("ready", flush=True)
sys.stdin.readline()  # the probe is watching
started = time.perf_counter()
report = run_import(ws.db, path, layout, ImportOptions(guess_mapping(layout.header)), ws.clock)
elapsed = time.perf_counter() - started
assert report.created == report.rows, report.summary()
ws.close()
print(json.dumps({"import_s": elapsed}), flush=True)
"""


class LockProbe(threading.Thread):
    """Measures the longest time the write lock of `database` was held by someone else."""

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.longest_s = 0.0
        self.held_total_s = 0.0
        self._stopping = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self.database, timeout=0, isolation_level=None)
        busy_since: float | None = None
        while not self._stopping.is_set():
            now = time.perf_counter()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            except sqlite3.OperationalError:  # locked: someone holds it
                if busy_since is None:
                    busy_since = now
            else:
                if busy_since is not None:
                    self._held(now - busy_since)
                    busy_since = None
            self._stopping.wait(PROBE_EVERY_S)
        if busy_since is not None:
            self._held(time.perf_counter() - busy_since)
        conn.close()

    def _held(self, span: float) -> None:
        self.longest_s = max(self.longest_s, span)
        self.held_total_s += span

    def stop(self) -> None:
        self._stopping.set()
        self.join()


def code_of(commit: str, folder: Path) -> Path:
    """The `talentdesk` package as it was at `commit`, unpacked under `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "talentdesk"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def import_in_child(path: Path, data_dir: Path, code: Path) -> dict[str, float]:
    """Import `path` into a new data folder with the code under `code`, in a child process,
    while a probe measures how long the write lock is held."""
    env = dict(os.environ, PYTHONPATH=str(code))
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=code,
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    probe = LockProbe(data_dir / "talentdesk.sqlite3")
    probe.start()
    child.stdin.write("go\n")
    child.stdin.flush()
    figures = json.loads(child.stdout.readline())
    probe.stop()
    assert child.wait() == 0
    figures["lock_longest_s"] = probe.longest_s
    figures["lock_total_s"] = probe.held_total_s
    return figures
