"""Session-wide fixtures: the real models, loaded once per test run and shared by every test.

Area-specific fixtures live in each tests/<area>/conftest.py.
"""

from __future__ import annotations

import pytest

from server.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def whisper_model_dir(settings: Settings):
    from speech.model_store import resolve_whisper_model

    return resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)


@pytest.fixture(scope="session")
def transcriber(whisper_model_dir):
    """The real bundled Whisper model (CTranslate2 int8 on CPU)."""
    from speech.whisper import WhisperTranscriber

    return WhisperTranscriber(whisper_model_dir)


@pytest.fixture(scope="session")
def classifier(settings: Settings):
    """The real trained default classifier with its safety layer and extractor."""
    from classifiers.triage_classifier import load_classifier

    return load_classifier(settings.classifier_model_dir)


@pytest.fixture(scope="session")
def tts():
    """espeak-ng Vietnamese text-to-speech (16 kHz float32 out)."""
    from speech.tts import EspeakTTS

    return EspeakTTS()
