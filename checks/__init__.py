"""Checks that a change to the guide is safe to publish: translations, accessibility,
reading level and privacy. ``python -m checks --help``."""
