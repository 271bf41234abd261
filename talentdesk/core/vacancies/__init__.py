"""Vacancies: roles, their pipelines, and matching candidates against them."""
