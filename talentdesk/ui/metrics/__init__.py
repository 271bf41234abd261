"""The window's Metrics view: figures computed by the core (talentdesk.core.metrics) off the
GUI thread, drawn with Qt Charts, each with the table behind it."""
