#!/usr/bin/env bash
# Prepare what TalentDesk needs, for running it or for testing it:
#   1. Debian packages (installed automatically when run as root or with
#      passwordless sudo, otherwise the missing ones are listed);
#   2. a Python >= 3.11 virtual environment in <repo>/.venv;
#   3. `pip install -e .` (run) or `pip install -e '.[dev]'` (test), redone
#      only when pyproject.toml changes.
#
#   scripts/bootstrap.sh [run]         what the app needs to run (scripts/launch)
#   scripts/bootstrap.sh test          that, plus what the tests need (scripts/test)
#   scripts/bootstrap.sh --list [MODE] print the Debian packages of MODE, one a line
#
# Idempotent: a second run with nothing to do takes well under a second.
# Works from any working directory.
set -euo pipefail

_td_self="$(readlink -f -- "${BASH_SOURCE[0]}")"
TALENTDESK_ROOT="$(cd -- "$(dirname -- "$_td_self")/.." && pwd -P)"
export TALENTDESK_ROOT
unset _td_self

_td_log() { printf 'bootstrap: %s\n' "$*" >&2; }
_td_die() {
    printf 'bootstrap: error: %s\n' "$*" >&2
    exit 1
}

# What the app needs to run: Qt's xcb platform and its libraries, fonts, and the
# session bus and Secret Service that keep the mail password. python3.X-venv
# (for the interpreter chosen) is added when .venv has to be created.
_td_run_debs=(
    python3 gnome-keyring dbus dbus-x11
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    libxcb-xfixes0 libxcb-shm0 libxcb-sync1
    libxrender1 libxi6 libsm6 libice6 libfontconfig1 libfreetype6
    libdbus-1-3 libglib2.0-0 fonts-dejavu-core
)
# Only the tests (and the screenshots and benchmarks) use these: a virtual
# screen, a tray to dock into, image tools, the desktop-file validators, and
# Dovecot, whose throw-away instances (tests/imap_server.py) are the IMAP
# server the mail sync is tested against. Installing it starts no system
# Dovecot where there is no init to start it (a container); where one does
# start, it keeps ports 143/993 and the tests still use their own free ports.
# PostgreSQL likewise: team mode is tested against throw-away clusters
# (tests/pg_server.py: initdb, pg_ctl on a free port), never the system one;
# postgresql-contrib brings unaccent and pg_trgm (a dependency of postgresql
# on current Debian, named for older releases).
_td_test_debs=(xvfb xauth trayer imagemagick appstream desktop-file-utils dovecot-imapd
    postgresql postgresql-contrib)

_td_apt_lock_wait=600 # seconds apt-get waits for another apt or dpkg to finish

# Prints "PACKAGE STATE" for each named package dpkg knows; STATE is dpkg's
# db:Status-Status (installed, half-installed, config-files, ...).
_td_deb_states() {
    dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true
}

# Sorts packages $@ into missing (stdout) and broken (stderr warnings).
# Newer releases renamed some libraries with a "t64" suffix (e.g.
# libglib2.0-0t64); those count too. A package dpkg left half-installed or
# unconfigured is not "missing": apt-get would try (and likely fail) again on
# every run, so it is named with the command that finishes it instead.
_td_missing_debs() {
    local -A state=()
    local name status pkg
    local -a names=()
    for pkg in "$@"; do names+=("$pkg" "${pkg}t64"); done
    while read -r name status; do
        [[ -n $name ]] || continue
        # Several architectures may be listed; any installed one will do.
        [[ ${state[$name]:-} == ok ]] && continue
        case $status in
            installed | triggers-pending | triggers-awaited) state[$name]=ok ;;
            half-installed | unpacked | half-configured) state[$name]=$status ;;
            *) : ;;
        esac
    done < <(_td_deb_states "${names[@]}")
    for pkg in "$@"; do
        if [[ ${state[$pkg]:-} == ok || ${state[${pkg}t64]:-} == ok ]]; then
            continue
        fi
        status=${state[$pkg]:-${state[${pkg}t64]:-}}
        if [[ -n $status ]]; then
            _td_log "warning: the Debian package $pkg is $status; finish it with: sudo dpkg --configure -a   (or: sudo apt-get install --reinstall $pkg)"
        else
            printf '%s\n' "$pkg"
        fi
    done
}

_td_have_apt() {
    command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1
}

# Installs the packages among $@ that are really missing, waiting for apt's
# lock rather than failing when another apt or dpkg is running.
_td_ensure_debs() {
    if ! _td_have_apt; then
        _td_log "not a Debian-based system: skipping the system package check."
        _td_log "make sure the Qt xcb libraries, dbus and gnome-keyring are installed (and, to run the tests, Xvfb, xauth, trayer, ImageMagick, appstream, desktop-file-utils, Dovecot's IMAP server and PostgreSQL)."
        return 0
    fi

    local -a missing
    mapfile -t missing < <(_td_missing_debs "$@")
    [[ ${#missing[@]} -eq 0 ]] && return 0

    local -a sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            _td_log "missing system packages: ${missing[*]}"
            _td_log "install them with:"
            _td_log "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
            return 0
        fi
    fi

    local -a apt=(apt-get -o "DPkg::Lock::Timeout=$_td_apt_lock_wait")
    _td_log "installing system packages: ${missing[*]}"
    if ! "${sudo[@]+"${sudo[@]}"}" "${apt[@]}" update -qq; then
        _td_log "warning: apt-get update failed; trying to install anyway."
    fi
    if ! "${sudo[@]+"${sudo[@]}"}" env DEBIAN_FRONTEND=noninteractive \
        "${apt[@]}" install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
        _td_log "warning: apt-get install failed; still missing: $(_td_missing_debs "${missing[@]}" 2>/dev/null | tr '\n' ' ')"
    fi
}

# Prints "MAJOR.MINOR" of interpreter $1; succeeds when it is Python >= 3.11.
_td_python_ok() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

_td_find_python() {
    local candidate
    for candidate in python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && _td_python_ok "$candidate" >/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# Debian ships venv's ensurepip in python3.X-venv, one per interpreter;
# other builds (pyenv, python.org, Fedora) have it built in.
_td_can_make_venv() {
    "$1" -c 'import ensurepip, venv' >/dev/null 2>&1
}

_td_venv_package() {
    printf 'python%s-venv\n' "$(_td_python_ok "$1")"
}

# No Python >= 3.11: say which one there is and what to install.
_td_die_old_python() {
    local found=""
    if command -v python3 >/dev/null 2>&1; then
        found="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
    fi
    if [[ -n $found ]]; then
        _td_log "TalentDesk needs Python 3.11 or newer; python3 here is Python $found."
    else
        _td_log "TalentDesk needs Python 3.11 or newer; none was found (tried python3, python3.13, python3.12, python3.11)."
    fi
    if _td_have_apt; then
        _td_log "install python3.11 and python3.11-venv:"
        _td_log "  sudo apt-get update && sudo apt-get install -y python3.11 python3.11-venv"
        _td_log "(on Ubuntu 22.04 they are in the universe component; on older releases, in the deadsnakes PPA)"
    else
        _td_log "install Python 3.11 or newer with its venv module from your distribution."
    fi
    _td_die "no Python >= 3.11; install it as above, then re-run this command."
}

# State of .venv: "ok", "absent" (no interpreter), "stale" (interpreter
# < 3.11 or without pip, e.g. a venv left half-made when python3.X-venv was
# missing, or a link to a removed interpreter) or "unusable" (exists but
# cannot be run by this user).
_td_venv_state() {
    local venv_py="$TALENTDESK_ROOT/.venv/bin/python"
    if [[ -e "$venv_py" ]]; then
        if ! "$venv_py" -c 'pass' >/dev/null 2>&1; then
            echo unusable
        elif _td_python_ok "$venv_py" >/dev/null && "$venv_py" -c 'import pip' 2>/dev/null; then
            echo ok
        else
            echo stale
        fi
    elif [[ -L "$venv_py" ]]; then
        echo stale
    else
        echo absent
    fi
}

_td_pyproject_hash() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$TALENTDESK_ROOT/pyproject.toml" | cut -d' ' -f1
    else
        "$TALENTDESK_ROOT/.venv/bin/python" -c \
            'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
            "$TALENTDESK_ROOT/pyproject.toml"
    fi
}

# Creates .venv with $1 (a Python >= 3.11 that can make virtual environments)
# unless it is already usable.
_td_create_venv() {
    local python=$1 venv="$TALENTDESK_ROOT/.venv"
    local flags=()
    # A stale or half-made environment is rebuilt in place.
    [[ -e "$venv" ]] && flags=(--clear)
    _td_log "creating $venv with $python ($(_td_python_ok "$python"))"
    "$python" -m venv "${flags[@]+"${flags[@]}"}" "$venv" \
        || _td_die "could not create $venv with $python."
    rm -f "$venv/.talentdesk-pip-upgraded" "$venv/.talentdesk-installed"
}

# pip-installs talentdesk for mode $1: "run" needs the package, "test" its dev
# extras too. The stamp holds pyproject.toml's hash and the mode installed; a
# test install serves both modes (an old stamp without a mode was a test one).
_td_install_package() {
    local mode=$1 venv="$TALENTDESK_ROOT/.venv"
    local pip=("$venv/bin/python" -m pip -q --disable-pip-version-check)

    if [[ ! -e "$venv/.talentdesk-pip-upgraded" ]]; then
        "${pip[@]}" install --upgrade pip || _td_die "upgrading pip failed."
        : >"$venv/.talentdesk-pip-upgraded"
    fi

    local want have="" have_mode="" target=. stamp="$venv/.talentdesk-installed"
    want="$(_td_pyproject_hash)"
    [[ -f "$stamp" ]] && read -r have have_mode <"$stamp"
    [[ -n $have && -z $have_mode ]] && have_mode=test
    if [[ "$want" == "$have" && ($mode == run || $have_mode == test) ]]; then
        return 0
    fi
    [[ $mode == test ]] && target='.[dev]'
    _td_log "installing talentdesk into .venv (pip install -e '$target')"
    # PYTHONWARNINGS silences the build backend's deprecation chatter;
    # real errors are still printed and make pip fail.
    (cd -- "$TALENTDESK_ROOT" && PYTHONWARNINGS=ignore "${pip[@]}" install -e "$target") \
        || _td_die "pip install -e '$target' failed (see the errors above)."
    printf '%s %s\n' "$want" "$mode" >"$stamp"
}

# The Debian packages of mode $1; with $2 (an interpreter), also its venv
# package when it cannot make virtual environments yet.
_td_debs_for() {
    local mode=$1 python=${2:-}
    printf '%s\n' "${_td_run_debs[@]}"
    [[ $mode == test ]] && printf '%s\n' "${_td_test_debs[@]}"
    if [[ -n $python ]] && ! _td_can_make_venv "$python"; then
        _td_venv_package "$python"
    fi
    return 0
}

_td_setup() {
    local mode=$1 state python=""
    local venv="$TALENTDESK_ROOT/.venv"
    state="$(_td_venv_state)"
    # Never rebuild an environment this user does not own (it may belong to
    # someone else, or its interpreter may just be unreadable for us).
    if [[ $state == unusable || ($state != ok && -e "$venv" && ! -w "$venv") ]]; then
        _td_die "$venv exists but is not usable by $(id -un); fix its permissions or remove it and re-run."
    fi
    [[ $state != ok ]] && python="$(_td_find_python || true)"

    local -a debs
    mapfile -t debs < <(_td_debs_for "$mode" "$python")
    _td_ensure_debs "${debs[@]}"

    if [[ $state != ok ]]; then
        # python3 itself may just have been installed.
        [[ -n $python ]] || python="$(_td_find_python)" || _td_die_old_python
        if ! _td_can_make_venv "$python"; then
            local package
            package="$(_td_venv_package "$python")"
            _td_log "$package is required to create the virtual environment with $python."
            _td_die "run: sudo apt-get install -y $package   (then re-run this command)"
        fi
        _td_create_venv "$python"
    fi
    _td_install_package "$mode"
}

_td_bootstrap() {
    local mode=run list=0
    if [[ ${1:-} == --list ]]; then
        list=1
        shift
    fi
    case "${1:-run}" in
        run | test) mode=${1:-run} ;;
        *)
            printf 'usage: scripts/bootstrap.sh [--list] [run|test]\n' >&2
            exit 2
            ;;
    esac
    if [[ $list -eq 1 ]]; then
        _td_debs_for "$mode" "$(_td_find_python || true)"
        return 0
    fi

    # Serialise concurrent runs (e.g. two `scripts/test` at once) so they do
    # not pip-install into the same environment simultaneously. The lock file
    # lives outside .venv because a broken .venv is recreated with --clear.
    if command -v flock >/dev/null 2>&1; then
        local key
        key="$(printf '%s' "$TALENTDESK_ROOT" | cksum | cut -d' ' -f1)"
        exec 9>"${TMPDIR:-/tmp}/talentdesk-bootstrap-$(id -u)-$key.lock"
        flock 9
    fi
    _td_setup "$mode"
    if command -v flock >/dev/null 2>&1; then
        flock -u 9
        exec 9>&-
    fi
}

_td_bootstrap "$@"
