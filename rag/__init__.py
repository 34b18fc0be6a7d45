"""rag: question answering over documents with verified citations, offline by default."""

from rag.config import Settings
from rag.corpus_plot import corpus_map, corpus_vectors
from rag.documents import load_file, load_paths, make_document
from rag.errors import (
    ConfigError,
    DocumentError,
    EmptyCorpusError,
    IndexMismatchError,
    InputError,
    LockedError,
    NotFoundError,
    NotReadyError,
    ProviderError,
    ProviderTimeout,
    RagError,
    exit_code,
)
from rag.render import Hits, Html, answer_html, compare_html, hit_html, hits_html
from rag.service import IndexReport, Rag
from rag.support import FEATURES as SUPPORT_FEATURES
from rag.support import SUPPORT_MODEL, SupportModel
from rag.types import Answer, Chunk, Citation, Document, Hit

__all__ = [
    "Answer", "Chunk", "Citation", "ConfigError", "Document", "DocumentError", "EmptyCorpusError", "Hit",
    "IndexMismatchError", "IndexReport", "InputError", "LockedError", "NotFoundError", "NotReadyError",
    "ProviderError", "ProviderTimeout", "Rag", "RagError", "Settings", "exit_code", "load_file", "load_paths", "make_document",
    "SUPPORT_FEATURES", "SUPPORT_MODEL", "SupportModel",
    "Hits", "Html", "answer_html", "compare_html", "corpus_map", "corpus_vectors", "hit_html", "hits_html",
]
