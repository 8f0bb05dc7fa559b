"""`triage transcribe` as a user runs it: a real process, real files, real model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from speech.phone_audio import write_phone_wav

pytestmark = pytest.mark.slow

# The installed console script, as a user runs it.
TRIAGE = [str(Path(sys.executable).with_name("triage")), "transcribe"]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TRIAGE, *map(str, args)], capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def phone_call(tmp_path_factory, two_utterance_call) -> Path:
    return write_phone_wav(tmp_path_factory.mktemp("cli") / "call.wav", two_utterance_call)


def test_prints_only_the_vietnamese_transcript(phone_call: Path) -> None:
    done = _run(phone_call)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) > 20
    assert any(ch in lines[0] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_stream_prints_the_event_timeline(phone_call: Path) -> None:
    done = _run(phone_call, "--stream")
    assert done.returncode == 0, done.stderr
    finals = [line for line in done.stdout.splitlines() if " final " in line]
    assert len(finals) == 2
    assert "partial" in done.stdout


@pytest.mark.parametrize(("kind", "extra"), [("silence", []), ("white noise", ["--stream"])])
def test_silence_and_noise_print_nothing(tmp_path: Path, quiet_clips, kind, extra) -> None:
    # Offline and streaming on both are covered in-process; here the command's own path.
    path = write_phone_wav(tmp_path / "quiet.wav", quiet_clips[kind])
    done = _run(path, *extra)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such audio file"),
        ("corrupt", "not a readable audio file"),
        ("bad model", "HOTLINE_WHISPER_MODEL_DIR"),
    ],
)
def test_errors_are_one_clear_line_and_exit_2(
    tmp_path: Path, phone_call: Path, setup: str, message: str
) -> None:
    if setup == "missing":
        done = _run(tmp_path / "nope.wav")
    elif setup == "corrupt":
        corrupt = tmp_path / "corrupt.mp3"
        corrupt.write_bytes(b"\x00garbage" * 500)
        done = _run(corrupt)
    else:
        done = _run(phone_call, "--model", tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert message in done.stderr.strip().splitlines()[-1]
