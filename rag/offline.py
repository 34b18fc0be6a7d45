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


def question_type(question: str) -> str:
    """What kind of answer the question wants: date, number, person, place or other."""
    q = question.lower()
    if re.search(r"\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|month)\b|\bhow long ago\b", q):
        return "date"
    if re.search(r"\bhow (many|much|long|old|far)\b|\bwhat (number|percentage|share|proportion|rank)\b|\bwhat percent", q):
        return "number"
    if re.search(r"\bwho\b|\bwhom\b|\bwhose\b|\bwhich (person|official|leader|diplomat|analyst|expert)\b", q):
        return "person"
    if re.search(r"\bwhere\b|\bwhich (city|country|village|capital)\b", q):
        return "place"
    return "other"


def type_match(kind: str, sentence: str) -> float:
    """1.0 when the sentence holds the kind of thing the question asks for."""
    if kind == "date":
        return 1.0 if _DATE_HINT.search(sentence) else 0.0
    if kind == "number":
        return 1.0 if _NUMBER_HINT.search(sentence) else 0.0
    if kind in ("person", "place"):
        return 1.0 if _NAME_HINT.search(sentence) else 0.0
    return 0.5


def _idf(sentences: Sequence[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(s)
    n = len(sentences)
    return {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()} | {"": math.log(1.0 + (n + 0.5) / 0.5)}


def _coverage(terms: Sequence[str], toks: set[str], idf: dict[str, float]) -> float:
    weight = {t: idf.get(t, idf[""]) for t in terms}
    total = sum(weight.values())
    return sum(w for t, w in weight.items() if t in toks) / total if total else 0.0


def extract(question: str, passages: Sequence[dict[str, Any]], max_sentences: int = 2) -> dict[str, Any]:
    """Choose answer sentences from passages.

    Each sentence is scored by the IDF-weighted share of the question's terms it holds
    (IDF over the candidate sentences), whether it holds the kind of answer asked for, and
    its passage's retrieval score. A second sentence from another document is added when it
    covers question terms the first lacks (questions that need two sources).

    Args:
        question: the user's question.
        passages: [{"n", "text", "published", "score", ...}] in rank order.

    Returns:
        The reply contract: {"answer", "citations": [{"n", "quote"}], "abstained", "support"}.
    """
    terms = query_terms(question)
    kind = question_type(question)
    cands = []
    for p in passages:
        text = p["text"]
        for s, e in sentence_spans(text):
            sent = text[s:e]
            if word_count(sent) < 4:
                continue
            cands.append({"p": p, "text": sent, "toks": set(tokens(sent))})
    if not cands or not terms:
        return {"answer": "", "citations": [], "abstained": True, "support": 0.0}
    idf = _idf([c["toks"] for c in cands])
    top = max(float(p.get("score", 0.0)) for p in passages) or 1.0
    for c in cands:
        c["coverage"] = _coverage(terms, c["toks"], idf)
        c["type"] = type_match(kind, c["text"])
        c["score"] = 0.6 * c["coverage"] + 0.15 * c["type"] + 0.25 * float(c["p"].get("score", 0.0)) / top
    cands.sort(key=lambda c: -c["score"])
    chosen = [cands[0]]
    covered = set(cands[0]["toks"])
    for c in cands[1:]:
        if len(chosen) >= max_sentences:
            break
        new = [t for t in terms if t in c["toks"] and t not in covered]
        gain = _coverage(new, c["toks"], idf) * len(new) / max(len(terms), 1)
        if c["p"]["doc_id"] != chosen[0]["p"]["doc_id"] and gain >= 0.2 and c["score"] >= 0.6 * chosen[0]["score"]:
            chosen.append(c)
            covered |= c["toks"]
    parts, cites = [], []
    for c in chosen:
        published = c["p"].get("published")
        pub = dt.date.fromisoformat(published) if published else None
        parts.append(f"{resolve_relative(c['text'], pub)} [{c['p']['n']}]")
        cites.append({"n": c["p"]["n"], "quote": c["text"]})
    return {"answer": " ".join(parts), "citations": cites, "abstained": False, "support": round(chosen[0]["coverage"], 4)}


PASSAGES_MARKER = "PASSAGES (JSON):"


def parse_prompt(messages: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Question and passages from the user message that `rag.answer.build_messages` wrote."""
    content = next(m["content"] for m in reversed(messages) if m.get("role") == "user")
    head, _, body = content.partition(PASSAGES_MARKER)
    question = head.split("QUESTION:", 1)[-1].strip()
    passages = json.loads(body) if body.strip() else []
    return question, passages


def offline_reply(messages: Sequence[dict[str, Any]]) -> str:
    question, passages = parse_prompt(messages)
    return json.dumps(extract(question, passages), ensure_ascii=False)


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

