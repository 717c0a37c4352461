"""The interactive demos: a noise-level slider and an iteration-count slider around a draw function.

Headless (CI, nbconvert) ``interact`` calls ``draw`` once with the default values, so every
demo still produces its figure. With ``SRN_STATIC_WIDGETS=1`` no widget is created at all and
``draw`` is called once directly: the test suite sets it, because executing widget cells
headless under CPU load can stall the notebook client for its whole cell timeout.
"""

import os
from collections.abc import Callable, Sequence

import ipywidgets as widgets


def noise_and_iterations(
    draw: Callable[[float, int], None],
    noise_levels: Sequence[float],
    max_iterations: int,
    noise: float | None = None,
    iterations: int = 0,
    noise_label: str = "noise σ",
    iterations_label: str = "iterations k",
):
    """Show ``draw(noise, iterations)`` under two sliders; the noise slider steps through ``noise_levels``.

    Returns nothing, so a notebook cell that ends with this call shows only the sliders and the figure.
    """
    levels = list(noise_levels)
    noise = levels[len(levels) // 2] if noise is None else noise
    if noise not in levels:
        raise ValueError(f"noise={noise} must be one of noise_levels={levels}")
    if not 0 <= iterations <= max_iterations:
        raise ValueError(f"iterations must be in [0, {max_iterations}], got {iterations}")
    if os.environ.get("SRN_STATIC_WIDGETS") == "1":
        print(f"(sliders off: SRN_STATIC_WIDGETS=1; {noise_label} = {noise}, {iterations_label} = {iterations})")
        draw(noise, iterations)
        return
    style = {"description_width": "initial"}
    noise_slider = widgets.SelectionSlider(options=levels, value=noise, description=noise_label,
                                           continuous_update=False, style=style)
    iter_slider = widgets.IntSlider(value=iterations, min=0, max=max_iterations, description=iterations_label,
                                    continuous_update=False, style=style)
    widgets.interact(lambda noise, iterations: draw(noise, iterations), noise=noise_slider, iterations=iter_slider)
