#!/usr/bin/env bash
# Remove what install.sh installed for the current user: the files its manifest lists and the
# app folder ~/.local/opt/TalentDesk/app. The user's data ($XDG_DATA_HOME/TalentDesk: the
# database, backups, logs) is never touched.
#
# Usage: packaging/linux/uninstall.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$here/common.sh"

if [[ ! -f $MANIFEST ]]; then
    echo "TalentDesk is not installed for this user ($MANIFEST does not exist); nothing to remove."
    exit 0
fi

remove_listed_files "$MANIFEST"
rm -rf -- "$APP_ROOT/app" "$APP_ROOT/app.new"
rm -f -- "$MANIFEST"
rmdir -- "$APP_ROOT" 2>/dev/null || true
refresh_caches
echo "Removed TalentDesk. Your data in $DATA_HOME/TalentDesk was left as it was."
