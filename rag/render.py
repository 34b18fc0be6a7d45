"""HTML renderings of answers and hits for Jupyter."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rag.types import Answer, Citation, Document, Hit

MARKER = re.compile(r"\[(\d+)\]")
"""A citation marker in answer text, e.g. ``[1]``."""

CONTEXT_CHARS = 300
"""Characters of surrounding text shown on each side of a cited quote."""

PASSAGE_CHARS = 280
"""Characters of passage text shown in a hits table."""

_BOX = "border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin:6px 0;"
_MUTED = "color:#666;font-size:0.85em;"
_TABLE = "border-collapse:collapse;font-size:0.9em;"
_CELL = "border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left;"


class Html(str):
    """A string of HTML that Jupyter displays as HTML (for any function of this module that returns text)."""

    def _repr_html_(self) -> str:
        return str(self)


class Hits(list[Hit]):
    """A list of hits that Jupyter displays as a table: ``Hits(rag.search(q))``."""

    def _repr_html_(self) -> str:
        return hits_html(self)


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "undated"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def short_ids(doc_ids: Sequence[str], limit: int = 12) -> dict[str, str]:
    """Short labels for doc ids: the part before the first ``_`` when that tells them apart (pure).

    Args:
        doc_ids: Distinct document ids.
        limit: Longer labels are shortened to this many characters.

    Returns:
        doc_id -> label, e.g. ``000_3400052cf046bda0`` -> ``000``.
    """
    heads = {d: d.split("_", 1)[0] or d for d in doc_ids}
    labels = heads if len(set(heads.values())) == len(heads) else {d: d for d in doc_ids}
    short = {d: _shorten(v, limit) for d, v in labels.items()}
    return short if len(set(short.values())) == len(short) else {d: d for d in doc_ids}


def _anchor(answer: Answer, *salt: object) -> str:
    # Stable per rendering, so several answers shown on one notebook page do not share link targets.
    key = "\x00".join(map(str, (answer.question, answer.answer, *salt)))
    return "rag-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def quote_in_context(quote: str, start: int, end: int, text: str, text_start: int = 0,
                     context: int = CONTEXT_CHARS) -> tuple[str, str, str] | None:
    """Split the text around a quote into (before, quote, after), trimmed to ``context`` characters (pure).

    Args:
        quote: The cited text.
        start: The quote's start offset in the document.
        end: The quote's end offset in the document.
        text: Text holding the quote: a chunk's text or the whole document's.
        text_start: The document offset at which ``text`` begins (a chunk's start, 0 for a document).
        context: Characters kept on each side of the quote; cut text is marked with an ellipsis.

    Returns:
        The three parts, or None when ``text`` does not hold the quote at those offsets
        (nor anywhere else).
    """
    s, e = start - text_start, end - text_start
    if not (0 <= s <= e <= len(text) and text[s:e] == quote):
        s = text.find(quote) if quote else -1
        if s < 0:
            return None
        e = s + len(quote)
    lo, hi = max(0, s - context), min(len(text), e + context)
    if lo > 0:  # start and stop at whitespace, not inside a word
        cut = re.search(r"\s", text[lo:s])
        lo = lo + cut.end() if cut else s
    if hi < len(text):
        cut = re.search(r"\s\S*$", text[e:hi])
        hi = e + cut.start() if cut else e
    before = ("…" if lo > 0 else "") + text[lo:s]
    after = text[e:hi] + ("…" if hi < len(text) else "")
    return before, text[s:e], after


def _source_of(citation: Citation, hits: Sequence[Hit],
               documents: Mapping[str, Document] | None) -> tuple[str, int] | None:
    if documents and citation.doc_id in documents:
        return documents[citation.doc_id].text, 0
    for h in hits:
        if h.chunk.chunk_id == citation.chunk_id:
            return h.chunk.text, h.chunk.start
    for h in hits:  # another retrieved chunk of the same document that spans the quote
        c = h.chunk
        if c.doc_id == citation.doc_id and c.start <= citation.start and citation.end <= c.end:
            return c.text, c.start
    return None


def citation_html(citation: Citation, hits: Sequence[Hit] = (), documents: Mapping[str, Document] | None = None,
                  context: int = CONTEXT_CHARS, anchor: str = "") -> str:
    """One citation as HTML: title, date, doc id, offsets and the quote marked inside its surrounding text (pure).

    The surrounding text comes from ``documents`` when given, else from the
    retrieved hit whose chunk the citation points into; without either, the
    quote is shown alone.

    Args:
        citation: The citation.
        hits: The hits the answer was built from (``Answer.hits``).
        documents: doc_id -> Document, for context beyond the chunk.
        context: Characters of surrounding text on each side of the quote.
        anchor: Element id prefix for links from the answer's markers.

    Returns:
        An HTML fragment; every piece of document text in it is escaped.
    """
    source = _source_of(citation, hits, documents)
    parts = quote_in_context(citation.quote, citation.start, citation.end, *source, context=context) if source else None
    before, quote, after = parts if parts else ("", citation.quote, "")
    ident = f' id="{_esc(anchor)}-{citation.n}"' if anchor else ""
    head = (f"<div><b>[{citation.n}]</b> <b>{_esc(citation.title or citation.doc_id)}</b> "
            f"<span style='{_MUTED}'>{_esc(_date(citation.published))} · {_esc(citation.doc_id)} "
            f"[{citation.start}:{citation.end}] · score {citation.score:.3f}</span></div>")
    body = (f"<div style='white-space:pre-wrap;margin-top:4px;'>{_esc(before)}<mark>{_esc(quote)}</mark>"
            f"{_esc(after)}</div>")
    return f"<div class='rag-citation'{ident} style='{_BOX}'>{head}{body}</div>"


def answer_text_html(text: str, citations: Sequence[Citation] = (), anchor: str = "") -> str:
    """Answer text escaped, with each ``[n]`` marker as a superscript linking to its citation (pure).

    Args:
        text: The answer text.
        citations: The answer's citations; a marker's tooltip shows its quote.
        anchor: Element id prefix of the citations (see :func:`citation_html`).

    Returns:
        An HTML fragment.
    """
    quotes = {c.n: c.quote for c in citations}

    def sup(m: re.Match[str]) -> str:
        n = int(m.group(1))
        label = f"[{n}]"
        if anchor and n in quotes:
            label = f"<a href='#{_esc(anchor)}-{n}' title='{_esc(quotes[n])}'>{label}</a>"
        return f"<sup>{label}</sup>"

    return MARKER.sub(sup, _esc(text))


def answer_html(answer: Answer, documents: Mapping[str, Document] | None = None, context: int = CONTEXT_CHARS) -> str:
    """An answer as HTML: the text with superscript markers, then each citation in context (pure).

    An abstention is shown in a muted "not in the corpus" box with no citations.

    Args:
        answer: What ``Rag.ask`` returned.
        documents: doc_id -> Document, for context beyond the cited chunk (default: the chunk only).
        context: Characters of surrounding text on each side of a quote.

    Returns:
        An HTML fragment; everything taken from documents or the question is escaped.
    """
    anchor = _anchor(answer, context, sorted(documents) if documents else "")
    meta = (f"<div style='{_MUTED}'>{_esc(answer.model)} · confidence {answer.confidence:.2f}"
            + (f" · {answer.timings_ms['total']:.0f} ms" if "total" in answer.timings_ms else "") + "</div>")
    question = f"<div style='{_MUTED}'>Q: {_esc(answer.question)}</div>"
    if answer.abstained:
        box = (f"<div class='rag-answer rag-abstained' style='{_BOX}background:#f4f4f4;color:#555;'>"
               f"<span style='font-weight:bold;'>Not in the corpus</span>"
               f"<div style='font-style:italic;'>{_esc(answer.answer)}</div></div>")
        return f"<div class='rag'>{question}{box}{meta}</div>"
    text = answer_text_html(answer.answer, answer.citations, anchor)
    box = f"<div class='rag-answer' style='{_BOX}font-size:1.05em;'>{text}</div>"
    cites = "".join(citation_html(c, answer.hits, documents, context, anchor) for c in answer.citations)
    heading = f"<div style='{_MUTED}margin-top:8px;'>Citations ({len(answer.citations)})</div>" if cites else ""
    return f"<div class='rag'>{question}{box}{meta}{heading}{cites}</div>"


def _scores(hit: Hit) -> str:
    return " · ".join(f"{k} {v:.3f}" for k, v in hit.scores.items())


def _hit_row(hit: Hit, passage_chars: int) -> str:
    c = hit.chunk
    cells = [
        str(hit.rank),
        f"{hit.score:.3f}" + (f"<div style='{_MUTED}'>{_esc(_scores(hit))}</div>" if hit.scores else ""),
        _esc(c.doc_id),
        _esc(hit.title),
        _esc(_date(hit.published)),
        f"{c.start}:{c.end}",
        f"<span title='{_esc(c.chunk_id)}'>{_esc(_shorten(c.text, passage_chars))}</span>",
    ]
    return "<tr>" + "".join(f"<td style='{_CELL}'>{x}</td>" for x in cells) + "</tr>"


def hits_html(hits: Sequence[Hit], passage_chars: int = PASSAGE_CHARS) -> str:
    """Hits as an HTML table: rank, score, doc, title, date, offsets and the passage, shortened (pure).

    Args:
        hits: What ``Rag.search`` returned (or ``Answer.hits``).
        passage_chars: Characters of passage text shown per hit.

    Returns:
        A ``<table>``; every piece of document text in it is escaped.
    """
    if not hits:
        return f"<div class='rag-hits' style='{_MUTED}'>No passages.</div>"
    header = "".join(f"<th style='{_CELL}'>{h}</th>"
                     for h in ("rank", "score", "doc", "title", "date", "offsets", "passage"))
    rows = "".join(_hit_row(h, passage_chars) for h in hits)
    return f"<table class='rag-hits' style='{_TABLE}'><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def hit_html(hit: Hit) -> str:
    """One hit as a one-row table (see :func:`hits_html`) (pure)."""
    return hits_html([hit])


def compare_html(runs: Mapping[str, Sequence[Hit]], passage_chars: int = 90) -> str:
    """Rankings side by side, one column per run (e.g. per retriever), one row per rank (pure).

    Args:
        runs: name -> hits, e.g. ``{"dense": rag.search(q, 5, mode="dense"), ...}``.
        passage_chars: Characters of passage text per cell.

    Returns:
        A ``<table>``; each cell holds the doc id, offsets, score and the start of the passage.
    """
    names = list(runs)
    short = short_ids(sorted({h.chunk.doc_id for hits in runs.values() for h in hits}))
    depth = max((len(h) for h in runs.values()), default=0)
    header = f"<th style='{_CELL}'>rank</th>" + "".join(f"<th style='{_CELL}'>{_esc(n)}</th>" for n in names)
    rows = []
    for i in range(depth):
        cells = [f"<td style='{_CELL}'>{i + 1}</td>"]
        for n in names:
            hits = runs[n]
            if i < len(hits):
                h = hits[i]
                cells.append(f"<td style='{_CELL}'><b>{_esc(short[h.chunk.doc_id])}</b> "
                             f"<span style='{_MUTED}'>[{h.chunk.start}:{h.chunk.end}] {h.score:.3f}</span><br>"
                             f"{_esc(_shorten(h.chunk.text, passage_chars))}</td>")
            else:
                cells.append(f"<td style='{_CELL}'></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table class='rag-compare' style='{_TABLE}'><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
