import math

import pytest
import torch

from srn_lib.reify import attractor as A
from srn_lib.reify.attractor import Attractor


def random_W(m, scale, generator):
    return A.symmetric_nonneg_diag(scale / m**0.5 * torch.randn(m, m, generator=generator, dtype=torch.float64))


def test_W_is_symmetric_with_non_negative_diagonal_at_init():
    for seed in range(20):
        W = Attractor(6, 9, generator=torch.Generator().manual_seed(seed)).W
        torch.testing.assert_close(W, W.T, rtol=0, atol=0)
        assert (W.diagonal() >= 0).all()


def test_W_stays_symmetric_with_non_negative_diagonal_after_optimiser_steps():
    net = Attractor(5, 8, steps=4)
    opt = torch.optim.Adam(net.parameters(), lr=0.5)  # large steps push the diagonal negative
    for _ in range(30):
        loss = -net(torch.randn(16, 5)).sum() + net.W.diagonal().sum() * 10
        opt.zero_grad()
        loss.backward()
        opt.step()
        W = net.W
        torch.testing.assert_close(W, W.T, rtol=0, atol=0)
        assert (W.diagonal() >= 0).all()
    assert (net.W_free.diagonal() < 0).any(), "the test should have driven some free diagonal entries negative"


def test_two_step_energy_never_rises_for_random_symmetric_W():
    g = torch.Generator().manual_seed(0)
    rose = 0
    for trial in range(300):
        m = 2 + trial % 30
        W = random_W(m, 0.1 + 2.0 * torch.rand(1, generator=g).item(), g)
        c = torch.randn(5, m, generator=g, dtype=torch.float64)
        a0 = 3 * torch.randn(5, m, generator=g, dtype=torch.float64)
        E = A.energy_trace(W, c, 60, a0)["two_step"]
        rose += ((E[1:] - E[:-1]) > 1e-6).any().item()
    assert rose == 0


def test_one_state_energy_never_rises_when_lambda_min_is_at_least_minus_one():
    g = torch.Generator().manual_seed(1)
    checked = 0
    for trial in range(200):
        m = 2 + trial % 25
        W = random_W(m, 1.5, g)
        lam = torch.linalg.eigvalsh(W)[0].item()
        W = W + max(0.0, -0.999 - lam) * torch.eye(m, dtype=torch.float64)  # now lambda_min >= -0.999
        assert torch.linalg.eigvalsh(W)[0] >= -1
        c = torch.randn(5, m, generator=g, dtype=torch.float64)
        a0 = 3 * torch.randn(5, m, generator=g, dtype=torch.float64)
        E = A.energy_trace(W, c, 60, a0)["one_state"]
        assert ((E[1:] - E[:-1]) <= 1e-6).all(), f"trial {trial}"
        checked += 1
    assert checked == 200


def two_cycle_trace():
    W = torch.tensor([[0.0, -3.0], [-3.0, 0.0]], dtype=torch.float64)  # symmetric, diag >= 0, lambda_min = -3
    c = torch.tensor([0.1, 0.1], dtype=torch.float64)
    return A.energy_trace(W, c, 40)


def test_lambda_min_below_minus_one_makes_a_two_cycle():
    s = two_cycle_trace()["s"]
    torch.testing.assert_close(s[-1], s[-3], atol=1e-9, rtol=0)  # period 2 ...
    assert (s[-1] - s[-2]).norm() > 1.5  # ... and not a fixed point: the state flips sign


def test_in_a_two_cycle_the_one_state_energy_rises_but_the_two_step_energy_does_not():
    trace = two_cycle_trace()
    one, two = trace["one_state"], trace["two_step"]
    assert ((one[1:] - one[:-1]) > 1e-3).any()
    assert ((two[1:] - two[:-1]) <= 1e-9).all()


def test_settling_reaches_a_fixed_point_of_the_update():
    net = Attractor(4, 6, steps=200, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        a = net.trajectory(torch.randn(3, 4))
        torch.testing.assert_close(a[-1], a[-2], atol=1e-5, rtol=0)


def test_trajectory_starts_at_zero_and_ends_where_forward_reads_out():
    net = Attractor(3, 5, steps=7)
    h = torch.randn(2, 3)
    with torch.no_grad():
        a = net.trajectory(h)
        assert a.shape == (8, 2, 5)
        assert (a[0] == 0).all()
        torch.testing.assert_close(net(h), torch.tanh(net.b_out + a[-1] @ net.U_out.T))


def test_zero_steps_is_exactly_tanh():
    h = torch.randn(10, 4) * 3
    assert torch.equal(Attractor(4, 8, steps=0)(h), torch.tanh(h))
    assert torch.equal(Attractor(4, 8, steps=5)(h, steps=0), torch.tanh(h))


def test_loss_is_one_when_nothing_is_cleaned():
    h = torch.randn(64, 4)
    g = torch.Generator().manual_seed(0)
    assert Attractor(4, steps=0).denoising_loss(h, generator=g).item() == 1.0
    net = Attractor(4, steps=6)
    with torch.no_grad():  # identity projections, zero biases, W = 0: the net passes h through
        net.U_in.copy_(torch.eye(4))
        net.U_out.copy_(torch.eye(4))
        net.W_free.zero_()
        net.b_in.zero_()
        net.b_out.zero_()
        assert net.denoising_loss(h, generator=g).item() == pytest.approx(1.0, abs=1e-6)


def test_training_cleans_noisy_copies_of_targets():
    g = torch.Generator().manual_seed(0)
    targets = torch.randn(4, 8, generator=g)
    net = Attractor(8, 16, steps=10, sigma=0.25, generator=g)
    opt = torch.optim.Adam(net.parameters(), lr=8e-3)
    for _ in range(300):
        loss = net.denoising_loss(targets[torch.randint(4, (128,), generator=g)], generator=g)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        assert net.denoising_loss(targets.repeat(100, 1), generator=g).item() < 0.5


def test_G_is_the_integral_of_atanh_and_finite_at_the_edges():
    s = torch.linspace(-0.99, 0.99, 41, dtype=torch.float64).requires_grad_(True)
    (dG,) = torch.autograd.grad(A.G(s).sum(), s)
    torch.testing.assert_close(dG, torch.atanh(s.detach()))
    s = s.detach()
    torch.testing.assert_close(A.G(s), s * torch.atanh(s) + 0.5 * torch.log1p(-(s**2)))
    edges = A.G(torch.tensor([-1.0, 1.0], dtype=torch.float64))
    torch.testing.assert_close(edges, torch.full((2,), math.log(2), dtype=torch.float64))


def test_atanh_clipped_is_finite_at_plus_minus_one():
    out = A.atanh_clipped(torch.tensor([-1.0, 0.0, 1.0, 0.5]))
    assert torch.isfinite(out).all()
    assert out[2].item() == pytest.approx(math.atanh(0.99999), rel=1e-3)
    assert out[3].item() == pytest.approx(math.atanh(0.5), rel=1e-6)


@pytest.mark.parametrize(
    "call, error, word",
    [
        (lambda: Attractor(4, steps=-1), ValueError, "steps"),
        (lambda: Attractor(4)(torch.zeros(2, 4), steps=-2), ValueError, "steps"),
        (lambda: Attractor(4, sigma=-0.1), ValueError, "sigma"),
        (lambda: Attractor(4).denoising_loss(torch.zeros(2, 4), sigma=-0.5), ValueError, "sigma"),
        (lambda: Attractor(4).denoising_loss(torch.zeros(2, 4), sigma=0.0), ValueError, "sigma"),
        (lambda: Attractor(4)(torch.zeros(2, 5)), ValueError, "h_net must have last dimension 4"),
        (lambda: Attractor(4)(torch.tensor([[0.0, float("nan"), 0.0, 0.0]])), ValueError, "h_net contains NaN"),
        (lambda: Attractor(4)(torch.full((1, 4), float("inf"))), ValueError, "h_net contains NaN or infinite"),
        (lambda: Attractor(0), ValueError, "n must be"),
        (lambda: Attractor(4, m=0), ValueError, "m must be"),
        (lambda: A.atanh_clipped(torch.tensor([float("nan")])), ValueError, "h contains NaN"),
        (lambda: Attractor(4)(torch.zeros(2, 4, dtype=torch.long)), TypeError, "floating-point"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, word):
    with pytest.raises(error, match=word):
        call()
