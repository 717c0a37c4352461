"""DAE score estimation on 2-D Gaussian mixtures, compared with the analytic score (notebook 01)."""

import torch
from torch.nn.functional import cosine_similarity

from srn_lib import checks
from srn_lib.data import toy2d
from srn_lib.experiments import Result, Stopwatch, resolve_config
from srn_lib.reify.dae import DAE
from srn_lib.runtime import seed_everything
from srn_lib.train import fit

PRESETS = {
    "quick": dict(density="ring", sigma=0.1, sigmas=(0.05, 0.1, 0.4), n_train=1000, steps=1000, batch=256,
                  lr=1e-2, width=64, residual=True, n_eval=1000, push=0.5, reify_steps=20),
    "default": dict(density="ring", sigma=0.1, sigmas=(0.02, 0.05, 0.1, 0.2, 0.4), n_train=2000, steps=3000,
                    batch=512, lr=1e-2, width=64, residual=True, n_eval=2000, push=0.5, reify_steps=20),
    "paper": dict(density="ring", sigma=0.1, sigmas=(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6), n_train=20000,
                  steps=20000, batch=1024, lr=1e-2, width=128, residual=True, n_eval=10000, push=0.5,
                  reify_steps=20),
}


def mean_cosine(a: torch.Tensor, b: torch.Tensor) -> float:
    """Mean cosine similarity between matching rows: at points drawn from p, a density-weighted mean."""
    return cosine_similarity(a.double(), b.double(), dim=1).mean().item()


def auc(negatives: torch.Tensor, positives: torch.Tensor) -> float:
    """Area under the ROC curve: P(positive score > negative score), ties counted half."""
    diff = positives[:, None] - negatives[None, :]
    return ((diff > 0).double().mean() + 0.5 * (diff == 0).double().mean()).item()


def train_dae(data: torch.Tensor, sigma: float, cfg: dict, generator: torch.Generator, progress: bool = False) -> DAE:
    """A DAE trained on minibatches of ``data`` with fresh noise at every step."""
    dae = DAE(data.shape[1], width=cfg["width"], bottleneck=cfg["width"], sigma=sigma, residual=cfg["residual"])

    def loss(step):
        batch = data[torch.randint(len(data), (cfg["batch"],), generator=generator)]
        return dae.reconstruction_loss(batch, generator)

    fit(loss, dae.parameters(), cfg["steps"], lr=cfg["lr"], progress=progress, desc=f"DAE sigma={sigma}")
    return dae.eval()


def push_off(x: torch.Tensor, distance: float, generator: torch.Generator) -> torch.Tensor:
    """Move each point ``distance`` away in a random direction (off the data manifold, mostly)."""
    u = torch.randn(x.shape, generator=generator)
    return x + distance * u / u.norm(dim=1, keepdim=True)


def run(preset: str = "default", seed: int = 0, progress: bool = True, **overrides) -> Result:
    cfg = resolve_config(PRESETS, preset, overrides)
    for s in cfg["sigmas"]:
        checks.positive_number("sigmas", s)
    if cfg["sigma"] not in cfg["sigmas"]:
        raise ValueError(f"sigma={cfg['sigma']} must be one of sigmas={cfg['sigmas']}")
    with Stopwatch() as clock:
        g = seed_everything(seed)
        density = toy2d.make_density(cfg["density"])
        data = density.sample(cfg["n_train"], g)
        x_eval = density.sample(cfg["n_eval"], g)
        true_score = density.score(x_eval)
        daes = {s: train_dae(data, s, cfg, g, progress) for s in cfg["sigmas"]}

        metrics, sweep = {}, {"sigma": [], "dae": [], "kde": [], "smoothed": []}
        for s, dae in daes.items():
            with torch.no_grad():
                est = dae.score_estimate(x_eval)
            sweep["sigma"].append(s)
            sweep["dae"].append(mean_cosine(est, true_score))
            sweep["kde"].append(mean_cosine(toy2d.kde(data, s).score(x_eval), true_score))
            sweep["smoothed"].append(mean_cosine(est, density.smoothed(s).score(x_eval)))
        i = cfg["sigmas"].index(cfg["sigma"])
        metrics["score_cosine"] = sweep["dae"][i]
        metrics["score_cosine_vs_smoothed"] = sweep["smoothed"][i]
        metrics["kde_score_cosine"] = sweep["kde"][i]
        for s, c in zip(sweep["sigma"], sweep["dae"], strict=True):
            metrics[f"score_cosine_sigma_{s:g}"] = c

        dae = daes[cfg["sigma"]]
        x_off = push_off(x_eval, cfg["push"], g)
        with torch.no_grad():
            metrics["detect_auc"] = auc(dae.reconstruction_error(x_eval), dae.reconstruction_error(x_off))
            path = dae.reify(x_off, cfg["reify_steps"])
        metrics["logp_data"] = density.log_prob(x_eval).mean().item()
        metrics["logp_pushed"] = density.log_prob(path[0]).mean().item()
        metrics["logp_reified"] = density.log_prob(path[-1]).mean().item()

    artifacts = dict(density=density, data=data, x_eval=x_eval, x_off=x_off, daes=daes, sweep=sweep)
    return Result("dae_score", preset, seed, cfg, metrics, clock.seconds, artifacts)
