"""Triage: calls, incidents, the ranked queue, the callbot's policy and replay.

Pure logic on typed messages; no web framework here.
"""
