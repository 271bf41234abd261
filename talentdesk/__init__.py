"""TalentDesk: a desktop talent-pool manager for recruiters."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("talentdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "TalentDesk"
