import math

import pytest
import torch

from srn_lib.reify.dae import DAE
from srn_lib.train import fit


def train_on_gaussian(s: float, sigma: float, residual: bool, steps: int = 1500) -> DAE:
    g = torch.Generator().manual_seed(0)
    dae = DAE(2, width=32, bottleneck=32, sigma=sigma, residual=residual)
    fit(lambda _: dae.reconstruction_loss(s * torch.randn(512, 2, generator=g), g), dae.parameters(),
        steps, lr=1e-2, progress=False)
    return dae


@pytest.mark.parametrize("residual", [True, False])
def test_optimal_dae_on_a_gaussian_is_linear(residual):
    """Data N(0, s^2 I): r*(x) = x s^2 / (s^2 + sigma^2), so the score estimate is -x / (s^2 + sigma^2)."""
    s, sigma = 1.0, 0.5
    dae = train_on_gaussian(s, sigma, residual)
    x = torch.linspace(-1.5, 1.5, 31)
    x = torch.cartesian_prod(x, x)
    with torch.no_grad():
        est = dae.score_estimate(x)
        r = dae(x)
    expected = -x / (s**2 + sigma**2)
    rel = (est - expected).norm() / expected.norm()
    assert rel < 0.08, f"score estimate off by {rel:.3f} (relative)"
    torch.testing.assert_close(r, x * s**2 / (s**2 + sigma**2), atol=0.03, rtol=0)
    # It is the score of the *smoothed* density, visibly not that of N(0, s^2 I) itself.
    assert (est - (-x / s**2)).norm() / (x / s**2).norm() > 0.12


def test_score_estimate_is_the_scaled_residual():
    dae = DAE(3, sigma=0.2)
    x = torch.randn(5, 3)
    with torch.no_grad():
        torch.testing.assert_close(dae.score_estimate(x), (dae(x) - x) / 0.04)


def test_corruption_has_the_requested_noise_level():
    dae = DAE(4, sigma=0.3)
    x = torch.zeros(20000, 4)
    noise = dae.corrupt(x, torch.Generator().manual_seed(0))
    assert abs(noise.std().item() - 0.3) < 0.01


def test_reify_returns_the_path_of_repeated_reconstructions():
    dae = DAE(2, sigma=0.1)
    x = torch.randn(7, 2)
    path = dae.reify(x, 3)
    assert path.shape == (4, 7, 2)
    with torch.no_grad():
        torch.testing.assert_close(path[0], x)
        torch.testing.assert_close(path[3], dae(dae(dae(x))))


def test_reconstruction_loss_is_reproducible_with_a_generator():
    dae = DAE(2, sigma=0.1)
    x = torch.randn(16, 2)
    a = dae.reconstruction_loss(x, torch.Generator().manual_seed(3))
    b = dae.reconstruction_loss(x, torch.Generator().manual_seed(3))
    assert a.item() == b.item()


@pytest.mark.parametrize("sigma", [0.0, -0.1, math.nan, math.inf, "0.1"])
def test_sigma_must_be_positive_and_finite(sigma):
    with pytest.raises(ValueError, match="sigma must be a finite number > 0"):
        DAE(2, sigma=sigma)


@pytest.mark.parametrize(
    "kwargs, word",
    [({"width": 0}, "width"), ({"bottleneck": -3}, "bottleneck"), ({"activation": "gelu9"}, "activation")],
)
def test_bad_architecture_is_named(kwargs, word):
    with pytest.raises(ValueError, match=word):
        DAE(2, **kwargs)


def test_bad_inputs_are_named():
    dae = DAE(2)
    with pytest.raises(ValueError, match="last dimension 2"):
        dae(torch.zeros(4, 3))
    with pytest.raises(ValueError, match="NaN"):
        dae.score_estimate(torch.tensor([[0.0, float("inf")]]))
    with pytest.raises(ValueError, match="steps"):
        dae.reify(torch.zeros(1, 2), -1)
