#!/usr/bin/env bash
# Install a built TalentDesk bundle for the current user, so it appears in the application menu:
#   the bundle      → ~/.local/opt/TalentDesk/app/
#   the menu entry  → $XDG_DATA_HOME/applications/com.talentdesk.TalentDesk.desktop
#   the icons       → $XDG_DATA_HOME/icons/hicolor/{16x16…512x512,scalable}/apps/
#   the metainfo    → $XDG_DATA_HOME/metainfo/
# ($XDG_DATA_HOME defaults to ~/.local/share). Every file written is listed in
# ~/.local/opt/TalentDesk/install-manifest.txt for uninstall.sh. Running it again replaces the
# previous installation.
#
# Usage: packaging/linux/install.sh [BUNDLE_DIR]   (default: dist/TalentDesk of this checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# The desktop entry, metainfo and icons are package data (they travel in the wheel too).
resources=$repo/talentdesk/resources
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$here/common.sh"

readonly ICON_SIZES=(16 24 32 48 64 128 256 512)
bundle=${1:-$repo/dist/TalentDesk}

if [[ ! -f $bundle/TalentDesk || ! -x $bundle/TalentDesk ]]; then
    echo "install.sh: no TalentDesk bundle at $bundle (no executable $bundle/TalentDesk)." >&2
    echo "Build it first with packaging/build.sh, or pass the bundle folder: $0 BUNDLE_DIR" >&2
    exit 1
fi
bundle=$(cd "$bundle" && pwd -P)
if [[ $bundle == "$(cd "$APP_ROOT/app" 2>/dev/null && pwd -P)" ]]; then
    echo "install.sh: $bundle is the installed copy; pass the bundle you built." >&2
    exit 1
fi
if [[ $APP_ROOT == *$'\n'* ]]; then
    echo "install.sh: $APP_ROOT contains a line break; a menu entry cannot run it." >&2
    exit 1
fi

# As a string value, Exec escapes `\`; inside its double quotes `"`, `` ` ``, `$` and `\` are
# escaped as well, and `%` is doubled so it is not read as a field code (Desktop Entry spec).
exec_value() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//\`/\\\`}
    s=${s//\$/\\\$}
    s=\"${s//%/%%}\"
    printf '%s' "${s//\\/\\\\}"
}

# Files of an earlier installation go first, so a file this version no longer ships is not left.
if [[ -f $MANIFEST ]]; then
    remove_listed_files "$MANIFEST"
fi

# Copy beside the old app and swap, so a failed copy leaves the previous installation working.
mkdir -p "$APP_ROOT"
rm -rf "$APP_ROOT/app.new"
cp -a "$bundle" "$APP_ROOT/app.new"
rm -rf "$APP_ROOT/app"
mv "$APP_ROOT/app.new" "$APP_ROOT/app"
executable=$APP_ROOT/app/TalentDesk

# Each path is listed before it is written, so an interrupted run still leaves it to uninstall.
printf '# Written by packaging/linux/install.sh; uninstall.sh removes these files and %s.\n' \
    "$APP_ROOT/app" >"$MANIFEST"
place() {  # place SOURCE TARGET
    printf '%s\n' "$2" >>"$MANIFEST"
    install -D -m 644 -- "$1" "$2"
}

desktop=$DATA_HOME/applications/$APP_ID.desktop
printf '%s\n' "$desktop" >>"$MANIFEST"
mkdir -p "${desktop%/*}"
EXEC_VALUE=$(exec_value "$executable") TRY_EXEC_VALUE=${executable//\\/\\\\} awk '
    /^#/ { next }
    /^Exec=/ { print "Exec=" ENVIRON["EXEC_VALUE"]; next }
    /^TryExec=/ { print "TryExec=" ENVIRON["TRY_EXEC_VALUE"]; next }
    { print }
' "$resources/linux/$APP_ID.desktop" >"$desktop"
chmod 644 "$desktop"

icons=$resources/icons
for size in "${ICON_SIZES[@]}"; do
    place "$icons/talentdesk-$size.png" "$DATA_HOME/icons/hicolor/${size}x$size/apps/$APP_ID.png"
done
place "$icons/talentdesk.svg" "$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
place "$resources/linux/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/$APP_ID.metainfo.xml"

refresh_caches
echo "Installed TalentDesk into $APP_ROOT/app; it is in the application menu as TalentDesk."
echo "Your data stays in $DATA_HOME/TalentDesk. To remove the app: $here/uninstall.sh"
