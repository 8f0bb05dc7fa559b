"""Model provisioning: the verified atomic join of the bundled parts, and custom directories."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import speech.model_store as model_store
from speech.model_store import (
    BUNDLED_DIR_NAME,
    PART_PACKAGES,
    WhisperModelError,
    join_model,
    resolve_whisper_model,
    validate_model_dir,
)


def _leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_default_model_is_joined_once_and_reused(tmp_path: Path) -> None:
    model_dir = resolve_whisper_model(None, tmp_path)
    assert model_dir == tmp_path / BUNDLED_DIR_NAME
    assert (model_dir / "model.bin").stat().st_size == model_store.BUNDLED_SIZE
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        assert (model_dir / name).is_file()
    marker = json.loads((model_dir / model_store.MARKER).read_text())
    assert marker["sha256"] == model_store.BUNDLED_SHA256
    mtime = (model_dir / "model.bin").stat().st_mtime_ns
    assert resolve_whisper_model(None, tmp_path) == model_dir
    assert (model_dir / "model.bin").stat().st_mtime_ns == mtime  # not joined again
    assert _leftovers(tmp_path) == [BUNDLED_DIR_NAME]


def test_a_damaged_cached_model_is_joined_again(tmp_path: Path) -> None:
    model_dir = resolve_whisper_model(None, tmp_path)
    with open(model_dir / "model.bin", "r+b") as model_bin:
        model_bin.truncate(1000)  # e.g. a disk that filled up later
    again = resolve_whisper_model(None, tmp_path)
    assert (again / "model.bin").stat().st_size == model_store.BUNDLED_SIZE


def _fake_parts(tmp_path: Path, corrupt: bool) -> list[Path]:
    real = [model_store._package_data_dir(name) for name in PART_PACKAGES]
    fake = [tmp_path / "part1", tmp_path / "part2"]
    for index, (source, target) in enumerate(zip(real, fake, strict=True), start=1):
        target.mkdir()
        for item in source.iterdir():
            os.symlink(item, target / item.name)
        if corrupt and index == 2:
            (target / "model.bin.part2").unlink()
            data = bytearray((source / "model.bin.part2").read_bytes())
            data[1000] ^= 0xFF  # one flipped bit in the second part
            (target / "model.bin.part2").write_bytes(bytes(data))
    return fake


def test_a_corrupt_part_gives_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(WhisperModelError, match="corrupt.*reinstall"):
        join_model(_fake_parts(tmp_path, corrupt=True), cache / BUNDLED_DIR_NAME)
    assert _leftovers(cache) == []


def test_a_missing_part_gives_a_clear_error(tmp_path: Path) -> None:
    parts = _fake_parts(tmp_path, corrupt=False)
    (parts[1] / "model.bin.part2").unlink()
    with pytest.raises(WhisperModelError, match="missing.*reinstall"):
        join_model(parts, tmp_path / "cache" / BUNDLED_DIR_NAME)


def test_an_interrupted_join_leaves_nothing_loadable(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process is killed half-way (after model.bin is written)

    monkeypatch.setattr(shutil, "copyfile", crash)
    with pytest.raises(KeyboardInterrupt):
        resolve_whisper_model(None, cache)
    assert _leftovers(cache) == []
    monkeypatch.undo()
    assert resolve_whisper_model(None, cache) == cache / BUNDLED_DIR_NAME


def test_a_custom_ctranslate2_dir_is_used_as_given(tmp_path: Path, whisper_model_dir) -> None:
    custom = tmp_path / "phowhisper-ct2"
    custom.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        os.symlink(whisper_model_dir / name, custom / name)
    assert resolve_whisper_model(custom, tmp_path / "cache") == custom
    assert not (tmp_path / "cache").exists()  # nothing joined for a custom model


@pytest.mark.parametrize("missing", ["dir", "model.bin", "config.json", "vocab"])
def test_a_broken_custom_dir_says_what_to_do(tmp_path: Path, missing: str) -> None:
    custom = tmp_path / "model"
    if missing != "dir":
        custom.mkdir()
        for name in ("model.bin", "config.json", "tokenizer.json"):
            if not (name == missing or (missing == "vocab" and name == "tokenizer.json")):
                (custom / name).write_text("{}")
    with pytest.raises(WhisperModelError, match="HOTLINE_WHISPER_MODEL_DIR"):
        validate_model_dir(custom)
