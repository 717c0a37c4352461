import math

import pytest
import torch

from srn_lib.data import toy2d


@pytest.mark.parametrize("name", sorted(toy2d.DENSITIES))
def test_score_is_the_gradient_of_log_prob(name):
    density = toy2d.make_density(name)
    x = density.sample(200, torch.Generator().manual_seed(1)).double().requires_grad_(True)
    (grad,) = torch.autograd.grad(density.log_prob(x).sum(), x)
    torch.testing.assert_close(density.score(x), grad, rtol=1e-6, atol=1e-8)


def test_log_prob_of_a_gaussian_is_analytic():
    x = torch.tensor([[0.0, 0.0], [1.0, -2.0]], dtype=torch.float64)
    expected = -0.5 * (x**2).sum(1) / 4 - math.log(2 * math.pi * 4)
    torch.testing.assert_close(toy2d.gaussian(std=2.0).log_prob(x), expected)


def test_smoothing_adds_variances():
    smoothed = toy2d.ring(std=0.3).smoothed(0.4)
    torch.testing.assert_close(smoothed.stds, torch.full((8,), 0.5, dtype=torch.float64))


def test_samples_have_the_mixture_moments():
    x = toy2d.ring(modes=4, radius=2.0, std=0.1).sample(40000, torch.Generator().manual_seed(0))
    assert x.mean(0).abs().max() < 0.05
    # Each coordinate: half the mass at 0, a quarter at +-2, so variance 2 + 0.01.
    torch.testing.assert_close(x.var(0), torch.tensor([2.01, 2.01]), rtol=0.05, atol=0)


def test_kde_score_matches_a_mixture_on_the_samples():
    pts = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    kde = toy2d.kde(pts, 0.5)
    torch.testing.assert_close(kde.means, pts.double())
    torch.testing.assert_close(kde.stds, torch.full((2,), 0.5, dtype=torch.float64))


@pytest.mark.parametrize(
    "call, word",
    [
        (lambda: toy2d.make_density("spiral"), "density"),
        (lambda: toy2d.ring().smoothed(-0.1), "sigma"),
        (lambda: toy2d.kde(torch.zeros(3, 2), 0.0), "bandwidth"),
        (lambda: toy2d.ring().sample(0), "n"),
        (lambda: toy2d.ring().score(torch.zeros(3, 3)), "last dimension 2"),
        (lambda: toy2d.ring().score(torch.tensor([[float("nan"), 0.0]])), "NaN"),
        (lambda: toy2d.GaussianMixture(torch.zeros(2, 2), -1.0), "stds"),
    ],
)
def test_bad_input_names_the_problem(call, word):
    with pytest.raises(ValueError, match=word):
        call()
