"""The `rag` command: index, search, ask, status, serve, eval, bench."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.errors import ConfigError, RagError, exit_code


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from e


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from rag.config import Settings

    overrides: dict[str, Any] = {}
    for key in ("model", "retriever"):
        if getattr(args, key, None):
            overrides[key] = getattr(args, key)
    try:
        return Settings(**overrides)
    except ValidationError as e:
        first = e.errors()[0]
        raise ConfigError(f"setting {'.'.join(map(str, first['loc']))}: {first['msg']}") from e


def _rag(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rag.service import Rag

    return Rag(_settings(args))


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_index(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    rag = _rag(args)
    bar = tqdm(total=0, unit="chunk", desc="embedding", disable=args.json or not sys.stderr.isatty())

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    report = rag.index(args.paths or ["seeds"], rebuild=args.rebuild, progress=progress)
    bar.close()
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"indexed {report.documents} documents ({len(report.added)} added, {len(report.updated)} updated, "
              f"{len(report.unchanged)} unchanged, {len(report.removed)} removed): {report.chunks} chunks, "
              f"{report.chunks_embedded} embedded, {report.chunks_deleted} deleted in {report.seconds:.1f} s")
    for p in report.problems:
        print(f"skipped {p.path}: {p.reason}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hits = _rag(args).search(args.query, args.k, since=args.since, until=args.until, mode=args.retriever)
    if args.json:
        _print_json({"query": args.query, "hits": [h.to_dict() for h in hits]})
        return 0
    for h in hits:
        date = h.published.isoformat() if h.published else "undated"
        text = " ".join(h.chunk.text.split())
        print(f"{h.rank:>2}. {h.score:.3f}  {h.chunk.doc_id} [{h.chunk.start}:{h.chunk.end}] {h.title} ({date})")
        print(f"    {text[:300]}{'…' if len(text) > 300 else ''}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    rag = _rag(args)
    answer = rag.ask(args.question, args.k, model=args.model, since=args.since, until=args.until)
    # Why it answered or abstained: the offline answerer's reply before the threshold, and its evidence.
    why = rag.explain(args.question, args.k) if args.explain else None
    if args.json:
        _print_json({**answer.to_dict(), **({"explain": why} if why is not None else {})})
        return 0
    print(answer.answer)
    for c in answer.citations:
        date = c.published.isoformat() if c.published else "undated"
        print(f"  [{c.n}] {c.title} ({date}) {c.doc_id} [{c.start}:{c.end}]: \"{' '.join(c.quote.split())}\"")
    if why is not None:
        shown = ", ".join(f"{k} {v:g}" for k, v in why["evidence"].items()) or "no sentence to read"
        print(f"support {why['support']:g} (threshold {rag.settings.abstain_threshold:g}): {shown}")
        if answer.abstained and why["answer"]:
            print(f"  below the threshold it would have answered: {why['answer']}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = _rag(args).status()
    if args.json:
        _print_json(status)
    else:
        for k, v in status.items():
            print(f"{k}: {v}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    settings = _settings(args)
    if args.index:
        from rag.service import Rag

        rag = Rag(settings)
        report = rag.index(args.index)
        print(f"indexed {report.documents} documents, {report.chunks} chunks ({report.chunks_embedded} embedded)")
        rag.close()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description="Question answering over documents with verified citations.")
    p.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("index", help="index files or folders (default: seeds/)")
    s.add_argument("paths", nargs="*", type=Path)
    s.add_argument("--rebuild", action="store_true", help="drop the vector index and rebuild it from the corpus")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_index)

    for name, helptext in (("search", "ranked passages for a query"), ("ask", "answer a question with citations")):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("query" if name == "search" else "question")
        s.add_argument("--k", type=int, default=None, help="passages to retrieve")
        s.add_argument("--json", action="store_true")
        s.add_argument("--since", type=_date, help="only documents published on or after (YYYY-MM-DD)")
        s.add_argument("--until", type=_date, help="only documents published on or before (YYYY-MM-DD)")
        s.add_argument("--retriever", choices=["dense", "lexical", "hybrid"])
        if name == "ask":
            s.add_argument("--model", help="a litellm model string; default: the offline answerer")
            s.add_argument("--explain", action="store_true",
                           help="also print the offline answerer's support and the evidence it was read from")
        s.set_defaults(func=cmd_search if name == "search" else cmd_ask)

    s = sub.add_parser("status", help="documents, chunks and duplicate groups in the index")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--index", nargs="*", type=Path, help="index these paths before serving")
    s.set_defaults(func=cmd_serve)

    # Listed for --help; their own parsers take the arguments (see DELEGATED in main).
    sub.add_parser("eval", help="run the evaluation harness (see `rag eval --help`)", add_help=False)
    sub.add_parser("bench", help="run the performance benchmark (see `rag bench --help`)", add_help=False)
    return p


DELEGATED = {"eval": "eval.cli", "bench": "bench.run"}


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        import importlib

        try:
            return int(importlib.import_module(DELEGATED[argv[0]]).main(argv[1:]) or 0)
        except RagError as e:
            print(f"error: {e}", file=sys.stderr)
            return exit_code(e)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return exit_code(e)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
