#!/usr/bin/env bash
# Build the one-folder application dist/TalentDesk/ (executable dist/TalentDesk/TalentDesk).
#
#   packaging/build.sh           build when the sources changed since the last build
#   packaging/build.sh --force   build anyway
#
# Idempotent: the bundle is rebuilt only when a hash of pyproject.toml, packaging/ and the
# talentdesk sources (talentdesk/resources included) differs from the one stored in
# build/bundle.hash (build/ and dist/ are git-ignored). Prints the bundle's path last.
set -euo pipefail

root="$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
"$root/scripts/bootstrap.sh" run
cd -- "$root"

force=0
case "${1:-}" in
    --force) force=1 ;;
    "") ;;
    *)
        echo "usage: packaging/build.sh [--force]" >&2
        exit 2
        ;;
esac

venv="$root/.venv"
bundle="$root/dist/TalentDesk"
stamp="$root/build/bundle.hash"

sources_hash() {
    find pyproject.toml packaging talentdesk -type f \
        ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# PyInstaller lives in the optional "packaging" extra, installed once per pyproject.toml.
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
have=""
[[ -f "$venv/.talentdesk-packaging-installed" ]] && have="$(<"$venv/.talentdesk-packaging-installed")"
if [[ "$want" != "$have" ]]; then
    echo "build: installing the packaging tools into .venv (pip install -e '.[packaging]')" >&2
    PYTHONWARNINGS=ignore "$venv/bin/python" -m pip -q --disable-pip-version-check \
        install -e '.[packaging]'
    printf '%s\n' "$want" >"$venv/.talentdesk-packaging-installed"
fi

hash="$(sources_hash)"
if [[ $force -eq 0 && -x "$bundle/TalentDesk" && -f "$stamp" && "$(<"$stamp")" == "$hash" ]]; then
    echo "build: $bundle is up to date" >&2
    echo "$bundle"
    exit 0
fi

echo "build: building $bundle with PyInstaller" >&2
started=$SECONDS
mkdir -p build
rm -f -- "$stamp" # a failed build must not pass for a current one
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" packaging/talentdesk.spec >&2
printf '%s\n' "$hash" >"$stamp"
echo "build: done in $((SECONDS - started)) s; $(du -sh "$bundle" | cut -f1) on disk" >&2
echo "$bundle"
