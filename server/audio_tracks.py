"""Outgoing WebRTC audio: one paced 20 ms track that mixes what each speaker sends it.

Used for a WebRTC caller (the bot's and the dispatcher's voice) and for a dispatcher's console
(the caller and the bot). Never blocks a sender: live speakers keep at most a short buffer.
"""

from __future__ import annotations

import asyncio
import fractions
import time

import numpy as np
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError
from av import AudioFrame

from speech.messages import SAMPLE_RATE

FRAME_SAMPLES = SAMPLE_RATE // 50  # 20 ms
# A live voice (caller, dispatcher) that arrives faster than it plays, or in a burst after a
# stall, keeps only its latest second: a listener hears the call as it is now, never a backlog.
LIVE_BUFFER_SAMPLES = SAMPLE_RATE


class MixedAudioTrack(AudioStreamTrack):
    """Queued audio per speaker, summed, with silence in between, paced like a live line.

    `play(samples, speaker)` takes 16 kHz mono float32. The bot's speech is queued whole (it is
    sent a sentence ahead); every other speaker is live and keeps at most LIVE_BUFFER_SAMPLES.
    """

    def __init__(self, queued_speakers: frozenset[str] = frozenset({"bot"})) -> None:
        super().__init__()
        self._queued_speakers = queued_speakers
        self._pending: dict[str, np.ndarray] = {}
        self._sent = 0
        self._started: float | None = None
        self.frames_with_audio = 0  # frames that carried something other than silence

    def play(self, samples: np.ndarray, speaker: str = "bot") -> None:
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if len(samples) == 0:
            return
        queued = self._pending.get(speaker)
        joined = samples if queued is None else np.concatenate([queued, samples])
        if speaker not in self._queued_speakers and len(joined) > LIVE_BUFFER_SAMPLES:
            joined = joined[-LIVE_BUFFER_SAMPLES:]
        self._pending[speaker] = joined

    def clear(self, speaker: str | None = None) -> None:
        if speaker is None:
            self._pending.clear()
        else:
            self._pending.pop(speaker, None)

    def buffered_seconds(self, speaker: str) -> float:
        return len(self._pending.get(speaker, ())) / SAMPLE_RATE

    def next_frame(self) -> np.ndarray:
        """The next 20 ms of the mix, float32 (silence when nobody has anything queued)."""
        mix = np.zeros(FRAME_SAMPLES, dtype=np.float32)
        heard = False
        for speaker, pending in list(self._pending.items()):
            chunk = pending[:FRAME_SAMPLES]
            mix[: len(chunk)] += chunk
            heard = heard or bool(len(chunk))
            rest = pending[FRAME_SAMPLES:]
            if len(rest):
                self._pending[speaker] = rest
            else:
                del self._pending[speaker]
        if heard:
            self.frames_with_audio += 1
        return mix

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._started is None:
            self._started = time.time()
        else:
            wait = self._started + self._sent / SAMPLE_RATE - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
        pcm = (np.clip(self.next_frame(), -1.0, 1.0) * 32767.0).astype(np.int16)
        frame = AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._sent
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        self._sent += FRAME_SAMPLES
        return frame
