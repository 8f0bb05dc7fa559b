"""Callbot fixtures: the real end-of-turn model and VAD, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def smart_turn_model(settings):
    from triage.callbot.smart_turn_store import resolve_smart_turn_model
    from triage.callbot.turn_taking import SmartTurnModel

    return SmartTurnModel(resolve_smart_turn_model(None, settings.cache_dir))


@pytest.fixture(scope="session")
def vad():
    from speech.vad import SileroVad

    return SileroVad()
