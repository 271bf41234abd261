"""TalentDesk: a desktop talent-pool manager for recruiters."""

APP_NAME = "TalentDesk"
# The reverse-DNS id of the desktop entry, icon, metainfo and LaunchAgent (packaging/ uses it).
APP_ID = "com.talentdesk.TalentDesk"


def __getattr__(name: str) -> str:
    # The version is looked up on first use: importlib.metadata costs ~20 ms at start-up.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("talentdesk")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(name)
