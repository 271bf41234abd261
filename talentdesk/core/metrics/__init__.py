"""Engagement metrics (issue 15): figures as tables, computed with SQL on read connections."""

from talentdesk.core.metrics.model import FIGURES, Column, Figure, Filters, Number, Row, Table
from talentdesk.core.metrics.service import Metrics, MetricsService

__all__ = [
    "FIGURES",
    "Column",
    "Figure",
    "Filters",
    "Metrics",
    "MetricsService",
    "Number",
    "Row",
    "Table",
]
