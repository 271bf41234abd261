"""With keyrings.alt really installed and no Secret Service, a fresh process (as the app or the
CLI starts) finds no usable keyring, however keyring was told to choose, and writes no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "pässwörd-Ω-alt-4c1e"

PROBE = """
import json, sys
import keyring
from keyrings.alt.file import PlaintextKeyring
from talentdesk.core.mail.credentials import Credentials

credentials = Credentials()
stored = credentials.set("anna@smtp.example.com:587", sys.argv[1])
try:
    chosen = type(keyring.get_keyring()).__name__
    configured = type(keyring.core.load_config()).__name__  # what keyringrc.cfg names
except Exception as exc:
    chosen = configured = type(exc).__name__
print(json.dumps({
    "chosen": chosen,  # what keyring itself would use
    "configured": configured,
    "plaintext_file": PlaintextKeyring().file_path,
    "usable": credentials.status.usable,
    "reason": credentials.status.reason,
    "stored": stored,
    "read_back": credentials.get("anna@smtp.example.com:587"),
}))
"""

PLAINTEXT = "keyrings.alt.file.PlaintextKeyring"


def _probe(tmp_path: Path, backend_variable: str | None = None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "PYTHON_KEYRING"))}
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env |= {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(runtime),  # no bus socket in it: no Secret Service, no KWallet
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={runtime / 'no-bus'}",
    }
    if backend_variable:
        env["PYTHON_KEYRING_BACKEND"] = backend_variable
    result = subprocess.run(
        [sys.executable, "-c", PROBE, SECRET],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def _assert_kept_for_the_session_only(tmp_path: Path, report: dict[str, object]) -> None:
    assert report["usable"] is False
    assert report["stored"] is False  # the dialog and `mail password` say it is not kept
    assert report["read_back"] == SECRET  # for this session
    assert Path(str(report["plaintext_file"])).is_relative_to(tmp_path / "data")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert path.name == "keyringrc.cfg", f"{path} was written"
            assert SECRET.encode() not in path.read_bytes()


def test_with_no_secret_service_the_plaintext_keyring_keyring_picks_is_refused(
    tmp_path: Path,
) -> None:
    report = _probe(tmp_path)
    assert report["chosen"] == "PlaintextKeyring"  # keyring alone would write the file
    _assert_kept_for_the_session_only(tmp_path, report)
    assert "PlaintextKeyring" in str(report["reason"])


@pytest.mark.parametrize(
    "variable",
    [
        PLAINTEXT,
        "keyrings.alt.file.EncryptedKeyring",  # a passphrase file, not the OS
        "keyring.backends.chainer.ChainerBackend",  # all viable ones: the plaintext file
        "no_such_module.Keyring",  # cannot be loaded: no traceback either
    ],
)
def test_a_backend_named_in_python_keyring_backend_is_refused(
    tmp_path: Path, variable: str
) -> None:
    report = _probe(tmp_path, variable)
    _assert_kept_for_the_session_only(tmp_path, report)
    assert report["reason"]


def test_a_plaintext_backend_chosen_in_keyringrc_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir(parents=True)
    config.write_text(f"[backend]\ndefault-keyring = {PLAINTEXT}\n", encoding="utf-8")
    report = _probe(tmp_path)
    assert report["configured"] == "PlaintextKeyring"
    _assert_kept_for_the_session_only(tmp_path, report)
    assert "PlaintextKeyring" in str(report["reason"])
