"""Experiments: one module per notebook, each a function from (preset, seed) to a Result.

The notebook, the command line (``python -m srn_lib run NAME``) and the tests all call the
same ``run`` function, so they cannot disagree. Each module defines

    PRESETS = {"quick": {...}, "default": {...}, "paper": {...}}
    def run(preset="default", seed=0, progress=True, **overrides) -> Result
"""

import importlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

MODULES = {
    "dae_score": "srn_lib.experiments.dae_score",
    "attractor_energy": "srn_lib.experiments.attractor_energy",
}
PRESET_NAMES = ("quick", "default", "paper")


@dataclass
class Result:
    """What an experiment returns: its settings, its metrics by name, and data for the plots."""

    name: str
    preset: str
    seed: int
    config: dict
    metrics: dict[str, float]
    wall_time_s: float
    artifacts: dict = field(default_factory=dict, repr=False)  # models and arrays; not saved

    def to_dict(self) -> dict:
        from srn_lib import __version__

        return {
            "name": self.name,
            "preset": self.preset,
            "seed": self.seed,
            "config": self.config,
            "metrics": self.metrics,
            "wall_time_s": round(self.wall_time_s, 3),
            "version": __version__,
        }

    def save(self, out_dir: str | os.PathLike) -> Path:
        """Write ``out_dir/NAME.json`` atomically (a temporary file, then a rename)."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{self.name}.json"
        fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{self.name}.", suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            json.dump(self.to_dict(), f, indent=2)
            f.write("\n")
        os.replace(tmp, path)
        return path

    def table(self) -> str:
        """The metrics as an aligned two-column table."""
        width = max(len(k) for k in self.metrics)
        lines = [f"{self.name}  (preset={self.preset}, seed={self.seed}, {self.wall_time_s:.1f} s)"]
        lines += [f"  {k:<{width}}  {v:.4f}" for k, v in self.metrics.items()]
        return "\n".join(lines)


def get(name: str) -> ModuleType:
    """The experiment module called ``name``."""
    if name not in MODULES:
        raise ValueError(f"unknown experiment {name!r}; choose one of: {', '.join(MODULES)}")
    return importlib.import_module(MODULES[name])


def describe(name: str) -> str:
    """The first line of the experiment module's docstring."""
    return (get(name).__doc__ or "").strip().splitlines()[0]


def resolve_config(presets: dict, preset: str, overrides: dict) -> dict:
    """The preset's settings, with ``overrides`` applied; unknown keys and presets are errors."""
    if preset not in presets:
        raise ValueError(f"preset must be one of {', '.join(presets)}, got {preset!r}")
    config = dict(presets[preset])
    unknown = set(overrides) - set(config)
    if unknown:
        raise ValueError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(config)}")
    config.update(overrides)
    return config


class Stopwatch:
    """``with Stopwatch() as t: ...`` then ``t.seconds``."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
