"""Embedders: a small protocol, the sentence-transformers implementation, a fake."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from rag.errors import ConfigError
from rag.text import tokens

if TYPE_CHECKING:
    from rag.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.maximum(norms, 1e-12)).astype(np.float32)


def auto_device() -> str:
    """cuda when a GPU is usable, else mps, else cpu."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded once on first use.

    Args:
        threads: torch intra-op threads (process-wide); None keeps torch's default.
    """

    def __init__(self, model: str, name: str, batch_size: int = 64, device: str | None = None, backend: str = "torch",
                 threads: int | None = None):
        self.model_path = model
        self.name = name
        self.batch_size = batch_size
        self.device = device
        self.backend = backend
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                from sentence_transformers import SentenceTransformer

                if self.threads:
                    import torch

                    torch.set_num_threads(self.threads)
                try:
                    kwargs: dict[str, Any] = {"backend": self.backend} if self.backend != "torch" else {}
                    self._model = SentenceTransformer(self.model_path, device=self.device or auto_device(), **kwargs)
                except Exception as e:  # sentence-transformers raises many types for a bad name
                    raise ConfigError(f"embedding_model: cannot load {self.model_path!r}: {e}") from e
        return self._model

    @property
    def dim(self) -> int:
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs = model.encode([texts[i] for i in order], batch_size=self.batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)
        out = np.empty_like(vecs)
        out[order] = vecs
        return out.astype(np.float32)


ONNX_FORMAT = 1  # bump when the exported graph changes, so cached exports are redone


def onnx_cache_dir() -> Path:
    """Where exported ONNX models are kept: $RAG_ONNX_CACHE, else the user's cache directory."""
    explicit = os.environ.get("RAG_ONNX_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "rag-cite" / "onnx"


def _model_dir(model: str) -> Path:
    """A local sentence-transformers directory for a path or an already-downloaded hub name."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        name = model if "/" in model else f"sentence-transformers/{model}"
        return Path(snapshot_download(name, local_files_only=True))
    except Exception as e:  # not downloaded, or no such model
        raise ConfigError(f"embedding_model: the onnx backend needs a local model directory; cannot find {model!r}: {e}") from e


def _read_json(path: Path, default: dict[str, object]) -> dict[str, object]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return default


class OnnxEmbedder:
    """The same sentence-transformers model run by ONNX Runtime: no torch at query time.

    On first use the transformer is exported once with torch.onnx (fused by ONNX Runtime's
    BERT optimizer; int8 weights with dynamic quantisation when `quantize`) and cached under
    `onnx_cache_dir()`. Tokenisation uses the model's tokenizer.json; pooling (mean or CLS, as
    the model's pooling config says) and L2 normalisation run in numpy.

    Args:
        model: a sentence-transformers directory (or a hub name already in the local cache).
        name: the name recorded with the vectors; quantised vectors get "#int8" appended.
        batch_size: texts per ONNX Runtime call.
        device: "cuda" uses the CUDA provider when ONNX Runtime has it; None auto-detects.
        threads: ONNX Runtime intra-op threads; None lets ONNX Runtime choose.
        quantize: int8 weights (faster on CPU; cosine to the float model about 0.99).
    """

    def __init__(self, model: str, name: str, batch_size: int = 64, device: str | None = None,
                 threads: int | None = None, quantize: bool = False):
        self.model_path = model
        self.name = f"{name}#int8" if quantize else name
        self.batch_size = batch_size
        self.device = device
        self.threads = threads
        self.quantize = quantize
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._dim = 0
        self._pooling = "mean"
        self.onnx_path: Path | None = None

    def _settings(self, mdir: Path) -> tuple[Path, int, str]:
        """(transformer directory, max sequence length, pooling mode) from the model's configs."""
        modules = json.loads((mdir / "modules.json").read_text(encoding="utf-8")) if (mdir / "modules.json").is_file() else []
        tdir, pdir = mdir, None
        for m in modules:
            kind = str(m.get("type", ""))
            if kind.endswith("Transformer"):
                tdir = mdir / m.get("path", "")
            elif kind.endswith("Pooling"):
                pdir = mdir / m.get("path", "")
        st = _read_json(tdir / "sentence_bert_config.json", {}) or _read_json(mdir / "sentence_bert_config.json", {})
        max_len = int(str(st.get("max_seq_length", 256)))
        pool = _read_json(pdir / "config.json", {}) if pdir else {"pooling_mode_mean_tokens": True}
        if pool.get("pooling_mode_mean_tokens"):
            mode = "mean"
        elif pool.get("pooling_mode_cls_token"):
            mode = "cls"
        else:
            raise ConfigError(f"embedding_backend: onnx supports mean or CLS pooling; {mdir} uses {pool}")
        return tdir, max_len, mode

    def _cache_key(self, tdir: Path) -> str:
        import onnxruntime

        h = hashlib.sha256(f"{ONNX_FORMAT}\0{onnxruntime.__version__}\0{self.quantize}\0{tdir.resolve()}".encode())
        for f in sorted(tdir.glob("*")):
            if f.is_file() and f.suffix in (".json", ".safetensors", ".bin", ".txt"):
                st = f.stat()
                h.update(f"{f.name}\0{st.st_size}\0{int(st.st_mtime)}".encode())
        return h.hexdigest()[:20]

    def _export(self, tdir: Path, dest: Path) -> None:
        """torch.onnx export of the transformer's last hidden state, fused, optionally int8."""
        try:
            import onnx  # torch.onnx and the quantiser need it
            import torch
            from transformers import AutoModel
        except ImportError as e:
            raise ConfigError(f"embedding_backend: exporting the onnx model needs torch, transformers and onnx: {e}") from e
        from onnxruntime.transformers.optimizer import optimize_model

        model = AutoModel.from_pretrained(str(tdir), attn_implementation="eager").eval()

        class LastHidden(torch.nn.Module):
            def __init__(self, inner: torch.nn.Module):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
                return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state

        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
            raw, fused = Path(tmp) / "raw.onnx", Path(tmp) / "fused.onnx"
            dummy = torch.ones(2, 16, dtype=torch.long)
            dyn = {n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")}
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(LastHidden(model), (dummy, dummy, torch.zeros_like(dummy)), str(raw),
                                  input_names=["input_ids", "attention_mask", "token_type_ids"],
                                  output_names=["last_hidden_state"], dynamic_axes=dyn, opset_version=17, dynamo=False)
            cfg = model.config
            opt = optimize_model(str(raw), model_type="bert", num_heads=int(getattr(cfg, "num_attention_heads", 0)),
                                 hidden_size=int(getattr(cfg, "hidden_size", 0)))
            opt.save_model_to_file(str(fused))
            if self.quantize:
                from onnxruntime.quantization import QuantType, quantize_dynamic

                quantize_dynamic(str(fused), str(Path(tmp) / "int8.onnx"), weight_type=QuantType.QInt8, per_channel=True,
                                 extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
                fused = Path(tmp) / "int8.onnx"
            os.replace(fused, dest)

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from filelock import FileLock
            from tokenizers import Tokenizer

            mdir = _model_dir(self.model_path)
            tdir, max_len, self._pooling = self._settings(mdir)
            folder = onnx_cache_dir() / self._cache_key(tdir)
            path = folder / ("model-int8.onnx" if self.quantize else "model.onnx")
            if not path.is_file():
                folder.mkdir(parents=True, exist_ok=True)
                with FileLock(str(folder / "export.lock")):
                    if not path.is_file():
                        log.info("exporting %s to ONNX at %s", tdir, path)
                        self._export(tdir, path)
            tok_file = tdir / "tokenizer.json"
            if not tok_file.is_file():
                raise ConfigError(f"embedding_backend: onnx needs {tok_file} (a fast tokenizer)")
            tok = Tokenizer.from_file(str(tok_file))
            tok.enable_truncation(max_len)
            tok.enable_padding(pad_id=tok.token_to_id("[PAD]") or 0)
            opts = ort.SessionOptions()
            if self.threads:
                opts.intra_op_num_threads = self.threads
            opts.inter_op_num_threads = 1
            providers = ["CPUExecutionProvider"]
            want = self.device or ("cuda" if "CUDAExecutionProvider" in ort.get_available_providers() else "cpu")
            if want.startswith("cuda") and "CUDAExecutionProvider" in ort.get_available_providers():
                providers.insert(0, "CUDAExecutionProvider")
            session = ort.InferenceSession(str(path), opts, providers=providers)
            self._inputs = {i.name for i in session.get_inputs()}
            self._tokenizer = tok
            self.onnx_path = path
            self._session = session
            self._dim = int(self._run(["dimension probe"]).shape[1])

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        assert self._session is not None and self._tokenizer is not None
        enc = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        if self._pooling == "cls":
            pooled = hidden[:, 0]
        else:
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return _normalise(pooled)

    @property
    def dim(self) -> int:
        self._load()
        return self._dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self._load()
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        for i in range(0, len(order), self.batch_size):
            part = order[i : i + self.batch_size]
            out[part] = self._run([texts[j] for j in part])
        return out


class HashEmbedder:
    """A deterministic bag-of-words embedder for fast tests; no model, no meaning beyond words."""

    def __init__(self, dim: int = 256):
        self._dim = dim
        self.name = f"hash-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in tokens(t):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
                out[i, h % self._dim] += 1.0 if (h >> 63) & 1 else -1.0
            out[i, 0] += 1e-3
        return _normalise(out)


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for (`hash-N` gives the fast fake)."""
    name = settings.embedding_model
    if name.startswith("hash-"):
        try:
            return HashEmbedder(int(name.split("-", 1)[1]))
        except ValueError as e:
            raise ConfigError(f"embedding_model: {name!r} is not hash-<dim>") from e
    if settings.embedding_backend == "onnx":
        return OnnxEmbedder(settings.resolved_embedding_model(), name, settings.embedding_batch_size,
                            settings.embedding_device, quantize=settings.embedding_quantize,
                            threads=settings.embedding_threads)
    return SentenceTransformerEmbedder(settings.resolved_embedding_model(), name, settings.embedding_batch_size,
                                       settings.embedding_device, settings.embedding_backend,
                                       threads=settings.embedding_threads)
