"""TalentDesk: a desktop talent-pool manager for recruiters."""

APP_NAME = "TalentDesk"
# The reverse-DNS id of the desktop entry, icon, metainfo and LaunchAgent (packaging/ uses it).
APP_ID = "com.talentdesk.TalentDesk"


def __getattr__(name: str) -> str:
    # The version is looked up on first use: importlib.metadata costs ~20 ms at start-up.
    if name == "__version__":
        found = _version_from_dist_info()
        if found is not None:
            return found
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("talentdesk")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(name)


def _version_from_dist_info() -> str | None:
    """The installed version from its `talentdesk-X.Y.Z.dist-info` folder's name, as
    importlib.metadata finds it but without parsing METADATA (50 ms of `talentdesk info`)."""
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")  # noqa: PTH208 (cheaper: no Path objects)
        except OSError:
            continue
        for name in names:
            if name.startswith("talentdesk-") and name.endswith(".dist-info"):
                return name[len("talentdesk-") : -len(".dist-info")]
    return None
