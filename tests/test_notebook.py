"""The exploration notebook: committed without outputs, public API only, and runs headless and offline.

Strip the outputs before committing with `.venv/bin/python tests/test_notebook.py --strip`.
"""

from __future__ import annotations

import ast
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
ALLOWED_IMPORTS = frozenset({
    "rag", "eval", "numpy", "matplotlib", "IPython",  # the library, its evaluation, the map and Jupyter's display
    "collections", "os", "pathlib", "time", "warnings",
})
RUN_SECONDS = 120.0
"""The notebook should run in about this long on a 2-core CPU machine (reported, not enforced)."""


def strip_outputs(nb: Any) -> Any:
    """Remove outputs, execution counts and per-run cell metadata from a notebook, in place.

    Args:
        nb: An nbformat notebook.

    Returns:
        The same notebook.
    """
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in ("execution", "ExecuteTime", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    return nb


def _code(nb: Any) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_committed_notebook_has_no_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"cells {dirty} of {NOTEBOOK.name} have outputs: run `python tests/test_notebook.py --strip`"
    assert nb.metadata.kernelspec.name == "python3"


def test_notebook_imports_only_the_public_api() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    roots: set[str] = set()
    for source in _code(nb):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                roots.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                roots.add(node.module.split(".")[0])
                assert not any(part.startswith("_") for part in node.module.split(".")), node.module
    assert roots <= ALLOWED_IMPORTS, roots - ALLOWED_IMPORTS
    assert "from rag import Rag, Settings" in "\n".join(_code(nb))


@pytest.mark.slow
def test_notebook_runs_headless_and_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "rag-home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend shows the figures
    work = tmp_path / "work"
    work.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}})
    t0 = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - t0
    print(f"notebook executed in {seconds:.1f} s (target {RUN_SECONDS:.0f} s)")

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    data = [o.get("data", {}) for o in outputs if o.output_type in ("display_data", "execute_result")]
    assert any("image/png" in d for d in data), "no figure"
    html = [d["text/html"] for d in data if "text/html" in d]
    assert html, "no HTML output"
    assert any("<mark>" in h for h in html), "no highlighted citation"
    assert any("rag-abstained" in h for h in html), "no abstention"
    assert any(h.startswith("<table class='rag-hits'") for h in html), "no hits table"
    streams = "".join(o.text for o in outputs if o.output_type == "stream")
    assert f"index home: {tmp_path / 'rag-home'}" in streams  # RAG_HOME was honoured
    assert (tmp_path / "rag-home" / "eval-runs").is_dir()
    assert not list(work.iterdir()), "the notebook wrote into its working directory"


if __name__ == "__main__":  # `python tests/test_notebook.py --strip`: strip outputs before committing
    import nbformat as _nbformat

    if sys.argv[1:] != ["--strip"]:
        sys.exit("usage: python tests/test_notebook.py --strip")
    _nbformat.write(strip_outputs(_nbformat.read(NOTEBOOK, as_version=4)), NOTEBOOK)
    print(f"stripped {NOTEBOOK}")
