"""Attractor net: energy descent, basins, and denoising of a few target states (notebook 02)."""

import torch

from srn_lib.experiments import Result, Stopwatch, resolve_config
from srn_lib.reify.attractor import Attractor, energy_trace, symmetric_nonneg_diag
from srn_lib.runtime import seed_everything
from srn_lib.train import fit

PRESETS = {
    "quick": dict(n=16, m=32, n_targets=8, steps=10, sigma=0.25, train_steps=300, batch=256, lr=8e-3,
                  n_test=400, basin_sigma=1.0, eval_sigmas=(0.1, 0.25, 0.5, 1.0), eval_steps=tuple(range(21)),
                  n_random_W=50, random_W_scale=(0.1, 1.0), energy_steps=60, tolerance=1e-6),
    "default": dict(n=16, m=32, n_targets=8, steps=10, sigma=0.25, train_steps=1500, batch=256, lr=8e-3,
                    n_test=2000, basin_sigma=1.0, eval_sigmas=(0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5),
                    eval_steps=tuple(range(31)), n_random_W=500, random_W_scale=(0.1, 1.0),
                    energy_steps=100, tolerance=1e-6),
    "paper": dict(n=16, m=32, n_targets=8, steps=10, sigma=0.25, train_steps=10000, batch=256, lr=8e-3,
                  n_test=10000, basin_sigma=1.0, eval_sigmas=(0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0),
                  eval_steps=tuple(range(51)), n_random_W=5000, random_W_scale=(0.1, 1.0),
                  energy_steps=200, tolerance=1e-6),
}


def never_rises(energy: torch.Tensor, tolerance: float) -> torch.Tensor:
    """For energies of shape (steps, trajectories): True where no step rises by more than ``tolerance``."""
    return ((energy[1:] - energy[:-1]) <= tolerance).all(0)


def random_symmetric_W(m: int, scale: float, generator: torch.Generator) -> torch.Tensor:
    """A random W = L + L^T + diag|d| with entries of size scale / sqrt(m).

    Its eigenvalues spread over about [-2 scale, 2 scale], so lambda_min < -1 once scale > 0.5.
    """
    return symmetric_nonneg_diag(scale / m**0.5 * torch.randn(m, m, generator=generator, dtype=torch.float64))


def random_W_energy_checks(cfg: dict, generator: torch.Generator, starts: int = 4):
    """Settle ``starts`` random inputs and starts on each of ``n_random_W`` random symmetric W.

    Returns, per trajectory: two-step energy never rose, one-state energy never rose, and
    lambda_min of its W (the scale of each W is drawn uniformly from ``random_W_scale``).
    """
    low, high = cfg["random_W_scale"]
    m, tol = cfg["m"], cfg["tolerance"]
    two, one, lam_min = [], [], []
    for _ in range(cfg["n_random_W"]):
        W = random_symmetric_W(m, low + (high - low) * torch.rand(1, generator=generator).item(), generator)
        c = torch.randn(starts, m, generator=generator, dtype=torch.float64)
        a0 = 2 * torch.randn(starts, m, generator=generator, dtype=torch.float64)
        trace = energy_trace(W, c, cfg["energy_steps"], a0)
        two.append(never_rises(trace["two_step"], tol))
        one.append(never_rises(trace["one_state"], tol))
        lam_min.append(torch.linalg.eigvalsh(W)[0].expand(starts))
    return torch.cat(two), torch.cat(one), torch.cat(lam_min)


def nearest_target(states: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Index of the closest target (Euclidean) for each state."""
    return torch.cdist(states, targets).argmin(1)


def noisy_copies(net: Attractor, targets: torch.Tensor, count: int, sigma: float, generator: torch.Generator):
    """``count`` noisy copies of the targets (cycling through them) and each copy's target index."""
    labels = torch.arange(count) % len(targets)
    return net.corrupt(targets[labels], sigma, generator), labels


def train_attractor(targets: torch.Tensor, cfg: dict, generator: torch.Generator, progress: bool = True) -> Attractor:
    """An attractor net trained by the normalised denoising loss on noisy copies of ``targets``."""
    net = Attractor(cfg["n"], cfg["m"], steps=cfg["steps"], sigma=cfg["sigma"], generator=generator)

    def loss(step):
        batch = targets[torch.randint(len(targets), (cfg["batch"],), generator=generator)]
        return net.denoising_loss(batch, generator=generator)

    net.history = fit(loss, net.parameters(), cfg["train_steps"], lr=cfg["lr"], progress=progress, desc="attractor")
    return net.eval()


def run(preset: str = "default", seed: int = 0, progress: bool = True, **overrides) -> Result:
    cfg = resolve_config(PRESETS, preset, overrides)
    with Stopwatch() as clock:
        g = seed_everything(seed)
        targets = torch.randn(cfg["n_targets"], cfg["n"], generator=g)  # net inputs h_net to be cleaned
        net = train_attractor(targets, cfg, g, progress)
        clean = torch.tanh(targets)
        metrics = {}
        with torch.no_grad():
            h = targets[torch.arange(cfg["n_test"]) % len(targets)]
            metrics["denoise_ratio"] = net.denoising_loss(h, generator=g).item()

            noisy, labels = noisy_copies(net, targets, cfg["n_test"], cfg["basin_sigma"], g)
            metrics["basin_accuracy"] = (nearest_target(net(noisy), clean) == labels).double().mean().item()
            metrics["nearest_target_accuracy"] = (nearest_target(noisy, targets) == labels).double().mean().item()

            # Energy checks: trained W on held-out noisy inputs, and random symmetric W.
            trained = net.energy_trace(net.corrupt(h, generator=g), cfg["energy_steps"])
            random_two, random_one, lam_min = random_W_energy_checks(cfg, g)
            trained_two = never_rises(trained["two_step"], cfg["tolerance"])
            metrics["energy_monotone_fraction"] = torch.cat([trained_two, random_two]).double().mean().item()
            metrics["energy_monotone_fraction_trained"] = trained_two.double().mean().item()
            metrics["energy_monotone_fraction_random"] = random_two.double().mean().item()
            safe = lam_min >= -1
            metrics["one_state_monotone_fraction_lmin_ge_minus1"] = random_one[safe].double().mean().item()
            metrics["one_state_monotone_fraction_lmin_lt_minus1"] = random_one[~safe].double().mean().item()
            trained_one = never_rises(trained["one_state"], cfg["tolerance"])
            metrics["one_state_monotone_fraction_trained"] = trained_one.double().mean().item()
            metrics["lambda_min_W_trained"] = torch.linalg.eigvalsh(net.W)[0].item()

            # Denoising ratio over a grid of test noise levels and settling steps; for each noise
            # level every K sees the same noisy copies, so the curves over K are not jittered.
            ratio_grid = torch.zeros(len(cfg["eval_sigmas"]), len(cfg["eval_steps"]))
            for i, s in enumerate(cfg["eval_sigmas"]):
                state = g.get_state()
                for j, k in enumerate(cfg["eval_steps"]):
                    g.set_state(state)
                    ratio_grid[i, j] = net.denoising_loss(h, sigma=s, steps=k, generator=g).item()

    artifacts = dict(net=net, targets=targets, trained_trace=trained, ratio_grid=ratio_grid,
                     random_lambda_min=lam_min, random_one_state_monotone=random_one)
    return Result("attractor_energy", preset, seed, cfg, metrics, clock.seconds, artifacts)
