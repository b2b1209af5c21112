"""Writing a file so that readers see the old or the new content, never half of it, even when
several processes write it at once (each writes its own temporary file, then renames it); and the
JSON tables built once per corpus and cached beside the index."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_file(path: Path):
    """A binary handle whose content replaces `path` when the block ends without error."""
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))


def cached_json(path: Path, version: int, corpus: str, keys: tuple[str, ...], build) -> dict:
    """The JSON cached at `path` for this `version` and `corpus` fingerprint, holding `keys`; when it
    is missing, stale or unreadable, `build()` (a dict with those keys) is written there and returned."""
    try:
        payload = json.loads(Path(path).read_text("utf-8"))
        if payload.get("version") == version and payload.get("corpus") == corpus and all(k in payload for k in keys):
            return payload
    except (OSError, ValueError, AttributeError):
        pass  # missing or stale: build it again
    payload = {"version": version, "corpus": corpus, **build()}
    write_text(path, json.dumps(payload, ensure_ascii=False))
    return payload
