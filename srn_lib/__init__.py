"""srn_lib: the small library behind the State-Reification notebooks.

Two reifiers (``reify.dae``, ``reify.attractor``), the data of the experiments (``data``),
one training loop (``train``) and one module per experiment (``experiments``).
"""

from srn_lib.runtime import quick_mode, seed_everything, set_threads

__version__ = "0.1.0"

__all__ = ["__version__", "quick_mode", "seed_everything", "set_threads"]
