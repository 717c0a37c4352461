import pytest
import torch

from srn_lib.train import fit


def test_fit_converges_on_a_quadratic():
    w = torch.nn.Parameter(torch.tensor([3.0, -2.0]))
    history = fit(lambda _: (w - torch.tensor([1.0, 1.0])).pow(2).sum(), [w], 500, lr=0.05, progress=False)
    assert history[-1] < 1e-4 < history[0]
    torch.testing.assert_close(w.detach(), torch.tensor([1.0, 1.0]), atol=1e-2, rtol=0)


def test_fit_stops_on_a_non_finite_loss():
    w = torch.nn.Parameter(torch.tensor(1.0))
    with pytest.raises(FloatingPointError, match="step 2"):
        fit(lambda step: w * (float("nan") if step == 2 else 1.0), [w], 10, progress=False)


def test_after_step_runs_every_step():
    w = torch.nn.Parameter(torch.tensor(1.0))
    calls = []
    fit(lambda _: w**2, [w], 7, progress=False, after_step=lambda: calls.append(1))
    assert len(calls) == 7


@pytest.mark.parametrize("kwargs, word", [({"steps": -1}, "steps"), ({"lr": 0.0}, "lr")])
def test_bad_settings_are_named(kwargs, word):
    w = torch.nn.Parameter(torch.tensor(1.0))
    with pytest.raises(ValueError, match=word):
        fit(lambda _: w**2, [w], **{"steps": 3, **kwargs}, progress=False)
