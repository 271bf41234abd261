"""Dovecot's configuration for the tests' throw-away instances (tests/imap_server.py), and the
watchdog that ends an instance's processes."""

from __future__ import annotations

import grp
import os
import pwd
from dataclasses import dataclass
from pathlib import Path

from tests.mail_server import Certificates

# Special-use folders created (and subscribed) for every user, as a real provider's.
SPECIAL_USE = {"Sent": "\\Sent", "Drafts": "\\Drafts", "Trash": "\\Trash", "Junk": "\\Junk"}


@dataclass(frozen=True)
class Owner:
    """Who runs Dovecot's processes and owns the mail: Dovecot's own users under root, the
    current user otherwise."""

    login_user: str
    internal_user: str
    internal_group: str
    uid: int
    gid: int

    @staticmethod
    def here() -> Owner:
        if os.geteuid() == 0:
            mail = pwd.getpwnam("dovecot")
            return Owner("dovenull", "dovecot", "dovecot", mail.pw_uid, mail.pw_gid)
        me = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(me.pw_gid).gr_name
        return Owner(me.pw_name, me.pw_name, group, me.pw_uid, me.pw_gid)


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_login_user = {owner.login_user}
default_internal_user = {owner.internal_user}
default_internal_group = {owner.internal_group}
first_valid_uid = 1
first_valid_gid = 1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
# A wrong password is answered at once.
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
mail_fsync = never
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users/%u
  default_fields = uid={owner.uid} gid={owner.gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
service auth-worker {{
  user = {owner.internal_user}
}}
# No penalty for failed log-ins: a test of a wrong password must not slow the next tests down
# (the auth process finds no penalty socket to report to).
service anvil {{
{unprivileged}  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
{unprivileged}  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
"""


def dovecot_config(
    root: Path,
    certificates: Certificates,
    owner: Owner,
    ports: tuple[int, int],
    special_use: dict[str, str],
) -> str:
    mailboxes = "".join(
        f'  mailbox "{name}" {{\n    special_use = {flag}\n    auto = subscribe\n  }}\n'
        for name, flag in special_use.items()
    )
    return CONFIG.format(
        root=root,
        owner=owner,
        cert=certificates.cert_file,
        key=certificates.key_file,
        mailboxes=mailboxes,
        imap_port=ports[0],
        imaps_port=ports[1],
        # Without root there is no chroot (and no other user to become).
        unprivileged="" if os.geteuid() == 0 else "  chroot =\n",
    )


# Ends Dovecot's whole process group (argv[1]) once its standard input closes: when the server is
# stopped, or when the test process dies (a timeout, ^C) and leaves no one else to do it; then
# it also removes the server's folder (argv[2]). Dovecot's
# own `stop` signals only its master, and the children it leaves keep connections open.
WATCHDOG = """
import os, shutil, signal, sys, time
group = int(sys.argv[1])  # also the master's pid

# live (not zombie) processes of the group; /proc/PID/stat: state, ppid, pgrp
def alive(but_master):
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                state, _, pgrp = stat.read().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if state != "Z" and int(pgrp) == group and not (but_master and int(pid) == group):
            return True
    return False

def wait(but_master):
    deadline = time.monotonic() + 5
    while alive(but_master) and time.monotonic() < deadline:
        time.sleep(0.01)

told = sys.stdin.buffer.read()  # b"stop" from stop(); nothing if the test process died
try:
    os.killpg(group, signal.SIGTERM)
    wait(but_master=True)  # the master then idles a second before it exits: no need to wait
    os.killpg(group, signal.SIGKILL)
    wait(but_master=False)
except ProcessLookupError:
    pass
if told != b"stop":
    shutil.rmtree(sys.argv[2], ignore_errors=True)
"""
