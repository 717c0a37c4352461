"""2-D densities whose score grad log p(x) is known in closed form.

Every density here is an isotropic Gaussian mixture

    p(x) = sum_k w_k N(x; mu_k, s_k^2 I),
    grad log p(x) = sum_k gamma_k(x) (mu_k - x) / s_k^2,   gamma_k = posterior of component k.

Mixtures are closed under Gaussian smoothing, p_sigma = p * N(0, sigma^2 I) just adds sigma^2
to every variance. That is what makes the DAE analysis exact: a DAE trained at noise level
sigma estimates grad log p_sigma (Tweedie's formula), and one trained on a finite sample
estimates the score of the Gaussian kernel density estimate with bandwidth sigma.
"""

import math

import torch

from srn_lib import checks


class GaussianMixture:
    """An isotropic Gaussian mixture in d dimensions with exact sample, log_prob and score."""

    def __init__(self, means: torch.Tensor, stds: torch.Tensor | float,
                 weights: torch.Tensor | None = None):
        means = torch.as_tensor(means, dtype=torch.float64)
        if means.dim() != 2:
            raise ValueError(f"means must have shape (components, dim), got {tuple(means.shape)}")
        k = means.shape[0]
        stds = torch.as_tensor(stds, dtype=torch.float64).expand(k).clone()
        if not (torch.isfinite(stds).all() and (stds > 0).all()):
            raise ValueError("stds must be finite and > 0")
        if weights is None:
            weights = torch.full((k,), 1.0 / k, dtype=torch.float64)
        weights = torch.as_tensor(weights, dtype=torch.float64)
        if weights.shape != (k,) or (weights < 0).any() or abs(weights.sum().item() - 1) > 1e-6:
            raise ValueError("weights must be non-negative, one per component, and sum to 1")
        self.means, self.stds, self.weights = means, stds, weights

    @property
    def dim(self) -> int:
        return self.means.shape[1]

    def smoothed(self, sigma: float) -> "GaussianMixture":
        """p_sigma = p convolved with N(0, sigma^2 I): every variance grows by sigma^2."""
        sigma = checks.non_negative_number("sigma", sigma)
        return GaussianMixture(self.means, torch.sqrt(self.stds**2 + sigma**2), self.weights)

    def sample(self, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """n i.i.d. samples, float32."""
        checks.positive_int("n", n)
        k = torch.multinomial(self.weights, n, replacement=True, generator=generator)
        eps = torch.randn(n, self.dim, generator=generator, dtype=torch.float64)
        return (self.means[k] + self.stds[k, None] * eps).float()

    def _log_joint(self, x: torch.Tensor) -> torch.Tensor:
        """log w_k + log N(x; mu_k, s_k^2 I), shape (n, components)."""
        x = checks.finite_tensor("x", x, last_dim=self.dim).double()
        sq = torch.cdist(x, self.means).pow(2)
        var = self.stds**2
        return self.weights.log() - 0.5 * sq / var - 0.5 * self.dim * torch.log(2 * math.pi * var)

    def log_prob(self, x: torch.Tensor) -> torch.Tensor:
        return torch.logsumexp(self._log_joint(x), dim=1).to(x.dtype)

    def score(self, x: torch.Tensor) -> torch.Tensor:
        """grad_x log p(x) = sum_k gamma_k(x) (mu_k - x) / s_k^2."""
        weights = torch.softmax(self._log_joint(x), dim=1) / self.stds**2  # gamma_k / s_k^2
        return (weights @ self.means - weights.sum(1, keepdim=True) * x.double()).to(x.dtype)


def kde(samples: torch.Tensor, bandwidth: float) -> GaussianMixture:
    """The Gaussian kernel density estimate of a finite sample: one component per point."""
    checks.finite_tensor("samples", samples)
    return GaussianMixture(samples, checks.positive_number("bandwidth", bandwidth))


def ring(modes: int = 8, radius: float = 1.0, std: float = 0.12) -> GaussianMixture:
    """``modes`` equal Gaussians spaced evenly on a circle: a 1-D manifold with gaps."""
    angle = torch.arange(modes, dtype=torch.float64) * 2 * math.pi / modes
    return GaussianMixture(radius * torch.stack([angle.cos(), angle.sin()], 1), std)


def moons(per_moon: int = 10, std: float = 0.1) -> GaussianMixture:
    """Two interleaved half circles (the familiar 'two moons'), each drawn as a chain of Gaussians."""
    t = torch.linspace(0, math.pi, per_moon, dtype=torch.float64)
    upper = torch.stack([t.cos(), t.sin()], 1)
    lower = torch.stack([1 - t.cos(), 0.5 - t.sin()], 1)
    means = torch.cat([upper, lower]) - torch.tensor([0.5, 0.25], dtype=torch.float64)
    return GaussianMixture(means, std)


def gaussian(std: float = 1.0, dim: int = 2) -> GaussianMixture:
    """A single centred Gaussian N(0, std^2 I): the case with an analytic optimal DAE."""
    return GaussianMixture(torch.zeros(1, dim, dtype=torch.float64), std)


DENSITIES = {"ring": ring, "moons": moons, "gaussian": gaussian}


def make_density(name: str) -> GaussianMixture:
    """One of the named toy densities, with its default parameters."""
    if name not in DENSITIES:
        raise ValueError(f"density must be one of {sorted(DENSITIES)}, got {name!r}")
    return DENSITIES[name]()
