"""Attractor net: clean a state by letting it settle (Mozer, Kazakov and Lindsey, 2018).

Given an RNN's hidden net input h_net (pre-tanh), with s = tanh(a):

    c   = b_in + U_in h_net                      input projection
    a_0 = 0,   a_k = W tanh(a_{k-1}) + c         K settling steps
    y   = tanh(b_out + U_out a_K)                the reified state

W is symmetric with a non-negative diagonal (Koiran 1994), built from a free matrix as
W = L + L^T + diag|d| (L its strict lower triangle, d its diagonal). In the state space
s_k = tanh(W s_{k-1} + c), and with G(s) = s atanh(s) + ln(1 - s^2) / 2:

    one-state energy  E(s)        = -s^T W s / 2 - c^T s + sum_i G(s_i)
    two-step energy   E(s_k, s_{k-1}) = -s_k^T W s_{k-1} - c^T (s_k + s_{k-1}) + sum_i [G(s_k,i) + G(s_{k-1},i)]

The two-step energy never rises for any symmetric W, so the dynamics end in fixed points or
2-cycles; the one-state energy never rises when lambda_min(W) >= -1, which rules 2-cycles out.
"""

import torch
from torch import nn

from srn_lib import checks

ATANH_BOUND = 0.99999  # the clip used before atanh, as in the SDRNN code


def atanh_clipped(h: torch.Tensor, bound: float = ATANH_BOUND) -> torch.Tensor:
    """atanh(clip(h, -bound, bound)): a state in [-1, 1] (e.g. a GRU's) back to net-input space.

    atanh(+-1) is infinite, so states at or beyond +-1 are clipped to +-bound first
    (atanh(0.99999) = 6.1).
    """
    checks.finite_tensor("h", h)
    return torch.atanh(h.clamp(-bound, bound))


def symmetric_nonneg_diag(free: torch.Tensor) -> torch.Tensor:
    """W = L + L^T + diag(|diag(free)|): symmetric, diagonal >= 0, for any square ``free``."""
    lower = torch.tril(free, diagonal=-1)
    return lower + lower.T + torch.diag(free.diagonal().abs())


def G(s: torch.Tensor) -> torch.Tensor:
    """G(s) = s atanh(s) + ln(1 - s^2)/2 = [(1+s)ln(1+s) + (1-s)ln(1-s)]/2, finite at s = +-1."""
    return 0.5 * (torch.xlogy(1 + s, 1 + s) + torch.xlogy(1 - s, 1 - s))


def one_state_energy(s: torch.Tensor, W: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
    """E(s) = -s^T W s / 2 - c^T s + sum_i G(s_i), over the last dimension."""
    return -0.5 * ((s @ W) * s).sum(-1) - (c * s).sum(-1) + G(s).sum(-1)


def two_step_energy(s: torch.Tensor, s_prev: torch.Tensor, W: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
    """E(s_k, s_{k-1}) = -s_k^T W s_{k-1} - c^T (s_k + s_{k-1}) + sum_i [G(s_k,i) + G(s_{k-1},i)]."""
    return -((s_prev @ W) * s).sum(-1) - (c * (s + s_prev)).sum(-1) + (G(s) + G(s_prev)).sum(-1)


def settle(W: torch.Tensor, c: torch.Tensor, steps: int, a0: torch.Tensor | None = None) -> torch.Tensor:
    """Iterate a_k = W tanh(a_{k-1}) + c from a_0 (default 0); return a_0 .. a_K.

    c and a0 broadcast against each other (one input, many starts, or the reverse); the result
    has shape (K+1, *broadcast shape).
    """
    checks.non_negative_int("steps", steps)
    a = torch.zeros_like(c) if a0 is None else a0 + torch.zeros_like(c)
    path = [a]
    for _ in range(steps):
        a = torch.tanh(a) @ W + c  # W is symmetric, so row-vector form a W = (W a)^T
        path.append(a)
    return torch.stack(path)


def energy_trace(W: torch.Tensor, c: torch.Tensor, steps: int, a0: torch.Tensor | None = None) -> dict:
    """Settle in float64 and return the states s_k and both energies along the way.

    Keys: ``s`` (K+1, ..., m), ``one_state`` (K+1, ...), ``two_step`` (K, ...; entry k-1 is
    E(s_k, s_{k-1})), ``step_size`` (K, ...; ||s_k - s_{k-1}||).
    """
    W, c = W.detach().double(), c.detach().double()
    s = torch.tanh(settle(W, c, steps, None if a0 is None else a0.detach().double()))
    return {
        "s": s,
        "one_state": one_state_energy(s, W, c),
        "two_step": two_step_energy(s[1:], s[:-1], W, c),
        "step_size": (s[1:] - s[:-1]).norm(dim=-1),
    }


class Attractor(nn.Module):
    """The attractor net of the SDRNN paper, mapping a net input h_net (n units) to a clean state.

    ``n``: size of h_net; ``m``: attractor units (default n); ``steps``: K; ``sigma``: the noise
    level of the denoising loss, in net-input space. With K = 0 the module is tanh(h_net).
    """

    def __init__(self, n: int, m: int | None = None, steps: int = 10, sigma: float = 0.25,
                 generator: torch.Generator | None = None):
        super().__init__()
        self.n = checks.positive_int("n", n)
        self.m = checks.positive_int("m", n if m is None else m)
        self.steps = checks.non_negative_int("steps", steps)
        self.sigma = checks.non_negative_number("sigma", sigma)

        def small(*shape):
            return 0.01 * torch.randn(*shape, generator=generator)

        # Near-identity projections and a weak W (SPEC 4.1: this init learns better than W = 0).
        self.U_in = nn.Parameter(torch.eye(self.m, self.n) + small(self.m, self.n))
        self.b_in = nn.Parameter(small(self.m))
        self.W_free = nn.Parameter(small(self.m, self.m))
        self.U_out = nn.Parameter(torch.eye(self.n, self.m) + small(self.n, self.m))
        self.b_out = nn.Parameter(small(self.n))

    @property
    def W(self) -> torch.Tensor:
        """The effective recurrent matrix: symmetric, diagonal >= 0."""
        return symmetric_nonneg_diag(self.W_free)

    def _check(self, h_net: torch.Tensor) -> torch.Tensor:
        return checks.finite_tensor("h_net", h_net, last_dim=self.n)

    def _steps(self, steps: int | None) -> int:
        return self.steps if steps is None else checks.non_negative_int("steps", steps)

    def project_in(self, h_net: torch.Tensor) -> torch.Tensor:
        """c = b_in + U_in h_net."""
        return self.b_in + self._check(h_net) @ self.U_in.T

    def trajectory(self, h_net: torch.Tensor, steps: int | None = None) -> torch.Tensor:
        """The attractor states a_0 .. a_K, shape (K+1, *h_net.shape[:-1], m)."""
        return settle(self.W, self.project_in(h_net), self._steps(steps))

    def forward(self, h_net: torch.Tensor, steps: int | None = None) -> torch.Tensor:
        """y = tanh(b_out + U_out a_K); exactly tanh(h_net) when K = 0."""
        k = self._steps(steps)
        if k == 0:
            return torch.tanh(self._check(h_net))
        a_k = self.trajectory(h_net, k)[-1]
        return torch.tanh(self.b_out + a_k @ self.U_out.T)

    def energy_trace(self, h_net: torch.Tensor, steps: int | None = None) -> dict:
        """Both energies along the settling of each h_net (see ``energy_trace``)."""
        return energy_trace(self.W, self.project_in(h_net), self._steps(steps))

    def corrupt(self, h_net: torch.Tensor, sigma: float | None = None,
                generator: torch.Generator | None = None) -> torch.Tensor:
        """h_net + sigma * eps, eps ~ N(0, I): noise in net-input (pre-tanh) space."""
        sigma = self.sigma if sigma is None else checks.non_negative_number("sigma", sigma)
        return self._check(h_net) + sigma * torch.randn(h_net.shape, generator=generator, dtype=h_net.dtype)

    def denoising_loss(self, h_net: torch.Tensor, sigma: float | None = None, steps: int | None = None,
                       generator: torch.Generator | None = None) -> torch.Tensor:
        """Leftover error over injected error (SPEC 4.4); 1.0 means nothing was cleaned:

            mean (tanh(h) - A(h + sigma eps))^2 / mean (tanh(h) - tanh(h + sigma eps))^2

        The clean targets h_net are detached, as in the papers.
        """
        sigma = self.sigma if sigma is None else sigma
        checks.positive_number("sigma", sigma)
        clean = torch.tanh(self._check(h_net).detach())
        noisy = self.corrupt(h_net.detach(), sigma, generator)
        leftover = (clean - self(noisy, steps)).pow(2).mean()
        injected = (clean - torch.tanh(noisy)).pow(2).mean()
        return leftover / injected
