"""Denoising autoencoder (DAE) on states, and the score it estimates.

Training minimises the reconstruction loss

    L_rec = E || r(x + sigma * eps) - x ||^2,   eps ~ N(0, I).

The minimiser is r*(x) = E[x_clean | x_noisy = x], so (Tweedie's formula)

    (r*(x) - x) / sigma^2 = grad log p_sigma(x),   p_sigma = p * N(0, sigma^2 I),

which tends to grad log p(x) as sigma -> 0 (Alain and Bengio). Applying r moves a state up
the density: that is reification.
"""

import torch
from torch import nn

from srn_lib import checks

ACTIVATIONS = {"silu": nn.SiLU, "tanh": nn.Tanh, "lrelu": lambda: nn.LeakyReLU(0.2), "relu": nn.ReLU}


class DAE(nn.Module):
    """r(x) = decoder(encoder(x)), an MLP  dim -> width -> bottleneck -> width -> dim.

    With ``residual=True`` the MLP learns the correction only: r(x) = x + decoder(encoder(x)).
    The optimum is the same function; it is just easier to reach, because r is close to the
    identity when sigma is small.
    """

    def __init__(
        self,
        dim: int,
        width: int = 64,
        bottleneck: int = 64,
        sigma: float = 0.1,
        activation: str = "silu",
        residual: bool = False,
    ):
        super().__init__()
        checks.positive_int("dim", dim)
        checks.positive_int("width", width)
        checks.positive_int("bottleneck", bottleneck)
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        act = ACTIVATIONS[activation]
        self.dim = dim
        self.residual = bool(residual)
        self.sigma = checks.positive_number("sigma", sigma)
        self.encoder = nn.Sequential(nn.Linear(dim, width), act(), nn.Linear(width, bottleneck), act())
        self.decoder = nn.Sequential(nn.Linear(bottleneck, width), act(), nn.Linear(width, dim))

    def _check(self, x: torch.Tensor) -> torch.Tensor:
        return checks.finite_tensor("x", x, last_dim=self.dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The reconstruction r(x), without noise."""
        out = self.decoder(self.encoder(self._check(x)))
        return x + out if self.residual else out

    def corrupt(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """x + sigma * eps, eps ~ N(0, I)."""
        eps = torch.randn(x.shape, generator=generator, dtype=x.dtype)
        return x + self.sigma * eps

    def reconstruction_loss(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """Batch mean of || r(x + sigma eps) - x ||^2 (squared error summed over units)."""
        x = self._check(x)
        return (self(self.corrupt(x, generator)) - x).pow(2).sum(-1).mean()

    def reconstruction_error(self, x: torch.Tensor) -> torch.Tensor:
        """Per-state || r(x) - x ||^2 without noise: small on the data, large off it."""
        return (self(x) - x).pow(2).sum(-1)

    def score_estimate(self, x: torch.Tensor) -> torch.Tensor:
        """(r(x) - x) / sigma^2, the DAE's estimate of grad log p(x)."""
        return (self(x) - x) / self.sigma**2

    @torch.no_grad()
    def reify(self, x: torch.Tensor, steps: int) -> torch.Tensor:
        """Apply r ``steps`` times; return the whole path, shape (steps + 1, *x.shape)."""
        checks.non_negative_int("steps", steps)
        path = [self._check(x)]
        for _ in range(steps):
            path.append(self(path[-1]))
        return torch.stack(path)
