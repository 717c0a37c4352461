"""The experiments' own claims, at the scale the notebooks run them."""

import json

import pytest

from srn_lib import experiments

# The default-scale DAE run takes about 13 s. `make test` uses `--dist loadfile`, so all tests of
# this file share one worker and the session fixture below runs once.


@pytest.fixture(scope="session")
def dae_default():
    return experiments.get("dae_score").run("default", seed=0, progress=False)


def test_dae_score_estimate_agrees_with_the_analytic_score(dae_default):
    m = dae_default.metrics
    assert m["score_cosine"] >= 0.9
    # The DAE estimates the score of the smoothed density (Tweedie) at least as well as the true one.
    assert m["score_cosine_vs_smoothed"] >= m["score_cosine"] - 1e-9


def test_dae_score_agreement_degrades_at_both_ends_of_sigma(dae_default):
    """Alain and Bengio's limit: variance at small sigma, bias at large sigma."""
    m = dae_default.metrics
    assert m["score_cosine_sigma_0.02"] < m["score_cosine_sigma_0.1"] - 0.2
    assert m["score_cosine_sigma_0.4"] < m["score_cosine_sigma_0.1"] - 0.2


def test_reification_walks_pushed_points_back_and_the_error_detects_them(dae_default):
    m = dae_default.metrics
    assert m["logp_reified"] > m["logp_data"] > m["logp_pushed"]
    assert m["detect_auc"] > 0.75


def test_attractor_default_claims():
    m = experiments.get("attractor_energy").run("default", seed=0, progress=False).metrics
    assert m["energy_monotone_fraction"] == 1.0
    assert m["one_state_monotone_fraction_lmin_ge_minus1"] == 1.0
    assert m["denoise_ratio"] < 0.5
    assert m["basin_accuracy"] > 0.5  # at 4x the training noise, most copies still end in their own basin


@pytest.mark.parametrize("name", list(experiments.MODULES))
def test_same_seed_same_numbers_and_another_seed_differs(name):
    run = experiments.get(name).run
    a, b = run("quick", seed=3, progress=False), run("quick", seed=3, progress=False)
    c = run("quick", seed=4, progress=False)
    assert a.metrics == b.metrics
    assert a.metrics != c.metrics


def test_saved_json_has_the_contract_fields(tmp_path):
    result = experiments.get("attractor_energy").run("quick", seed=1, progress=False)
    path = result.save(tmp_path)
    data = json.loads(path.read_text())
    assert set(data) >= {"name", "preset", "seed", "config", "metrics", "wall_time_s", "version"}
    assert data["preset"] == "quick" and data["seed"] == 1
    assert data["metrics"] == pytest.approx(result.metrics)
    assert [p.name for p in tmp_path.iterdir()] == ["attractor_energy.json"]  # no temporary file left


def test_bad_preset_and_unknown_settings_are_named():
    with pytest.raises(ValueError, match="preset must be one of"):
        experiments.get("dae_score").run("huge", progress=False)
    with pytest.raises(ValueError, match="unknown setting"):
        experiments.get("dae_score").run("quick", progress=False, n_layers=3)
    with pytest.raises(ValueError, match="sigma=0.3 must be one of"):
        experiments.get("dae_score").run("quick", progress=False, sigma=0.3)
    with pytest.raises(ValueError, match="unknown experiment"):
        experiments.get("parity9")
