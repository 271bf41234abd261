# Shared by install.sh and uninstall.sh, so both agree on every path they touch.
# shellcheck shell=bash

readonly APP_ID=com.talentdesk.TalentDesk

if [[ ${HOME:-} != /* ]]; then
    echo "${0##*/}: HOME is not set to an absolute path; refusing to guess where to install." >&2
    exit 1
fi
# The XDG Base Directory spec says to ignore an unset, empty or relative XDG_DATA_HOME.
DATA_HOME=${XDG_DATA_HOME:-}
[[ $DATA_HOME == /* ]] || DATA_HOME=$HOME/.local/share
# The app lives outside the data folder (platformdirs' $DATA_HOME/TalentDesk holds the user's
# database), so removing the app can never reach the user's data.
readonly APP_ROOT=$HOME/.local/opt/TalentDesk
# shellcheck disable=SC2034  # used by install.sh and uninstall.sh
readonly MANIFEST=$APP_ROOT/install-manifest.txt
readonly DATA_HOME

# Delete the files a manifest lists. Only absolute paths named after the app id are deleted,
# so a damaged or edited manifest cannot remove anything else.
remove_listed_files() {
    local path
    while IFS= read -r path; do
        [[ -z $path || $path == \#* ]] && continue
        if [[ $path == /* && ${path##*/} == "$APP_ID".* ]]; then
            rm -f -- "$path"
        else
            echo "${0##*/}: skipping '$path': not a file TalentDesk installs" >&2
        fi
    done <"$1"
}

# The menu and icon caches are optional; desktops without them rescan the folders themselves.
refresh_caches() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$DATA_HOME/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor" || true
    fi
}
