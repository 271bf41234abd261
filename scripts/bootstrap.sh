#!/usr/bin/env bash
# Prepare everything TalentDesk needs to run and to be tested:
#   1. Debian packages (installed automatically when run as root or with
#      passwordless sudo, otherwise the missing ones are listed);
#   2. a Python >= 3.11 virtual environment in <repo>/.venv;
#   3. `pip install -e '.[dev]'`, redone only when pyproject.toml changes.
#
# Idempotent: a second run with nothing to do takes well under a second.
# Works from any working directory. Normally run by scripts/launch,
# scripts/test and scripts/screenshots; it can also be run directly.
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

_td_required_debs=(
    python3 python3-venv python3-pip
    xvfb xauth trayer gnome-keyring dbus dbus-x11
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    libxcb-xfixes0 libxcb-shm0 libxcb-sync1
    libxrender1 libxi6 libsm6 libice6 libfontconfig1 libfreetype6
    libdbus-1-3 libglib2.0-0 fonts-dejavu-core imagemagick desktop-file-utils appstream
)

# True when Debian package $1 is installed. Newer releases renamed some
# libraries with a "t64" suffix (e.g. libglib2.0-0t64); accept those too so
# the check stays idempotent there.
_td_deb_installed() {
    local name
    for name in "$1" "$1t64"; do
        if dpkg-query -W -f='${Status}\n' "$name" 2>/dev/null | grep -q 'install ok installed'; then
            return 0
        fi
    done
    return 1
}

_td_missing_debs() {
    local pkg
    for pkg in "${_td_required_debs[@]}"; do
        _td_deb_installed "$pkg" || printf '%s\n' "$pkg"
    done
}

_td_ensure_debs() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        _td_log "not a Debian-based system: skipping the system package check."
        _td_log "make sure Xvfb, xauth, dbus, gnome-keyring and the Qt xcb libraries are installed."
        return 0
    fi

    local -a missing
    mapfile -t missing < <(_td_missing_debs)
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

    _td_log "installing system packages: ${missing[*]}"
    if ! "${sudo[@]+"${sudo[@]}"}" apt-get update -qq; then
        _td_log "warning: apt-get update failed; trying to install anyway."
    fi
    if ! "${sudo[@]+"${sudo[@]}"}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
        _td_log "warning: apt-get install failed; still missing: $(_td_missing_debs | tr '\n' ' ')"
    fi
}

# Prints "MAJOR.MINOR" and succeeds when interpreter $1 is Python >= 3.11.
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

# State of .venv: "ok", "absent" (no interpreter), "stale" (interpreter
# < 3.11 or without pip, e.g. a venv left half-made when python3-venv was
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

_td_ensure_venv() {
    local venv="$TALENTDESK_ROOT/.venv"
    local venv_py="$venv/bin/python"
    local pip=("$venv_py" -m pip -q --disable-pip-version-check)

    local state
    state="$(_td_venv_state)"
    # Never rebuild an environment this user does not own (it may belong to
    # someone else, or its interpreter may just be unreadable for us).
    if [[ $state == unusable || ($state != ok && -e "$venv" && ! -w "$venv") ]]; then
        _td_die "$venv exists but is not usable by $(id -un); fix its permissions or remove it and re-run."
    fi
    if [[ $state != ok ]]; then
        if ! _td_deb_installed python3-venv 2>/dev/null && command -v dpkg-query >/dev/null 2>&1 \
            && [[ $(id -u) -ne 0 ]]; then
            _td_log "python3-venv is required to create the virtual environment."
            _td_die "run: sudo apt-get install -y python3-venv   (then re-run this command)"
        fi
        local python
        python="$(_td_find_python)" \
            || _td_die "Python >= 3.11 not found (tried python3, python3.13, python3.12, python3.11)."
        local flags=()
        # A stale or half-made environment is rebuilt in place.
        [[ -e "$venv" ]] && flags=(--clear)
        _td_log "creating $venv with $python ($(_td_python_ok "$python"))"
        "$python" -m venv "${flags[@]+"${flags[@]}"}" "$venv" \
            || _td_die "could not create $venv (is python3-venv installed?)"
        rm -f "$venv/.talentdesk-pip-upgraded" "$venv/.talentdesk-installed"
    fi

    if [[ ! -e "$venv/.talentdesk-pip-upgraded" ]]; then
        "${pip[@]}" install --upgrade pip || _td_die "upgrading pip failed."
        : >"$venv/.talentdesk-pip-upgraded"
    fi

    local want have=""
    want="$(_td_pyproject_hash)"
    [[ -f "$venv/.talentdesk-installed" ]] && have="$(<"$venv/.talentdesk-installed")"
    if [[ "$want" != "$have" ]]; then
        _td_log "installing talentdesk and its dev dependencies into .venv (pip install -e '.[dev]')"
        # PYTHONWARNINGS silences the build backend's deprecation chatter;
        # real errors are still printed and make pip fail.
        (cd -- "$TALENTDESK_ROOT" && PYTHONWARNINGS=ignore "${pip[@]}" install -e '.[dev]') \
            || _td_die "pip install -e '.[dev]' failed (see the errors above)."
        printf '%s\n' "$want" >"$venv/.talentdesk-installed"
    fi
}

_td_bootstrap() {
    # Serialise concurrent runs (e.g. two `scripts/test` at once) so they do
    # not pip-install into the same environment simultaneously. The lock file
    # lives outside .venv because a broken .venv is recreated with --clear.
    if command -v flock >/dev/null 2>&1; then
        local key
        key="$(printf '%s' "$TALENTDESK_ROOT" | cksum | cut -d' ' -f1)"
        exec 9>"${TMPDIR:-/tmp}/talentdesk-bootstrap-$(id -u)-$key.lock"
        flock 9
    fi
    _td_ensure_debs
    _td_ensure_venv
    if command -v flock >/dev/null 2>&1; then
        flock -u 9
        exec 9>&-
    fi
}

_td_bootstrap
