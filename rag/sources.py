"""The sources a question names: "according to The Week", "the NYT report", "Belsat's analysis",
"the Higgins and Dapkus article". A reader who names a source wants the answer from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

# Values a publisher field takes when the publisher is not known: they name nothing.
_NO_PUBLISHER = frozenset({"", "unknown", "not stated", "n/a", "none", "anonymous"})


# Kinds of text a reader may call a document by when it has no publisher's name to call it by.
_KIND_RE = re.compile(r"\b(commentary|op-ed|opinion|editorial|blog|column)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # asked of every document for every question; its metadata rarely changes
def source_names(publisher: str, author: str) -> frozenset[str]:
    """The names a question may call a document by: its publisher ("New York Times"), the
    publisher's initials when it has several words ("NYT"), "the" and its last word ("the Times"),
    and the surnames of its authors given with a first name ("Higgins", "Dapkus").
    A parenthesised or semicolon-separated remark after the publisher is not part of its name; the
    kind of text it says the document is ("commentary site") is one."""
    names: set[str] = set()
    # A remark may say what kind of text it is ("not stated (US commentary site)"): "the commentary" names it.
    head, *remark = re.split(r"[(\[;]", publisher, maxsplit=1)
    if remark:
        names.update(k.lower() for k in _KIND_RE.findall(remark[0]))
    words = head.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if " ".join(words).lower() not in _NO_PUBLISHER:
        names.add(" ".join(words))
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= 2:
            names.add("".join(w[0] for w in capitals))
            names.add(f"the {words[-1]}")
    for person in re.split(r",|\band\b|&", re.sub(r"\(.*?\)", "", author)):
        parts = person.split()
        if len(parts) >= 2 and parts[-1][:1].isupper():  # a lone word may be a first name or a handle
            names.add(parts[-1])
    return frozenset(names)


def _named(name: str, question: str) -> bool:
    # Names are matched with their capitals ("The Week", not "this week"); only "the" may open a sentence.
    pattern = rf"\b[Tt]he {re.escape(name[4:])}" if name.startswith("the ") else rf"(?<![\w-]){re.escape(name)}"
    return re.search(pattern + r"(?![\w-])", question) is not None


def names_source(question: str, names: Iterable[str]) -> bool:
    """Whether the question names a source by one of its names."""
    return any(_named(n, question) for n in names)


def named_documents(question: str, sources: Mapping[str, tuple[str, str]]) -> frozenset[str]:
    """The ids of the documents the question names, from {doc_id: (publisher, author)}."""
    return frozenset(doc_id for doc_id, (publisher, author) in sources.items()
                     if names_source(question, source_names(publisher, author)))
