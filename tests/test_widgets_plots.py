"""The functions behind the sliders and figures, called directly (headless, widgets never fire)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from srn_lib import plots, widgets  # noqa: E402
from srn_lib.data import toy2d  # noqa: E402
from srn_lib.reify.dae import DAE  # noqa: E402


def test_slider_pair_calls_draw_once_with_the_defaults():
    calls = []
    widgets.noise_and_iterations(lambda noise, k: calls.append((noise, k)), [0.1, 0.2, 0.4], 10,
                                 noise=0.2, iterations=3)
    assert calls == [(0.2, 3)]


def test_static_mode_draws_once_without_widgets(monkeypatch, capsys):
    monkeypatch.setenv("SRN_STATIC_WIDGETS", "1")
    calls = []
    widgets.noise_and_iterations(lambda noise, k: calls.append((noise, k)), [0.1, 0.2], 4, noise=0.1, iterations=4)
    assert calls == [(0.1, 4)]
    assert "sliders off" in capsys.readouterr().out


def test_slider_pair_rejects_defaults_outside_its_range():
    with pytest.raises(ValueError, match="noise=0.3 must be one of"):
        widgets.noise_and_iterations(lambda n, k: None, [0.1, 0.2], 5, noise=0.3)
    with pytest.raises(ValueError, match=r"iterations must be in \[0, 5\]"):
        widgets.noise_and_iterations(lambda n, k: None, [0.1, 0.2], 5, iterations=6)


def test_reification_panel_draws_the_path_it_returns():
    dae = DAE(2, sigma=0.1, residual=True)
    x = torch.randn(20, 2)
    fig, ax = plt.subplots()
    path = plots.reification_panel(ax, toy2d.ring(), dae, x, 4)
    assert path.shape == (5, 20, 2)
    assert "k = 4" in ax.get_title()
    plt.close(fig)


def test_energy_landscape_has_its_minimum_where_the_dynamics_settle():
    from srn_lib.reify.attractor import energy_trace, one_state_energy

    W = torch.tensor([[2.0, 0.4], [0.4, 2.0]], dtype=torch.float64)
    c = torch.tensor([0.15, -0.1], dtype=torch.float64)
    fig, ax = plt.subplots()
    plots.energy_landscape(ax, W, c)
    plt.close(fig)
    s_end = energy_trace(W, c, 200, a0=torch.tensor([3.0, 3.0], dtype=torch.float64))["s"][-1]
    # The settled state is a local minimum of E: small moves in any direction raise it.
    for d in torch.eye(2, dtype=torch.float64):
        for sign in (1, -1):
            assert one_state_energy(s_end + sign * 1e-3 * d, W, c) > one_state_energy(s_end, W, c)
