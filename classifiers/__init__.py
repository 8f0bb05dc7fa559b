"""Classifiers: turn a (growing, noisy) Vietnamese transcript into triage labels and facts.

Knows nothing of audio, HTTP or the queue.
"""
