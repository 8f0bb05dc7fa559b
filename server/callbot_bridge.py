"""Attaches the callbot to live calls: the overflow decision, its audio path and takeover.

Server-side glue only: the dialogue, turn-taking and session logic live in triage/callbot/,
and the line formats (ws / Twilio / WebRTC) in each call's sink. It never closes a call.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from server.live_calls import CallObserver, LiveCall, LiveCallRegistry
from speech.messages import AudioChunk, TranscriptSegment
from speech.tts import TextToSpeech
from speech.vad import SileroVad
from triage.callbot.overflow import CallbotMode, OverflowDecision, OverflowPolicy, Staffing
from triage.callbot.session import CallbotSession, SessionParams
from triage.callbot.turn_taking import SmartTurnModel, TurnDetector, TurnParams
from triage.pipeline import PipelineEvent

log = logging.getLogger(__name__)

BOT_STATUS = "bot"
HUMAN_STATUSES = frozenset({"claimed", "dispatched", "closed"})
DISPATCHER_ROLES = frozenset({"dispatcher", "supervisor"})


@dataclass(frozen=True, slots=True)
class CallbotConfig:
    """The callbot's knobs (HOTLINE_CALLBOT_MODE, HOTLINE_CALLBOT_MAX_WAIT_SECONDS,
    HOTLINE_SMART_TURN_MODEL when Settings does not carry them)."""

    mode: CallbotMode = CallbotMode.OVERFLOW
    max_wait_seconds: float = 10.0
    average_handle_seconds: float = 90.0
    smart_turn_model: Path | None = None
    turn_threads: int = 1

    @classmethod
    def from_settings(cls, settings: Any) -> CallbotConfig:
        def pick(name: str, env: str) -> Any:
            value = getattr(settings, name, None)
            return value if value not in (None, "") else os.environ.get(env) or None

        mode = pick("callbot_mode", "HOTLINE_CALLBOT_MODE")
        wait = pick("callbot_max_wait_seconds", "HOTLINE_CALLBOT_MAX_WAIT_SECONDS")
        model = pick("smart_turn_model", "HOTLINE_SMART_TURN_MODEL")
        return cls(
            mode=CallbotMode(mode) if mode else CallbotMode.OVERFLOW,
            max_wait_seconds=float(wait) if wait else 10.0,
            smart_turn_model=Path(model) if model else None,
        )


class CallbotBridge:
    """Owns the callbot's shared parts (TTS, VAD, end-of-turn model, its worker thread).

    `observer_for` is the registry's observer factory: every new call gets a CallbotObserver,
    which asks the overflow policy when the call starts whether the bot answers it.
    """

    def __init__(
        self,
        tts: TextToSpeech,
        smart_turn: SmartTurnModel,
        vad: SileroVad,
        config: CallbotConfig | None = None,
        *,
        session_params: SessionParams | None = None,
        turn_params: TurnParams | None = None,
    ) -> None:
        self.config = config or CallbotConfig()
        self.policy = OverflowPolicy(self.config.max_wait_seconds, self.config.mode)
        self.tts = tts
        self.smart_turn = smart_turn
        self.vad = vad
        self.session_params = session_params
        self.turn_params = turn_params
        # Turn-taking has its own thread: barge-in must not wait behind a Whisper decode.
        self._executor = ThreadPoolExecutor(
            max(1, self.config.turn_threads), thread_name_prefix="callbot"
        )
        self.sessions: dict[str, CallbotSession] = {}
        self.decisions: dict[str, OverflowDecision] = {}

    def observer_for(self, call: LiveCall) -> CallObserver | None:
        if self.config.mode is CallbotMode.OFF:
            return None
        return CallbotObserver(self)

    def staffing(self, registry: LiveCallRegistry, call_id: str) -> Staffing:
        """Dispatchers with a console open are on duty; those holding a claimed call are busy."""
        on_duty = {
            account.username
            for account in registry.hub.connected_accounts()
            if account.role in DISPATCHER_ROLES
        }
        busy = registry.busy_dispatchers() & on_duty
        waiting = sum(
            1
            for summary in registry.snapshot()
            if summary["call_id"] != call_id and summary["status"] in ("waiting", BOT_STATUS)
        )
        return Staffing(
            dispatchers_on_duty=len(on_duty),
            dispatchers_free=len(on_duty - busy),
            calls_waiting=waiting,
            average_handle_seconds=self.config.average_handle_seconds,
        )

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def new_session(self, call: LiveCall) -> CallbotSession:
        registry = call.registry
        call_id = call.call_id

        async def on_bot_segment(segment: TranscriptSegment) -> None:
            await call.add_bot_segment(segment)

        async def on_hand_off() -> None:
            log.info("callbot hands call %s to a dispatcher (P1)", call_id)
            registry.flag_for_pickup(call_id, True)

        return CallbotSession(
            call_id,
            call.record.trunk,
            tts=self.tts,
            turns=TurnDetector(self.vad, self.smart_turn, self.turn_params),
            sink=LineAudio(call),
            executor=self._executor,
            clock=time.monotonic,
            on_bot_segment=on_bot_segment,
            on_hand_off=on_hand_off,
            params=self.session_params,
        )


class LineAudio:
    """The session's BotAudioSink on a live call: the call's own sink picks the line format."""

    def __init__(self, call: LiveCall) -> None:
        self._call = call

    async def play(self, audio: np.ndarray, utterance_id: int) -> None:
        self._call.send_bot_audio(audio)

    async def clear(self) -> None:
        self._call.clear_bot_audio()


class CallbotObserver(CallObserver):
    """One call's link to the bridge: starts the bot if the policy says so, stops it on takeover."""

    def __init__(self, bridge: CallbotBridge) -> None:
        self._bridge = bridge
        self.session: CallbotSession | None = None

    async def on_start(self, call: LiveCall) -> None:
        decision = self._bridge.policy.decide(self._bridge.staffing(call.registry, call.call_id))
        self._bridge.decisions[call.call_id] = decision
        log.info(
            "call %s: callbot %s (%s)", call.call_id, decision.answer_with_bot, decision.reason
        )
        if not decision.answer_with_bot:
            return
        self.session = self._bridge.new_session(call)
        self._bridge.sessions[call.call_id] = self.session
        await call.registry.set_status(call.call_id, BOT_STATUS)
        await self.session.start()

    async def on_audio(self, call: LiveCall, chunk: AudioChunk) -> None:
        if self.session is not None:
            await self.session.on_audio(chunk)

    async def on_event(self, call: LiveCall, event: PipelineEvent) -> None:
        if self.session is not None:
            await self.session.on_events([event])

    async def on_status(self, call: LiveCall, status: str) -> None:
        if self.session is not None and status in HUMAN_STATUSES:
            # A dispatcher took the call: the bot's part ends here, mid-sentence if need be.
            await self.session.stop()
            self.session = None

    async def on_end(self, call: LiveCall) -> None:
        if self.session is not None:
            await self.session.stop()
            self.session = None


def build_callbot(settings: Any) -> CallbotBridge | None:
    """The callbot for `triage serve`: espeak-ng, Silero VAD and Smart Turn, or None when off."""
    from speech.tts import EspeakTTS
    from triage.callbot.smart_turn_store import resolve_smart_turn_model

    config = CallbotConfig.from_settings(settings)
    if config.mode is CallbotMode.OFF:
        return None
    model = resolve_smart_turn_model(config.smart_turn_model, Path(settings.cache_dir))
    return CallbotBridge(EspeakTTS(), SmartTurnModel(model), SileroVad(), config)
