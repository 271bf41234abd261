"""Demo content: a small, realistic sample for first-run users (`sample`), and bulk synthetic
data for demos and benchmarks (`seed`)."""

from talentdesk.core.demo.sample import SampleSummary, load_sample_data
from talentdesk.core.demo.seed import SeedSummary, seed_demo

__all__ = ["SampleSummary", "SeedSummary", "load_sample_data", "seed_demo"]
