"""Vacancies: roles, their pipelines, matching from the pools, and closing the loop."""
