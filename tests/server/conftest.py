"""Fixtures of the server tests (defined in server_harness.py, shared with the test modules)."""

from server_harness import server, server_settings  # noqa: F401  (pytest fixtures)
