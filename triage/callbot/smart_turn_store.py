"""Finds the Smart Turn v3 end-of-turn model (ONNX) that ships inside the pipecat-ai wheel.

Fetches only that wheel (pinned, no dependencies) with pip into the cache and verifies the
file's sha256; it never imports pipecat and never downloads from a model hub.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

log = logging.getLogger(__name__)

PIPECAT_VERSION = "1.14.0"
MODEL_NAME = "smart-turn-v3.2-cpu.onnx"
MODEL_MEMBER = f"pipecat/audio/turn/smart_turn/data/{MODEL_NAME}"
MODEL_SHA256 = "2bb026316b14a660486a75b1733cd3fbab8c2fd0314dc9af7be49f8cca967e4f"
LICENSE_MEMBER = f"pipecat_ai-{PIPECAT_VERSION}.dist-info/licenses/LICENSE"


class SmartTurnModelError(RuntimeError):
    """The end-of-turn model could not be found or fetched; the message says what to do."""


def resolve_smart_turn_model(model_path: Path | None, cache_dir: Path) -> Path:
    """`model_path` if given, else the verified copy in the cache, fetched on first use."""
    if model_path is not None:
        if not model_path.is_file():
            raise SmartTurnModelError(
                f"Smart Turn model {model_path} does not exist: fix HOTLINE_SMART_TURN_MODEL "
                "or unset it to use the one from pipecat-ai"
            )
        return model_path
    target = cache_dir / "smart-turn" / MODEL_NAME
    if target.is_file() and _sha256(target) == MODEL_SHA256:
        return target
    _fetch(target)
    return target


def _fetch(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
            "--dest", scratch, f"pipecat-ai=={PIPECAT_VERSION}",
        ]  # fmt: skip
        log.info("fetching the Smart Turn model from the pipecat-ai %s wheel", PIPECAT_VERSION)
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        wheels = list(Path(scratch).glob("pipecat_ai-*.whl"))
        if result.returncode != 0 or not wheels:
            raise SmartTurnModelError(
                f"could not download pipecat-ai=={PIPECAT_VERSION} with pip "
                f"({result.stderr.strip()[-300:]}); run `triage prepare` where PyPI is "
                f"reachable, or set HOTLINE_SMART_TURN_MODEL to a copy of {MODEL_NAME}"
            )
        with zipfile.ZipFile(wheels[0]) as wheel:
            partial = target.with_suffix(".part")
            with wheel.open(MODEL_MEMBER) as source, partial.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            if LICENSE_MEMBER in wheel.namelist():
                (target.parent / "LICENSE-pipecat").write_bytes(wheel.read(LICENSE_MEMBER))
        if _sha256(partial) != MODEL_SHA256:
            partial.unlink()
            raise SmartTurnModelError(
                f"{MODEL_NAME} from pipecat-ai=={PIPECAT_VERSION} has an unexpected sha256; "
                "delete the cache folder smart-turn/ and run `triage prepare` again"
            )
        partial.replace(target)  # atomic: a half-written model is never picked up


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
