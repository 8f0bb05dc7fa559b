"""One typed settings object for the whole process, read from HOTLINE_* environment variables.

Defaults work offline on a fresh machine; the README documents every field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from speech.model_store import default_cache_dir


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = field(default_factory=default_cache_dir)
    whisper_model_dir: Path | None = None  # None: the bundled Whisper base, joined into cache_dir
    classifier_model_dir: Path | None = None  # None: the default classifier built into cache_dir
    db_path: Path = Path("var/hotline.sqlite3")
    recordings_dir: Path = Path("var/recordings")
    host: str = "127.0.0.1"
    port: int = 8113
    inference_threads: int = 2  # worker threads that run models, shared by all calls
    cpu_threads_per_model: int = 1  # intra-op threads of one model call
    trunk_secrets: str = ""  # "113=secret,114=other": who may stream call audio (server/auth.py)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Fields from HOTLINE_<FIELD> variables, then explicit overrides (CLI flags) on top."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = env.get(f"HOTLINE_{spec.name.upper()}")
            if raw is not None and raw != "":
                values[spec.name] = _parse(spec.type, raw)
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)  # type: ignore[arg-type]


def _parse(type_name: object, raw: str) -> object:
    text = str(type_name)
    if "Path" in text:
        return Path(raw).expanduser()
    if text == "int":
        return int(raw)
    return raw
