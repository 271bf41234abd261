"""The metrics as one service: each figure a separate call, read on a connection of its own
(call it from any thread but the GUI's; it never waits for the writer)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.mail.templates import STARTER_TEMPLATES
from talentdesk.core.metrics.health import health_figure
from talentdesk.core.metrics.lookup import Lookup, Opener
from talentdesk.core.metrics.loop import loop_figure
from talentdesk.core.metrics.memo import Memo
from talentdesk.core.metrics.model import FIGURES, Figure, Filters
from talentdesk.core.metrics.pipeline import pipeline_figure
from talentdesk.core.metrics.replies import reply_figure
from talentdesk.core.metrics.response import response_figure
from talentdesk.core.metrics.sources import sources_figure

_SERVER_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"


class Metrics:
    """The figures over one read connection (tests, the command line, the benchmark)."""

    def __init__(
        self, reader: ReadConnection, clock: Clock = utcnow, opener: Opener | None = None
    ) -> None:
        self._reader = reader
        self._clock = clock
        self._memo = Memo()  # figures asked for in turn share what they read
        # The people behind a number are read when asked for, on `opener`'s connection.
        self._lookup = Lookup.over(reader) if opener is None else Lookup(opener)

    @property
    def reader(self) -> ReadConnection:
        return self._reader

    def replies(self, filters: Filters) -> Figure:
        """Reply rate of sent mail: overall, by template, by bulk send, by pool, by month."""
        return reply_figure(self._reader, filters, self._memo)

    def response_times(self, filters: Filters) -> Figure:
        """Hours to respond, median and 90th percentile: candidates', and the recruiter's."""
        return response_figure(self._reader, filters, self._lookup)

    def closing_loop(self, filters: Filters) -> Figure:
        """Who reached not-a-fit/declined/withdrawn, got feedback (and how fast), is owed it."""
        return loop_figure(self._reader, filters, self._lookup)

    def pipeline(self, filters: Filters) -> Figure:
        """Conversion and days per stage kind; per vacancy: applications per hire, time to hire."""
        return pipeline_figure(self._reader, filters, self._memo)

    def sources(self, filters: Filters) -> Figure:
        """Applications, interviews and hires by where the candidates came from."""
        return sources_figure(self._reader, filters, self._memo)

    def pool_health(self, filters: Filters) -> Figure:
        """Members in touch / losing touch / lost per week; contacts logged per week."""
        return health_figure(self._reader, filters, self._clock(), self._lookup)

    def figure(self, key: str, filters: Filters) -> Figure:
        """One figure by its key (see model.FIGURES)."""
        calls: dict[str, Callable[[Filters], Figure]] = {
            "replies": self.replies,
            "response_times": self.response_times,
            "closing_loop": self.closing_loop,
            "pipeline": self.pipeline,
            "sources": self.sources,
            "pool_health": self.pool_health,
        }
        return calls[key](filters)

    def all(self, filters: Filters) -> list[Figure]:
        return [self.figure(key, filters) for key, _ in FIGURES]

    def template_names(self) -> list[str]:
        """The templates a filter can name: stored ones, the starters, and any that sent mail
        names (one deleted since), each once whatever its case."""
        found: dict[str, str] = {}
        stored = self._reader.execute(
            "SELECT name FROM mail_template UNION ALL SELECT DISTINCT template_name"
            " FROM outbox_message WHERE template_name IS NOT NULL"
        )
        for name in [n for (n,) in stored] + [t.name for t in STARTER_TEMPLATES]:
            found.setdefault(name.casefold(), name)
        return sorted(found.values(), key=str.casefold)


class MetricsService:
    """What the workspace offers: every call opens a read connection of its own (`connect`: the
    local file's or a team database's), so the window computes figures on worker threads, one
    by one, while the GUI thread stays free."""

    def __init__(self, connect: Callable[[], ReadConnection], clock: Clock = utcnow) -> None:
        self._connect = connect
        self._clock = clock

    def _opener(self) -> closing[ReadConnection]:
        """A connection of its own for the people behind a number (asked for later)."""
        return closing(self._connect())

    @contextmanager
    def _metrics(self) -> Iterator[Metrics]:
        reader = self._connect()
        try:
            yield Metrics(reader, self._clock, self._opener)
        finally:
            reader.close()

    def figure(self, key: str, filters: Filters) -> Figure:
        """One figure (key from model.FIGURES): "replies", "response_times", "closing_loop",
        "pipeline", "sources", "pool_health"."""
        with self._metrics() as metrics:
            return metrics.figure(key, filters)

    @contextmanager
    def snapshot(self) -> Iterator[Metrics]:
        """Figures asked for in turn on one read transaction: they agree with each other and
        share what they read (the mail for reply rate and time to respond, the applications for
        pipeline and sources). Use it on the thread that opened it, then let it go: it holds
        a snapshot of the database while open."""
        with self._metrics() as metrics:
            reader = metrics.reader
            # A server's snapshot is a repeatable-read transaction (read committed, its default,
            # gives each statement its own).
            reader.execute(_SERVER_BEGIN if on_server(reader) else "BEGIN")
            try:
                yield metrics
            finally:
                reader.execute("COMMIT")

    def all(self, filters: Filters) -> list[Figure]:
        with self.snapshot() as metrics:
            return metrics.all(filters)

    def template_names(self) -> list[str]:
        with self._metrics() as metrics:
            return metrics.template_names()
