"""Process-wide settings shared by the notebooks, the CLI and the tests."""

import os
import random

import numpy as np
import torch


def quick_mode() -> bool:
    """True when ``SRN_QUICK=1``: every notebook then runs in seconds (used by CI)."""
    return os.environ.get("SRN_QUICK", "0") == "1"


def set_threads(n: int | None = None) -> int:
    """Set torch's thread count (default: ``SRN_THREADS`` or 1) and return it.

    One thread is the fastest choice for the small models here, and it keeps results
    bit-for-bit identical between the notebook and the command line.
    """
    if n is None:
        n = int(os.environ.get("SRN_THREADS", "1"))
    if n < 1:
        raise ValueError(f"threads must be >= 1, got {n}")
    torch.set_num_threads(n)
    return n


def seed_everything(seed: int) -> torch.Generator:
    """Seed python, numpy and torch; return a fresh torch generator seeded the same way."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)
