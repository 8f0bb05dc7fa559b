"""The live call registry: every open call, the ranked queue over them, persistence, the
dispatcher actions and what the consoles are told.

Nothing here parses a socket. A call that falls behind keeps every final (its audio waits in a
bounded queue in server/live_call.py; the recogniser skips partials when its backlog grows); one
call's failure never touches another.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

from classifiers.labels import IncidentType, Urgency
from classifiers.messages import Classifier
from server.call_back import Dialer
from server.call_summary import audit_json, call_summary, effective_labels, iso, segment_json
from server.console_hub import ConsoleHub
from server.live_call import (
    CallListener,
    CallObserver,
    CallRejected,
    CallSink,
    LiveCall,
    ObserverFactory,
)
from server.recorder import CallRecorder
from server.speaker_channel import SpeakerChannel, recording_path
from server.store import AccountRecord, AuditEntry, CallRecord, Store, StoreError
from server.unit_roster import UnitRoster, unit_json
from speech.messages import Clock, TranscriptSegment
from speech.protocols import StreamingRecognizer
from triage.incidents import Incident, IncidentLinker
from triage.pipeline import CallPipeline, PipelineEvent, TriageUpdate
from triage.queue import Escalated, QueueChanged, QueueEvent, TriageQueue
from triage.ranking import RankInput
from triage.units import UnitRefused, UnitStatus

log = logging.getLogger(__name__)

# The call's own types, for the modules that import them from here.
__all__ = [
    "ActionRefused",
    "CallListener",
    "CallObserver",
    "CallRejected",
    "CallSink",
    "LiveCall",
    "LiveCallRegistry",
    "ObserverFactory",
]

CALL_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
TRANSCRIPT_TAIL_CHARS = 120
# The caller ended the line (rather than a timeout or an error) before any dispatcher took it.
CALLER_HANG_UPS = frozenset({"stop", "disconnected"})
UNANSWERED = frozenset({"waiting", "bot"})
REPLACEMENT_CHAR = "\ufffd"


class ActionRefused(Exception):
    """A dispatcher action was refused; `status_code` is the HTTP answer."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


class LiveCallRegistry:
    """All open calls: the live ones with their pipelines, and the ranked queue over them."""

    def __init__(
        self,
        store: Store,
        classifier: Classifier,
        recognizer_factory: Callable[[], StreamingRecognizer],
        executor: Executor,
        recordings_dir: Path,
        *,
        clock: Clock = time.time,
        observer_factory: ObserverFactory | None = None,
    ) -> None:
        self.store = store
        self._classifier = classifier
        self._recognizer_factory = recognizer_factory
        self._executor = executor
        self._recordings_dir = Path(recordings_dir)
        self._clock = clock
        self.observer_factory = observer_factory
        self.queue = TriageQueue()
        self.incidents = IncidentLinker()
        self.hub = ConsoleHub(self.snapshot, extra=self._snapshot_extra)
        self.units = UnitRoster(store, self.hub.publish)
        # Trunk -> its gateway's dialer, for the lines that can call back (none built in).
        self.dialers: dict[str, Dialer] = {}
        self._open: dict[str, CallRecord] = {}
        self._live: dict[str, LiveCall] = {}

    # ------------------------------------------------------------------ start-up / shutdown
    def restore(self) -> None:
        """Load open calls and recent incidents after a restart. Calls that were live are not."""
        self.units.load()
        now = self._clock()
        for incident in self.store.incidents(since=now - self.incidents._window):
            self.incidents.restore(
                Incident(
                    incident["incident_id"],
                    IncidentType(incident["incident_type"]),
                    incident["location"],
                    incident["first_at"],
                    incident["last_at"],
                    list(incident["call_ids"]),
                )
            )
        for record in self.store.list_calls(open_only=True, limit=10_000):
            if record.live:
                record.live = False
                record.end_reason = record.end_reason or "server_restart"
                record.ended_at = record.ended_at or now
                if record.status == "bot":
                    record.status = "waiting"
                self.store.save_call(record)
            self._open[record.call_id] = record
            self.queue.add(_rank_input(record))

    async def shutdown(self) -> None:
        await asyncio.gather(
            *(call.end("server_shutdown") for call in list(self._live.values())),
            return_exceptions=True,
        )

    # ------------------------------------------------------------------ calls
    def speaker_channel(self, call: LiveCall, speaker: str) -> SpeakerChannel:
        """Recording and recogniser for a second voice on `call` (the dispatcher's)."""
        path = recording_path(Path(call.record.recording_path or f"{call.call_id}.wav"), speaker)

        async def on_segments(segments: list[TranscriptSegment]) -> None:
            await self.handle_events(call, list(segments))

        return SpeakerChannel(
            speaker,
            self._recognizer_factory(),
            CallRecorder(path),
            self._executor,
            on_segments,
        )

    def live_call(self, call_id: str) -> LiveCall | None:
        return self._live.get(call_id)

    @property
    def live_count(self) -> int:
        return len(self._live)

    def open_call(
        self,
        call_id: str,
        trunk: str,
        caller_number: str | None,
        source: str,
        sink: CallSink,
    ) -> LiveCall:
        if not isinstance(call_id, str) or not CALL_ID_PATTERN.match(call_id):
            raise CallRejected(
                "call_id must be 1-64 characters of letters, digits, '_', '.', ':' or '-'"
            )
        if call_id in self._live or self.store.get_call(call_id) is not None:
            raise CallRejected(f"call_id {call_id!r} is already used: send a new one")
        now = self._clock()
        path = self._recordings_dir / f"{call_id}.wav"
        record = CallRecord(
            call_id=call_id,
            trunk=trunk,
            caller_number=caller_number,
            source=source,
            started_at=now,
            last_activity_at=now,
            recording_path=str(path),
        )
        try:
            self.store.insert_call(record)
        except StoreError as error:
            raise CallRejected(str(error)) from error
        recorder = CallRecorder(path)
        pipeline = CallPipeline(
            call_id, self._recognizer_factory(), self._classifier, self._executor, self._clock
        )
        call = LiveCall(self, record, pipeline, recorder, sink)
        self._open[call_id] = record
        self._live[call_id] = call
        if self.observer_factory is not None:
            try:
                call.observer = self.observer_factory(call)
            except Exception:
                log.exception("could not attach an observer to call %s", call_id)
        self._publish_queue(self.queue.add(_rank_input(record)), also=(call_id,))
        call.start()
        return call

    def call_ended(self, call: LiveCall) -> None:
        self._live.pop(call.call_id, None)
        record = call.record
        line_reason = record.end_reason or "stop"
        record.live = False
        record.ended_at = self._clock()
        abandoned = line_reason in CALLER_HANG_UPS and record.status in UNANSWERED
        if abandoned:
            # Hung up before a human answered: someone must call back, nobody can pick up.
            record.end_reason = "abandoned"
            record.flagged_for_pickup = False
        if record.status == "bot":
            record.status = "waiting"
        self.store.save_call(record)
        call.sink.send_event({"type": "ended", "call_id": call.call_id, "reason": line_reason})
        self._publish_queue(self.queue.update(_rank_input(record)), also=(call.call_id,))

    async def handle_events(self, call: LiveCall, events: list[PipelineEvent]) -> None:
        for event in events:
            if isinstance(event, TranscriptSegment) and REPLACEMENT_CHAR in event.text:
                event = _without_replacement_chars(event)
            if isinstance(event, TranscriptSegment):
                self._on_segment(call, event)
            elif isinstance(event, TriageUpdate):
                self._on_triage(call, event)
            await call._notify("on_event", event)

    def _on_segment(self, call: LiveCall, segment: TranscriptSegment) -> None:
        record = call.record
        record.last_activity_at = self._clock()
        payload = segment_json(segment)
        if segment.is_final and segment.text.strip():
            self.store.add_segment(call.call_id, segment)
            if segment.speaker == "caller":
                tail = f"{record.transcript_tail} {segment.text.strip()}".strip()
                record.transcript_tail = tail[-TRANSCRIPT_TAIL_CHARS:]
        self.hub.publish({"type": "transcript", "call_id": call.call_id, "segment": payload})
        call.sink.send_event({"type": "transcript", "segment": payload})

    def _on_triage(self, call: LiveCall, update: TriageUpdate) -> None:
        record = call.record
        payload = update.classification.to_json()
        now = self._clock()
        record.classification = payload
        record.last_activity_at = now
        self.store.add_classification(call.call_id, payload, update.call_time, now)
        touched = {call.call_id}
        urgency, incident_type = effective_labels(record)
        previous_incident = record.incident_id
        link = self.incidents.link(
            call.call_id, IncidentType(incident_type), payload.get("location"), now
        )
        if link is not None:
            record.incident_id = link.incident_id
            incident = self.incidents.incident_of(call.call_id)
            if incident is not None:
                self.store.save_incident(
                    incident.incident_id,
                    incident.incident_type.value,
                    incident.location,
                    incident.first_at,
                    incident.last_at,
                )
            touched.update(link.call_ids)
        if previous_incident and previous_incident != record.incident_id:
            touched.update(self._calls_in_incident(previous_incident))
        self.store.save_call(record)
        call.sink.send_event({"type": "triage", "classification": payload})
        self._publish_queue(self.queue.update(_rank_input(record)), also=tuple(touched))

    def _calls_in_incident(self, incident_id: str) -> list[str]:
        return [cid for cid, rec in self._open.items() if rec.incident_id == incident_id]

    async def set_status(self, call_id: str, status: str) -> None:
        """Live status change by the system (e.g. "bot" while the callbot answers)."""
        record = self._open.get(call_id)
        if record is None or record.status == status:
            return
        record.status = status
        self.store.save_call(record)
        self._publish_call(record)
        call = self._live.get(call_id)
        if call is not None:
            await call._notify("on_status", status)

    def flag_for_pickup(self, call_id: str, flagged: bool = True) -> None:
        """The callbot asks a human to take this call now: it jumps up within its level."""
        record = self._open.get(call_id)
        if record is None or record.flagged_for_pickup == flagged:
            return
        record.flagged_for_pickup = flagged
        self.store.save_call(record)
        self._publish_queue(self.queue.set_flagged(call_id, flagged), also=(call_id,))

    # ------------------------------------------------------------------ dispatcher actions
    async def act(
        self,
        call_id: str,
        account: AccountRecord,
        action: str,
        details: dict[str, Any],
    ) -> CallRecord:
        """claim | release | override | dispatch | close, atomically checked and audited."""
        record = self._open.get(call_id)
        if record is None:
            if self.store.get_call(call_id) is None:
                raise ActionRefused(404, f"no call {call_id!r}")
            raise ActionRefused(409, "this call is closed")
        supervisor = account.role == "supervisor"
        # Who may act on a claimed call: its holder; a supervisor may act on any call.
        holder: list[Any] = [account.username]
        if supervisor:
            holder += [None, *([record.claimed_by] if record.claimed_by else [])]
        changes: dict[str, Any]
        expect: dict[str, list[Any]]
        if action == "claim":
            changes = {
                "claimed_by": account.username,
                "status": "claimed",
                "flagged_for_pickup": False,
            }
            expect = {"claimed_by": [None], "status": ["waiting", "bot"]}
        elif action == "release":
            changes = {"claimed_by": None, "status": "waiting"}
            expect = {"claimed_by": holder, "status": ["claimed", "dispatched"]}
        elif action == "override":
            details = _checked_override(record, details)
            kept = {k: v for k, v in details.items() if k not in ("confirm_downgrade", "from")}
            changes = {"override": {**kept, "by": account.username, "at": iso(self._clock())}}
            expect = {"claimed_by": [*holder, None]}
        elif action == "dispatch":
            self._dispatch(record, account, holder, details)
            live = self._live.get(call_id)
            if live is not None:
                await live._notify("on_status", record.status)
            return record
        elif action == "close":
            changes = {"status": "closed"}
            expect = {"claimed_by": holder, "status": ["waiting", "claimed", "dispatched", "bot"]}
        else:
            raise ActionRefused(400, f"unknown action {action!r}")
        entry = self.store.apply_action(
            call_id,
            changes,
            expect=expect,
            username=account.username,
            action=action,
            details=details,
            at=self._clock(),
        )
        if entry is None:
            raise ActionRefused(409, _refusal(action, record, account))
        for name, value in changes.items():
            setattr(record, name, value)
        self.hub.publish({"type": "audit", "entry": audit_json(entry)})
        if action == "close":
            self._open.pop(call_id, None)
            events = self.queue.remove(call_id)
        else:
            events = self.queue.update(_rank_input(record))
        self._publish_queue(events, also=(call_id,), records={call_id: record})
        call = self._live.get(call_id)
        if call is not None and "status" in changes:
            await call._notify("on_status", record.status)
        return record

    def _dispatch(
        self,
        record: CallRecord,
        account: AccountRecord,
        holder: list[Any],
        details: dict[str, Any],
    ) -> CallRecord:
        """Dispatch with units: the call and its units change in one audited transaction."""
        unit_ids = list(details.get("units") or [])
        try:
            sent = self.units.check_assignable(unit_ids, record.call_id)
        except KeyError as unknown:
            raise ActionRefused(422, f"no unit {unknown.args[0]!r}") from None
        except UnitRefused as refused:
            raise ActionRefused(409, str(refused)) from None
        entry = self.store.dispatch(
            record.call_id,
            unit_ids,
            expect={"claimed_by": holder, "status": ["claimed", "dispatched"]},
            username=account.username,
            details=details,
            at=self._clock(),
        )
        if entry is None:
            if record.claimed_by in holder and record.status in ("claimed", "dispatched"):
                raise ActionRefused(409, "a unit was sent elsewhere meanwhile: look again")
            raise ActionRefused(409, _refusal("dispatch", record, account))
        record.status = "dispatched"
        self.units.assigned(sent)
        self.hub.publish({"type": "audit", "entry": audit_json(entry)})
        self._publish_queue(self.queue.update(_rank_input(record)), also=(record.call_id,))
        return record

    def move_unit(self, unit_id: str, status: UnitStatus, account: AccountRecord) -> None:
        """A unit's status report (en route -> on scene -> available), audited and broadcast."""
        unit = self.units.get(unit_id)
        if unit is None:
            raise ActionRefused(404, f"no unit {unit_id!r}")
        try:
            entry = self.units.move(unit_id, status, account.username, self._clock())
        except UnitRefused as refused:
            raise ActionRefused(409, str(refused)) from None
        self.hub.publish({"type": "audit", "entry": audit_json(entry)})
        record = self._open.get(unit.call_id or "")
        if record is not None:
            self._publish_call(record)

    async def call_back(self, call_id: str, account: AccountRecord) -> tuple[CallRecord, str]:
        """Dial the caller of an ended call back on its trunk; (call, new call id), audited."""
        record = self._open.get(call_id)
        if record is None:
            raise ActionRefused(
                404 if self.store.get_call(call_id) is None else 409, "no open call"
            )
        if record.live:
            raise ActionRefused(409, "the caller is still on the line")
        holders = [account.username] + ([record.claimed_by] if account.role == "supervisor" else [])
        if record.claimed_by is None or record.claimed_by not in holders:
            raise ActionRefused(409, "claim the call before calling back")
        number = (record.caller_number or "").strip()
        dialer = self.dialers.get(record.trunk)
        if dialer is None or not number:
            why = "no number to call" if not number else f"trunk {record.trunk} cannot dial out"
            raise ActionRefused(409, f"{why}: call back by hand")
        try:
            new_call_id = await dialer.dial(number, call_back_of=call_id)
        except Exception as error:
            raise ActionRefused(502, f"the trunk refused the call: {error}") from error
        entry = self.store.append_audit(
            account.username,
            "call_back",
            call_id,
            {"number": number, "new_call_id": new_call_id},
            self._clock(),
        )
        self.audit_entry(entry)
        return record, new_call_id

    def audit_entry(self, entry: AuditEntry) -> None:
        self.hub.publish({"type": "audit", "entry": audit_json(entry)})

    # ------------------------------------------------------------------ views
    def summary(self, record: CallRecord) -> dict[str, Any]:
        incident = self.incidents.incident_of(record.call_id)
        count = incident.caller_count if incident is not None else 1
        summary = call_summary(record, self.queue.rank_of(record.call_id), count)
        summary["units"] = self.units.on_call(record.call_id)
        summary["can_call_back"] = bool(
            record.trunk in self.dialers and (record.caller_number or "").strip()
        )
        return summary

    def _snapshot_extra(self) -> dict[str, Any]:
        return {"units": [unit_json(unit) for unit in self.units.all()]}

    def snapshot(self) -> list[dict[str, Any]]:
        ordered = [self._open[cid] for cid in self.queue.order if cid in self._open]
        return [self.summary(record) for record in ordered]

    def open_record(self, call_id: str) -> CallRecord | None:
        return self._open.get(call_id)

    def busy_dispatchers(self) -> set[str]:
        return {
            rec.claimed_by
            for rec in self._open.values()
            if rec.claimed_by and rec.status == "claimed"
        }

    def _publish_call(self, record: CallRecord) -> None:
        self.hub.publish({"type": "call_updated", "call": self.summary(record)})

    def _publish_queue(
        self,
        events: list[QueueEvent],
        also: tuple[str, ...] = (),
        records: dict[str, CallRecord] | None = None,
    ) -> None:
        changed: list[str] = list(also)
        for event in events:
            if isinstance(event, QueueChanged):
                changed.extend(event.moved)
        seen: set[str] = set()
        for call_id in changed:
            if call_id in seen:
                continue
            seen.add(call_id)
            record = self._open.get(call_id) or (records or {}).get(call_id)
            if record is not None:
                self._publish_call(record)
        for event in events:
            if isinstance(event, Escalated):
                self.hub.publish(
                    {
                        "type": "escalated",
                        "call_id": event.call_id,
                        "from": event.previous.value,
                        "to": event.current.value,
                    }
                )


def _refusal(action: str, record: CallRecord, account: AccountRecord) -> str:
    if action == "claim":
        if record.claimed_by:
            return f"already claimed by {record.claimed_by}"
        return f"a call in status {record.status!r} cannot be claimed"
    if record.claimed_by and record.claimed_by != account.username:
        return f"claimed by {record.claimed_by}: only they or a supervisor can do this"
    return f"cannot {action} a call in status {record.status!r} that you have not claimed"


def _without_replacement_chars(segment: TranscriptSegment) -> TranscriptSegment:
    # Whisper's byte-level tokens can end inside a UTF-8 character ("quỵ" is "qu" + two tokens
    # of one letter's bytes): a decode that stops between them yields U+FFFD. Never store it.
    log.warning("dropping U+FFFD from a %s segment of %r", segment.kind, segment.text)
    text = " ".join(segment.text.replace(REPLACEMENT_CHAR, " ").split())
    return replace(segment, text=text)


def _checked_override(record: CallRecord, details: dict[str, Any]) -> dict[str, Any]:
    """A downgrade of a P1/P2 call needs `confirm_downgrade`; the audit keeps the level before."""
    current, _ = effective_labels(record)
    wanted = details.get("urgency")
    if not (current and wanted):
        return details
    downgrade = Urgency(wanted).rank > Urgency(current).rank
    if downgrade and Urgency(current) in (Urgency.P1, Urgency.P2):
        if not details.get("confirm_downgrade"):
            raise ActionRefused(
                422, f"lowering a {current} call to {wanted} needs confirm_downgrade and a reason"
            )
        return {**details, "from": current, "confirm_downgrade": True}
    return {k: v for k, v in details.items() if k != "confirm_downgrade"}


def _rank_input(record: CallRecord) -> RankInput:
    urgency, _ = effective_labels(record)
    model = record.classification or {}
    confidence = (model.get("confidence") or {}).get("urgency") or 0.0
    return RankInput(
        call_id=record.call_id,
        urgency=Urgency(urgency) if urgency else None,
        urgency_confidence=float(confidence),
        red_flags=len(model.get("red_flags") or []),
        people_at_risk=model.get("people_at_risk"),
        weapon=model.get("weapon"),
        flagged_for_pickup=record.flagged_for_pickup,
        abandoned=record.end_reason == "abandoned",
        started_at=record.started_at,
    )
