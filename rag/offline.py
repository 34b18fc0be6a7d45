"""The offline answerer: picks the sentences that answer a question from retrieved passages.

It is registered as a litellm custom provider ("offline/..."), so it sits behind the same
`completion()` call and the same JSON reply contract as hosted models.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rag.dates import resolve_relative
from rag.retrieval import query_terms
from rag.text import sentence_spans, tokens, word_count

_DATE_HINT = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b|\b(last|this|next) (year|month)\b"
)
_NUMBER_HINT = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion|"
    r"percent|half|several|many)\b",
    re.IGNORECASE,
)
_NAME_HINT = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+)+")


_WH_RE = re.compile(r"\b(who|whom|whose|when|where|which|what|how|why)\b", re.IGNORECASE)


def question_type(question: str) -> str:
    """What kind of answer the question wants, read from its leading question word.

    One of date, number, person, byline, place or other. A "when" inside a later clause
    ("what post did he hold when he met ...") does not make it a date question.
    """
    q = question.lower()
    if re.search(r"\bwho (wrote|reported|authored)\b|\bwritten by\b|\bauthors? of\b|\bbyline\b", q):
        return "byline"
    m = _WH_RE.search(q)
    head = q[m.start():] if m else q
    if re.match(r"when\b|(what|which) (year|date|day|month)\b|in what (year|month)\b|on what (date|day)\b", head) or \
            re.search(r"\b(in|on|since|until) (what|which) (year|date|day|month)\b", q):
        return "date"
    if re.match(r"how (many|much|long|old|far)\b|(what|which) (number|percentage|share|proportion|rank|fraction)\b|"
                r"what percent", head):
        return "number"
    if re.match(r"(who|whom|whose)\b|which (person|official|officials|leader|diplomat|analyst|expert|minister)\b", head):
        return "person"
    if re.match(r"where\b|(what|which) (city|country|village|capital|town)\b", head) or \
            re.search(r"\b(to|in|from) which (city|country|village|capital|town)\b|\bname of the (city|village|town)\b", q):
        return "place"
    return "other"


_PLACE_HINT = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]{2,}")


def type_match(kind: str, sentence: str) -> float:
    """1.0 when the sentence holds the kind of thing the question asks for, 0.5 when any will do."""
    if kind == "byline":
        return 1.0 if re.match(r"By\s+[A-Z]", sentence) else 0.0
    if kind == "date":
        return 1.0 if _DATE_HINT.search(sentence) else 0.0
    if kind == "number":
        return 1.0 if _NUMBER_HINT.search(sentence) else 0.0
    if kind == "person":
        return 1.0 if _NAME_HINT.search(sentence) else 0.0
    if kind == "place":
        return 1.0 if _PLACE_HINT.search(sentence) else 0.0
    return 0.5


# Questions that ask for several things: each part may need its own sentence (and source).
_MULTI_RE = re.compile(r"\b(and|both|two|three|each|as well as|besides)\b", re.IGNORECASE)
# Questions that say outright that they want two things.
_PLURAL_RE = re.compile(r"\b(both|two|three)\b", re.IGNORECASE)


def asks_for_several(question: str) -> bool:
    """Whether a question may need more than one sentence (and source) to answer."""
    return bool(_MULTI_RE.search(question))


W_COVERAGE, W_SIMILARITY, W_TYPE, W_PASSAGE = 0.40, 0.30, 0.20, 0.10


def _local_idf(sentences: Sequence[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(s)
    n = len(sentences)
    return {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}


def _coverage(weights: dict[str, float], toks: set[str] | frozenset[str]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in toks) / total if total else 0.0


def extract(question: str, passages: Sequence[dict[str, Any]], features: dict[str, Any] | None = None,
            max_sentences: int = 2) -> dict[str, Any]:
    """Choose answer sentences from passages, with a support score.

    Each sentence is scored by the IDF-weighted share of the question's terms it holds, its
    embedding similarity to the question (when the caller supplied it in `features`), whether
    it holds the kind of answer asked for, and its passage's retrieval score. Questions that
    ask for several things get a greedy cover: further sentences are added while they bring
    enough of the question's weight that the chosen ones lack.

    Args:
        question: the user's question.
        passages: [{"n", "text", "published", "score", ...}] in rank order.
        features: {"terms": {term: idf}, "sentences": {n: [[start, end, similarity], ...]}}.

    Returns:
        The reply contract: {"answer", "citations": [{"n", "quote"}], "abstained", "support"}.
    """
    features = features or {}
    kind = question_type(question)
    spans = features.get("sentences") or {}
    cands = []
    for p in passages:
        text = p["text"]
        given = spans.get(str(p["n"]))
        title = " ".join(str(p.get("title") or "").split()).lower()
        for s, e, sim in (given if given else [(s, e, None) for s, e in sentence_spans(text)]):
            sent = text[int(s) : int(e)]
            # Datelines, captions of a word or two, and the headline itself answer nothing.
            flat = " ".join(sent.split()).lower()
            if word_count(sent) < 4 or (title and (flat == title or (len(title) > 20 and title in flat))):
                continue
            cands.append({"p": p, "text": sent, "toks": set(tokens(sent)), "sim": sim})
    terms = features.get("terms") or {}
    if not terms:
        local = _local_idf([c["toks"] for c in cands])
        unseen = math.log(1.0 + (len(cands) + 0.5) / 0.5)
        terms = {t: local.get(t, unseen) for t in query_terms(question)}
    if not cands or not terms:
        return {"answer": "", "citations": [], "abstained": True, "support": 0.0}
    top = max(float(p.get("score", 0.0)) for p in passages) or 1.0
    for c in cands:
        c["coverage"] = _coverage(terms, c["toks"])
        c["type"] = type_match(kind, c["text"])
        sim = c["sim"] if c["sim"] is not None else c["coverage"]
        c["score"] = (W_COVERAGE * c["coverage"] + W_SIMILARITY * max(sim, 0.0) + W_TYPE * c["type"]
                      + W_PASSAGE * float(c["p"].get("score", 0.0)) / top)
    cands.sort(key=lambda c: -c["score"])
    chosen = [cands[0]]
    if asks_for_several(question):
        plural = bool(_PLURAL_RE.search(question))
        covered = set(cands[0]["toks"])
        for c in cands[1:]:
            if len(chosen) >= max_sentences:
                break
            missing = {t: w for t, w in terms.items() if t not in covered}
            gain = sum(w for t, w in missing.items() if t in c["toks"]) / (sum(terms.values()) or 1.0)
            other_doc = all(c["p"]["doc_id"] != o["p"]["doc_id"] for o in chosen)
            wanted = gain >= 0.15 or (plural and other_doc and c["type"] >= chosen[0]["type"])
            if wanted and c["score"] >= 0.6 * chosen[0]["score"] and c["text"] != chosen[0]["text"]:
                chosen.append(c)
                covered |= c["toks"]
    union = set().union(*(c["toks"] for c in chosen))
    best = chosen[0]
    sim = best["sim"] if best["sim"] is not None else best["coverage"]
    support = 0.45 * _coverage(terms, union) + 0.35 * max(min(sim, 1.0), 0.0) + 0.20 * max(c["type"] for c in chosen)
    parts, cites = [], []
    for c in chosen:
        published = c["p"].get("published")
        pub = dt.date.fromisoformat(published) if published else None
        parts.append(f"{resolve_relative(c['text'], pub)} [{c['p']['n']}]")
        cites.append({"n": c["p"]["n"], "quote": c["text"]})
    return {"answer": " ".join(parts), "citations": cites, "abstained": False, "support": round(support, 4)}


PASSAGES_MARKER = "PASSAGES (JSON):"
FEATURES_MARKER = "FEATURES (JSON):"


def parse_prompt(messages: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """Question, passages and features from the user message `rag.answer.build_messages` wrote."""
    content = next(m["content"] for m in reversed(messages) if m.get("role") == "user")
    head, _, body = content.partition(PASSAGES_MARKER)
    body, _, feats = body.partition(FEATURES_MARKER)
    question = head.split("QUESTION:", 1)[-1].strip()
    passages = json.loads(body) if body.strip() else []
    features = json.loads(feats) if feats.strip() else {}
    return question, passages, features


def offline_reply(messages: Sequence[dict[str, Any]]) -> str:
    question, passages, features = parse_prompt(messages)
    return json.dumps(extract(question, passages, features), ensure_ascii=False)


def register() -> None:
    """Make "offline/<anything>" a litellm model served by `extract` (idempotent)."""
    import litellm
    from litellm import CustomLLM
    from litellm.types.utils import ModelResponse

    if any(p.get("provider") == "offline" for p in litellm.custom_provider_map or []):
        return

    class OfflineLLM(CustomLLM):
        def completion(self, *args: Any, **kwargs: Any) -> ModelResponse:
            content = offline_reply(kwargs.get("messages") or [])
            return ModelResponse(model=kwargs.get("model", "offline"),
                                 choices=[{"message": {"role": "assistant", "content": content}, "finish_reason": "stop"}])

        async def acompletion(self, *args: Any, **kwargs: Any) -> ModelResponse:
            return self.completion(*args, **kwargs)

    litellm.custom_provider_map = [*(litellm.custom_provider_map or []), {"provider": "offline", "custom_handler": OfflineLLM()}]

