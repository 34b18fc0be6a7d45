"""Child-process entry for measurements that need a clean process: `python -m bench.worker scale N HOME [DIM]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.measure import measure_store_scale


def main(argv: list[str]) -> int:
    """Run one scale point, writing progress lines and then a result line as JSON to stdout."""
    if len(argv) < 3 or argv[0] != "scale":
        sys.stderr.write("usage: python -m bench.worker scale N HOME [DIM]\n")
        return 2
    n, home = int(argv[1]), Path(argv[2])
    dim = int(argv[3]) if len(argv) > 3 else 384

    def progress(done: int, elapsed: float) -> None:
        sys.stdout.write(json.dumps({"progress": done, "elapsed_s": round(elapsed, 2)}) + "\n")
        sys.stdout.flush()

    result = measure_store_scale(n, home, dim, progress=progress)
    sys.stdout.write(json.dumps({"result": result}) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
