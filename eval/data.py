"""Loading and validating the gold question set (eval/gold.jsonl)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SPLITS: frozenset[str] = frozenset({"dev", "test"})
REQUIRED_KEYS: tuple[str, ...] = ("id", "question", "sources", "evidence", "type", "split")
ANSWER_KEYS: tuple[str, ...] = ("answers", "answers_all", "unanswerable")


class GoldError(ValueError):
    """The gold file is missing or malformed; the message names every problem with its line number."""


def _is_str_list(value: Any, *, allow_empty: bool) -> bool:
    return (
        isinstance(value, list)
        and (allow_empty or bool(value))
        and all(isinstance(v, str) and v.strip() for v in value)
    )


def validate_item(item: Any) -> list[str]:
    """Problems with one gold item, as short messages (empty when the item is valid).

    An item is a JSON object with a non-empty string ``id`` and ``question``, a
    ``type`` string, a ``split`` of ``dev`` or ``test``, ``sources`` and
    ``evidence`` lists of strings, and exactly one of ``answers`` (aliases, any
    one suffices), ``answers_all`` (parts, all required) or ``unanswerable: true``.
    Answerable items need at least one source and one evidence quote.

    Args:
        item: A parsed JSON value.

    Returns:
        The problems found, in a stable order.
    """
    if not isinstance(item, dict):
        return [f"expected a JSON object, got {type(item).__name__}"]
    problems = [f"missing key {key!r}" for key in REQUIRED_KEYS if key not in item]
    for key in ("id", "question", "type"):
        if key in item and not (isinstance(item[key], str) and item[key].strip()):
            problems.append(f"{key!r} must be a non-empty string")
    if "split" in item and item["split"] not in SPLITS:
        problems.append(f"'split' must be one of {sorted(SPLITS)}, got {item['split']!r}")
    for key in ("sources", "evidence"):
        if key in item and not _is_str_list(item[key], allow_empty=True):
            problems.append(f"{key!r} must be a list of non-empty strings")
    present = [key for key in ANSWER_KEYS if item.get(key)]
    if len(present) != 1:
        problems.append(
            "needs exactly one of 'answers', 'answers_all' or 'unanswerable: true'"
            + (f" (found {', '.join(present)})" if present else "")
        )
    elif present[0] == "unanswerable":
        if item["unanswerable"] is not True:
            problems.append("'unanswerable' must be true when present")
    else:
        if not _is_str_list(item[present[0]], allow_empty=False):
            problems.append(f"{present[0]!r} must be a non-empty list of non-empty strings")
        if not item.get("sources"):
            problems.append("an answerable item needs at least one source")
        if not item.get("evidence"):
            problems.append("an answerable item needs at least one evidence quote")
    return problems


def normalize_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A validated gold item with every optional field filled in (pure).

    Args:
        item: A gold item that passed :func:`validate_item`.

    Returns:
        A new dict with ``answers``, ``answers_all`` (lists) and ``unanswerable`` (bool) always present.
    """
    out = dict(item)
    out["answers"] = list(item.get("answers") or [])
    out["answers_all"] = list(item.get("answers_all") or [])
    out["unanswerable"] = bool(item.get("unanswerable", False))
    out["sources"] = list(item.get("sources") or [])
    out["evidence"] = list(item.get("evidence") or [])
    return out


def parse_gold(text: str, name: str = "<gold>") -> list[dict[str, Any]]:
    """Parse and validate gold JSON lines (pure).

    Blank lines are skipped. Every problem is collected before raising, so one
    error lists all bad lines.

    Args:
        text: The file's content, one JSON object per line.
        name: How to call the source in error messages (usually its path).

    Returns:
        The items, normalised by :func:`normalize_item`, in file order.

    Raises:
        GoldError: If any line is invalid JSON or an invalid item, ids repeat, or there are no items.
    """
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{name} line {lineno}: invalid JSON: {e.msg} (column {e.colno})")
            continue
        found = validate_item(obj)
        label = f"{name} line {lineno}" + (f" ({obj['id']})" if isinstance(obj, dict) and isinstance(obj.get("id"), str) else "")
        problems.extend(f"{label}: {p}" for p in found)
        if found:
            continue
        if obj["id"] in first_line:
            problems.append(f"{label}: duplicate id {obj['id']!r} (first on line {first_line[obj['id']]})")
            continue
        first_line[obj["id"]] = lineno
        items.append(normalize_item(obj))
    if problems:
        raise GoldError(f"{len(problems)} problem(s) in {name}:\n" + "\n".join(f"  {p}" for p in problems))
    if not items:
        raise GoldError(f"{name}: no gold items")
    return items


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read and validate a gold JSONL file.

    Args:
        path: The gold file, e.g. ``eval/gold.jsonl``.

    Returns:
        The gold items (see :func:`parse_gold`).

    Raises:
        GoldError: If the file is missing, unreadable, not UTF-8, or has invalid lines.
    """
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"gold file not found: {p}" + (" (it is a directory)" if p.is_dir() else ""))
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"cannot read gold file {p}: {e}") from e
    return parse_gold(text, str(p))


def filter_split(items: Sequence[Mapping[str, Any]], split: str | None) -> list[Mapping[str, Any]]:
    """The items of one split, or all of them when ``split`` is None (pure).

    Args:
        items: Gold items.
        split: ``dev``, ``test`` or None.

    Returns:
        The selected items, in order.

    Raises:
        ValueError: If ``split`` is not None, ``dev`` or ``test``.
    """
    if split is None:
        return list(items)
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}, got {split!r}")
    return [it for it in items if it.get("split") == split]
