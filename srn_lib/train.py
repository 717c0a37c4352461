"""One small optimisation loop, with a progress bar that can be silenced."""

from collections.abc import Callable, Iterable

import torch
from tqdm.auto import tqdm

from srn_lib import checks


def fit(
    loss_fn: Callable[[int], torch.Tensor],
    parameters: Iterable[torch.nn.Parameter],
    steps: int,
    lr: float = 1e-3,
    progress: bool = True,
    desc: str = "training",
    after_step: Callable[[], None] | None = None,
    cosine_decay: bool = True,
) -> list[float]:
    """Minimise ``loss_fn(step)`` with Adam for ``steps`` steps; return the loss history.

    With ``cosine_decay`` the learning rate falls as lr * (1 + cos(pi * step / steps)) / 2,
    which averages out the gradient noise of the last steps (it matters for DAEs, whose
    targets are noisy by design).

    Raises ``FloatingPointError`` as soon as the loss is NaN or infinite, naming the step,
    instead of training on garbage.
    """
    checks.non_negative_int("steps", steps)
    checks.positive_number("lr", lr)
    params = [p for p in parameters if p.requires_grad]
    optimiser = torch.optim.Adam(params, lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, max(steps, 1)) if cosine_decay else None
    history = []
    bar = tqdm(range(steps), desc=desc, disable=not progress, leave=False)
    for step in bar:
        loss = loss_fn(step)
        if not torch.isfinite(loss):
            raise FloatingPointError(f"{desc}: loss became {loss.item()} at step {step}; try a smaller lr")
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        if schedule is not None:
            schedule.step()
        if after_step is not None:
            after_step()
        history.append(loss.item())
        if step % 100 == 0:
            bar.set_postfix(loss=f"{history[-1]:.4g}")
    return history
