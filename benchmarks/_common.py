"""Shared helpers of the benchmark scripts: where the datasets are, how to give up cleanly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """../shared beside the repository, or LAGEBILD_SHARED."""
    return Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()


def dataset(name: str) -> Path:
    path = shared_dir() / "datasets" / name
    if not path.exists():
        sys.exit(
            f"dataset '{name}' not found at {path}; set LAGEBILD_SHARED to the folder holding datasets/"
        )
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB. Linux's ``VmHWM`` belongs to the process's
    own address space; ``getrusage``'s ``ru_maxrss`` (the fallback elsewhere) also carries
    the peak of the parent a child was started from, across ``exec``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
