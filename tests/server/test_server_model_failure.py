"""A recogniser that crashes in one call ends that call with an error; the call next to it, on
the real models, goes on to the end. (The crashing recogniser is failure injection.)"""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest
from server_harness import SECRET, TRUNK, spoken_call

from server.app import create_app
from server.auth import TrunkSecrets
from server.live_feed import stream_file
from speech.messages import AudioChunk, SuppressedText, TranscriptSegment
from speech.streaming import StreamingTranscriber

pytestmark = pytest.mark.slow


class CrashingRecognizer:
    """StreamingRecognizer whose model step fails, like a model that runs out of memory."""

    def insert_audio(self, chunk: AudioChunk) -> None:
        return None

    def process(self) -> list[TranscriptSegment]:
        raise RuntimeError("injected model failure")

    def finish(self) -> list[TranscriptSegment]:
        return []

    @property
    def suppressed(self) -> list[SuppressedText]:
        return []


def _spoken_call(url: str, call_id: str):  # type: ignore[no-untyped-def]
    return stream_file(
        url,
        None,
        samples=spoken_call(),
        codec="pcm16",
        call_id=call_id,
        trunk=TRUNK,
        secret=SECRET,
        speed=2.0,
    )


async def test_a_crashing_model_step_ends_only_its_own_call(
    server_settings, transcriber, classifier
):
    import uvicorn

    created = itertools.count()

    def recognizers():  # type: ignore[no-untyped-def]
        # The first call gets the real recogniser, the second the crashing one.
        if next(created) == 1:
            return CrashingRecognizer()
        return StreamingTranscriber(transcriber, time.time)

    app = create_app(
        server_settings,
        transcriber=transcriber,
        classifier=classifier,
        recognizer_factory=recognizers,
        trunk_secrets=TrunkSecrets({TRUNK: SECRET}),
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:  # noqa: ASYNC110  (uvicorn offers no event)
            await asyncio.sleep(0.02)
        url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
        good = asyncio.create_task(_spoken_call(url, "ok-1"))
        await asyncio.sleep(0.2)
        bad = await _spoken_call(url, "crash-1")
        assert bad.error is not None and "injected model failure" in bad.error
        assert bad.ended_reason == "error"
        result = await good
        assert result.error is None and result.ended_reason == "stop" and result.finals
        store = app.state.runtime.store
        assert store.get_call("crash-1").end_reason == "error"
        # The caller hung up (stop) before any dispatcher took the call: abandoned.
        assert store.get_call("ok-1").end_reason == "abandoned"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 30)
