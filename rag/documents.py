"""Loading documents from files, their metadata, and cleaning away page furniture."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.dates import find_dates, parse_date
from rag.errors import DocumentError, EmptyCorpusError, InputError, NotFoundError
from rag.text import content_terms, trim_span
from rag.types import Document

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
MANIFEST_NAME = "manifest.json"
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

# Lines that are site chrome wherever they appear.
BOILERPLATE_RE = re.compile(
    r"^\s*(?:-+|•|\|)?\s*$"
    r"|^\s*(?:share the post|share this( article| story)?|link to the original article"
    r"|advertisement|read more at\b.{0,40}$|continue reading|click here|all rights reserved"
    r"|follow us on|image:|photo:)\s*:?\s*.{0,40}$",
    re.IGNORECASE,
)
# Lines after which a news page usually stops being the article (newsletter blocks, share
# bars, "related" lists). Text after them is kept only if it is clearly on the article's topic.
END_MARKER_RE = re.compile(
    r"^\s*(?:subscribe to\b|sign up for\b|sign up to\b|share the post|share this\b|related (?:articles|stories)"
    r"|more from\b|recommended\b|most popular\b|you might also like|newsletter)",
    re.IGNORECASE,
)
# A paragraph after an end marker stays if this share of its content words occurs in the body.
ON_TOPIC_SHARE = 0.3
MIN_PROSE_CHARS = 80


@dataclass(frozen=True)
class LoadProblem:
    """A file that was skipped, and why."""

    path: str
    reason: str


def validate_doc_id(doc_id: str) -> str:
    """Return `doc_id` if it is a safe identifier, else raise InputError naming it."""
    if not isinstance(doc_id, str) or not DOC_ID_RE.match(doc_id) or ".." in doc_id:
        raise InputError(
            f"doc_id {doc_id!r} is not allowed: use 1-128 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit, without '..' or slashes"
        )
    return doc_id


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, whitespace-trimmed."""
    return [t for t in (trim_span(text, m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)) if t]


def _is_stray(line: str) -> bool:
    # Conversion debris such as lines holding a single letter; real paragraphs have words.
    return len(line) <= 2 or not re.search(r"[^\W\d_]{2}", line)


def clean_segments(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of `text` that are article body, in order.

    General rules for news pages, no offsets: drop stray and boilerplate lines; once an
    end-of-article marker (newsletter, share bar, "related") appears, keep a later paragraph
    only if it is prose whose content words mostly occur in the body above the marker.
    Because only whole lines are dropped, kept text maps 1:1 back to the original.
    """
    kept: list[tuple[int, int]] = []
    body_terms: set[str] = set()
    after_marker = False
    for s, e in line_spans(text):
        line = text[s:e]
        if _is_stray(line):
            continue
        if END_MARKER_RE.match(line):
            after_marker = True
            continue
        if BOILERPLATE_RE.match(line):
            continue
        terms = set(content_terms(line))
        if after_marker:
            if len(line) < MIN_PROSE_CHARS or not terms:
                continue
            if len(terms & body_terms) / len(terms) < ON_TOPIC_SHARE:
                continue
        else:
            body_terms |= terms
        kept.append((s, e))
    return tuple(kept)


def guess_metadata(text: str, segments: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """Title, author and publication date read off the first lines of a document."""
    lines = [text[s:e] for s, e in list(segments)[:15]]
    head = list(lines)
    meta: dict[str, Any] = {}
    first = lines[0] if lines else ""
    while first and find_dates(first) and len(first) < 40 and len(lines) > 1:
        lines = lines[1:]
        first = lines[0]
    first = first.lstrip("#").strip()
    if first and len(first) <= 200 and not first.endswith((".", ":")):
        meta["title"] = first
    for line in head:
        m = re.match(r"^By\s+([A-Z][^\n]{2,120})$", line)
        if m:
            meta["author"] = m.group(1).strip()
            break
    for line in head:
        found = find_dates(line)
        if found and len(line) < 60:
            meta["published"] = found[0]
            break
    return meta


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page, via trafilatura (lxml as a fallback)."""
    import trafilatura

    meta: dict[str, Any] = {}
    result = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text") or ""
        for key in ("title", "author", "date"):
            if data.get(key):
                meta["published" if key == "date" else key] = data[key]
        if data.get("sitename"):
            meta["publisher"] = data["sitename"]
        if text.strip():
            return text, meta
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip()), meta


def make_document(
    doc_id: str,
    text: str,
    *,
    kind: str = "txt",
    metadata: Mapping[str, Any] | None = None,
    source: str = "",
    segments: tuple[tuple[int, int], ...] | None = None,
) -> Document:
    """Build a cleaned Document from raw content. Manifest metadata wins over guesses.

    Args:
        doc_id: identifier (validated).
        text: file content; HTML is converted to text, which then becomes the cited text.
        kind: "txt", "md" or "html".
        metadata: known facts (title, publisher, author, published, ...).
        source: where it came from, for display.
        segments: the kept spans, when an earlier cleaning of this same text is at hand.
    """
    validate_doc_id(doc_id)
    extracted: dict[str, Any] = {}
    if kind in ("html", "htm"):
        text, extracted = html_to_text(text)
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise DocumentError(f"{source or doc_id}: document is empty")
    segments = clean_segments(text) if segments is None else segments
    if not segments:
        raise DocumentError(f"{source or doc_id}: no article text left after cleaning")
    meta: dict[str, Any] = {**guess_metadata(text, segments), **extracted, **dict(metadata or {})}
    published = meta.get("published")
    if published and not isinstance(published, dt.date):
        published = parse_date(str(published))
    extra = {k: v for k, v in meta.items() if k not in ("title", "published", "publisher", "author")}
    return Document(
        doc_id=doc_id,
        text=text,
        title=str(meta.get("title") or doc_id),
        published=published if isinstance(published, dt.date) else None,
        publisher=str(meta.get("publisher") or ""),
        author=str(meta.get("author") or ""),
        source=source,
        segments=segments,
        metadata=extra,
    )


def read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-document metadata from `folder/manifest.json`, or {} when there is none."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: manifest is not valid JSON: {e}") from e
    docs = data.get("documents", data) if isinstance(data, dict) else None
    if not isinstance(docs, dict):
        raise InputError(f"{path}: manifest must map document ids to metadata objects")
    return {str(k): dict(v) for k, v in docs.items() if isinstance(v, dict)}


def iter_files(paths: Iterable[Path]) -> list[Path]:
    """Supported files under the given files or folders, sorted; missing paths raise."""
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise NotFoundError(f"path not found: {p}")
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        elif p.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(p)
        else:
            raise DocumentError(f"{p}: unsupported file type {p.suffix!r}; use {', '.join(SUPPORTED_SUFFIXES)}")
    return files


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of `data`, or a DocumentError naming the file."""
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(f"{name}: not valid UTF-8 (byte {e.start})") from e


MAX_FILE_BYTES = 20 * 1024 * 1024


def load_file(path: Path, metadata: Mapping[str, Any] | None = None, doc_id: str | None = None,
              max_bytes: int = MAX_FILE_BYTES, known: Document | None = None) -> Document:
    """Read one file into a Document; the id defaults to the file stem.

    Files over `max_bytes` are refused before reading, so memory stays bounded. When `known`
    (the stored version) has exactly this text, its cleaning is reused: cleaning is a pure
    function of the text, and the costliest step of re-indexing an unchanged corpus.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"{path}: {size} bytes is over the limit of {max_bytes} (RAG_MAX_FILE_BYTES)")
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(f"{path}: cannot read: {e.strerror or e}") from e
    text = decode(data, str(path))
    kind = path.suffix.lower().lstrip(".")
    reuse = known.segments if known is not None and kind in ("txt", "md") and known.text == text.replace("\r\n", "\n") else None
    return make_document(doc_id or path.stem, text, kind=kind, metadata=metadata, source=str(path), segments=reuse)


def load_paths(paths: Iterable[Path], max_bytes: int = MAX_FILE_BYTES,
               known: Mapping[str, Document] | None = None) -> tuple[list[Document], list[LoadProblem]]:
    """Load every supported file under `paths`; bad files are reported and skipped.

    `known` maps doc ids to their stored versions, whose cleaning is reused for unchanged text.

    Raises:
        NotFoundError: a path does not exist.
        EmptyCorpusError: no supported file was found at all.
    """
    paths = [Path(p) for p in paths]
    files = iter_files(paths)
    if not files:
        raise EmptyCorpusError(f"no {', '.join(SUPPORTED_SUFFIXES)} files under {', '.join(map(str, paths))}")
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    docs: list[Document] = []
    problems: list[LoadProblem] = []
    seen: dict[str, Path] = {}
    for f in files:
        folder = f.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        try:
            doc = load_file(f, manifests[folder].get(f.stem), max_bytes=max_bytes, known=(known or {}).get(f.stem))
        except (DocumentError, InputError) as e:
            log.warning("skipped %s", e)
            problems.append(LoadProblem(str(f), str(e)))
            continue
        if doc.doc_id in seen:
            problems.append(LoadProblem(str(f), f"duplicate document id {doc.doc_id!r} (also {seen[doc.doc_id]})"))
            continue
        seen[doc.doc_id] = f
        docs.append(doc)
    return docs, problems


