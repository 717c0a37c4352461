# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: kernelspec,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · A denoising autoencoder estimates the score
#
# State reification replaces a hidden state by a nearby state that is *more likely*. To do
# that, a network needs to know which way "more likely" is: the **score**, $\nabla_h \log p(h)$.
# This notebook shows that a denoising autoencoder (DAE) learns exactly that direction, on 2-D
# toy densities where we can compute the true score in closed form and check the DAE against it.
#
# ## Learning objectives
# - **Derive** why the residual of an optimal DAE, $(r(x) - x)/\sigma^2$, is a score (Tweedie's formula).
# - **Train** DAEs at several noise levels and **compare** their score fields with the analytic one.
# - **Explain** the trade-off in $\sigma$: bias when it is large, variance when it is small (Alain and Bengio).
# - **Use** a DAE as a reifier: apply $r$ repeatedly and watch off-manifold points walk back.
# - **Detect** off-manifold states with the reconstruction error (the idea behind notebook 07).
#
# **Runtime** on 2 CPU cores: about 9 s in quick mode (`SRN_QUICK=1`), about 20 s by default
# (kernel start included). Quick mode trains for a fraction of the steps, so its numbers are
# rougher; the text describes the default run.
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/srn-course/srn/HEAD?labpath=notebooks%2F01_dae_score_estimation.ipynb)

# %% tags=["parameters"]
import os

import matplotlib.pyplot as plt
import torch

import srn_lib
from srn_lib import plots, widgets
from srn_lib.data import toy2d
from srn_lib.experiments import dae_score

QUICK = os.environ.get("SRN_QUICK") == "1"  # CI sets this: everything gets smaller, same code path
PRESET = "quick" if QUICK else "default"
SEED = 0
srn_lib.set_threads()  # one thread: fastest for these small models, and bit-identical to the CLI
plots.style()
print(f"preset={PRESET}, seed={SEED}, torch {torch.__version__}, srn_lib {srn_lib.__version__}")

# %% [markdown]
# ## 1. A density whose score we know
#
# Our data live on a ring: eight Gaussian bumps of width $s = 0.12$ on a circle of radius 1.
# A Gaussian mixture $p(x) = \sum_k w_k \,\mathcal N(x;\mu_k, s_k^2 I)$ has the score
#
# $$\nabla_x \log p(x) = \sum_k \gamma_k(x)\,\frac{\mu_k - x}{s_k^2},\qquad \gamma_k(x) = \text{posterior of bump } k,$$
#
# so every arrow below is exact. Arrows show only the *direction* (the size varies by orders of
# magnitude); they point towards the nearest high-density region.

# %%
density = toy2d.ring()
data = density.sample(2000, torch.Generator().manual_seed(SEED))
arrows_at = plots.grid(1.5, 21)

fig, axes = plt.subplots(1, 2, figsize=(9, 4.4))
plots.density_contour(axes[0], density)
axes[0].scatter(data[:, 0], data[:, 1], s=2, color="k", alpha=0.4)
axes[0].set_title("2,000 samples on the ring")
plots.score_panel(axes[1], density, arrows_at, density.score(arrows_at), plots.COLORS["true"],
                  r"true score $\nabla \log p(x)$ (directions)")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Why a DAE learns the score, in one Gaussian
#
# A DAE $r$ is trained to undo noise: minimise $\mathbb E\,\lVert r(x + \sigma\varepsilon) - x\rVert^2$.
# The best possible $r$ is the posterior mean $r^*(\tilde x) = \mathbb E[x \mid \tilde x]$, and
# **Tweedie's formula** says
#
# $$\frac{r^*(\tilde x) - \tilde x}{\sigma^2} = \nabla \log p_\sigma(\tilde x), \qquad p_\sigma = p * \mathcal N(0, \sigma^2 I).$$
#
# So the DAE's residual, divided by $\sigma^2$, is the score of the data density *blurred by the
# noise*. As $\sigma \to 0$, $p_\sigma \to p$ (Alain and Bengio, 2014).
#
# Check it where everything is analytic. For data $\mathcal N(0, s^2)$ the blurred density is
# $\mathcal N(0, s^2 + \sigma^2)$, so the optimal DAE is linear, $r^*(x) = x\,s^2/(s^2+\sigma^2)$.
# Here is a one-parameter DAE $r(x) = a\,x$ trained by plain gradient descent, in a few lines:

# %%
s, sigma = 1.0, 0.5
a = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([a], lr=0.1)
g = torch.Generator().manual_seed(SEED)
for _ in range(300):
    x = s * torch.randn(4096, generator=g)
    x_noisy = x + sigma * torch.randn(4096, generator=g)
    loss = ((a * x_noisy - x) ** 2).mean()  # reconstruction loss
    opt.zero_grad()
    loss.backward()
    opt.step()
print(f"learned a = {a.item():.3f};  Tweedie's s²/(s²+σ²) = {s**2 / (s**2 + sigma**2):.3f}")
print(f"score estimate at x = 1: {(a.item() - 1) / sigma**2:.3f};  "
      f"blurred score -1/(s²+σ²) = {-1 / (s**2 + sigma**2):.3f};  true score -1/s² = {-1 / s**2:.3f}")

# %% [markdown]
# The DAE recovers the score of the **blurred** density, not the true one: at $\sigma = 0.5$ they
# differ by 20%. That gap is the *bias* of a large noise level. `srn_lib.reify.dae.DAE` is the same
# idea packaged as an MLP. Here we build it with `residual=True`, $r(x) = x + \text{MLP}(x)$: the MLP
# learns only the correction, which is easier to fit when $r$ is close to the identity. It has
# `score_estimate(x)` $= (r(x) - x)/\sigma^2$. The unit test `tests/test_dae.py` repeats this
# Gaussian check with the MLP.

# %% [markdown]
# ## 3. Train DAEs on the ring at several noise levels
#
# One call runs the whole experiment: it trains one DAE per noise level on the same 2,000 samples
# and measures the agreement with the true score as a **density-weighted mean cosine
# similarity**: the average of $\cos(\hat s(x), \nabla\log p(x))$ over fresh points $x \sim p$.
# 1 means every arrow points the right way; 0 means no better than random.
# The command line runs the same function: `python -m srn_lib run dae_score`.

# %%
result = dae_score.run(PRESET, seed=SEED)
print(result.table())

# %% [markdown]
# The metrics, in words:
# - `score_cosine`: the DAE at the default $\sigma = 0.1$ against the true score;
# - `score_cosine_vs_smoothed`: the same DAE against the score of the blurred density $p_\sigma$,
#   which is what Tweedie's formula says it estimates;
# - `kde_score_cosine`: what a DAE of unlimited capacity would learn from this finite sample,
#   the exact minimiser of the training loss (see section 4);
# - `score_cosine_sigma_*`: the sweep over noise levels;
# - `detect_auc`, `logp_*`: reification and detection (section 5).

# %%
daes, x_eval, sweep = result.artifacts["daes"], result.artifacts["x_eval"], result.artifacts["sweep"]
sigma0 = result.config["sigma"]
with torch.no_grad():
    est = daes[sigma0].score_estimate(arrows_at)
fig, axes = plt.subplots(1, 3, figsize=(13, 4.5))
plots.score_panel(axes[0], density, arrows_at, density.score(arrows_at), plots.COLORS["true"],
                  r"true score $\nabla\log p$")
plots.score_panel(axes[1], density, arrows_at, density.smoothed(sigma0).score(arrows_at), plots.COLORS["smoothed"],
                  rf"blurred score $\nabla\log p_\sigma$, σ = {sigma0:g}")
plots.score_panel(axes[2], density, arrows_at, est, plots.COLORS["dae"],
                  rf"DAE estimate $(r(x)-x)/\sigma^2$, σ = {sigma0:g}")
plt.tight_layout()
plt.show()
print(f"density-weighted cosine, DAE vs true score: {result.metrics['score_cosine']:.3f}")

# %% [markdown]
# Near the ring the three fields agree. Far from the data (the corners) the DAE's arrows can
# wander: it never saw noisy points there, so its estimate is an extrapolation. That is why the
# metric weights the cosine by the density.

# %% [markdown]
# ## 4. The noise level: bias against variance
#
# Two things go wrong, at opposite ends of $\sigma$:
# - **large σ, bias**: the DAE estimates $\nabla\log p_\sigma$, and blurred by $\sigma = 0.4$ the
#   eight bumps merge into one smooth circular ridge. Its arrows point to that circle (radius about
#   0.9), straight across the gaps, instead of to the nearest bump.
# - **small σ, variance**: the loss a DAE actually minimises is an average over $N$ samples, and its
#   exact minimiser is the $r$ whose $(r(x) - x)/\sigma^2$ is the score of the empirical distribution
#   blurred by $\sigma$: the *kernel density estimate* (KDE) with bandwidth $\sigma$. With a small bandwidth that is a field of
#   spikes around individual samples. On top of that, dividing the residual by a tiny $\sigma^2$
#   blows up every error of the fit.
#
# The grey curve is the KDE's score against the true one: what a DAE of unlimited capacity would
# learn from these 2,000 samples. It is a reference, not a hard ceiling (a smoother, imperfect fit
# can happen to be closer to the truth). The orange curve is what our DAEs actually reach.

# %%
fig, axes = plt.subplots(1, 3, figsize=(14, 4.3), gridspec_kw={"width_ratios": [1.3, 1, 1]})
ax = axes[0]
ax.plot(sweep["sigma"], sweep["dae"], "o-", color=plots.COLORS["dae"], lw=2.5, zorder=3, label="DAE vs true score")
ax.plot(sweep["sigma"], sweep["kde"], "s--", color=plots.COLORS["kde"], label="KDE vs true score (unlimited capacity)")
ax.plot(sweep["sigma"], sweep["smoothed"], "^:", color=plots.COLORS["smoothed"], ms=10, mfc="none", mew=2, zorder=4,
        label=r"DAE vs blurred score $p_\sigma$ (hollow)")
ax.set(xscale="log", xlabel="noise level σ", ylabel="density-weighted mean cosine", ylim=(-0.05, 1.02),
       title="agreement with the score")
ax.set_xticks(sweep["sigma"], [f"{s_:g}" for s_ in sweep["sigma"]], minor=False)
ax.minorticks_off()
ax.legend(fontsize=9, loc="lower center")
for ax, s_ in zip(axes[1:], (min(sweep["sigma"]), max(sweep["sigma"])), strict=True):
    with torch.no_grad():
        plots.score_panel(ax, density, arrows_at, daes[s_].score_estimate(arrows_at), plots.COLORS["dae"],
                          f"DAE estimate, σ = {s_:g}")
plt.tight_layout()
plt.show()

# %% [markdown]
# Read the left panel from right to left. At large σ the purple curve (agreement with the
# *blurred* score) stays high while the orange one falls: the DAE is doing its job, but its job
# is the wrong density. Going to small σ, the KDE curve falls late (below σ = 0.05) and the DAE
# falls earlier and faster, because a finite network fits the spiky target imperfectly and its
# errors are divided by σ². The optimum is broad: in our run the sweep peaks at σ = 0.2 with the
# default σ = 0.1 close behind, both near the width of the bumps in the data (s = 0.12).

# %% [markdown]
# ## 5. Reification: walk back to the data, and notice when you are off it
#
# Now use the DAE the way the State-Reification paper does: **replace a state by its
# reconstruction**. Each application of $r$ moves a point by $\sigma^2$ times the estimated
# score, a small step uphill in density. We push test points 0.5 away from the ring in random
# directions and apply $r$ again and again. The maps show 150 of the 2,000 points; in the middle
# one the lines are the whole paths from where each point started.

# %%
x_off = result.artifacts["x_off"]
dae0 = daes[sigma0]
steps = result.config["reify_steps"]
path = dae0.reify(x_off, steps)
logp_path = torch.stack([density.log_prob(p).mean() for p in path])

fig, axes = plt.subplots(1, 3, figsize=(14, 4.3))
plots.reification_panel(axes[0], density, dae0, x_off, 0)
axes[0].set_title("pushed 0.5 off the ring (k = 0)")
plots.reification_panel(axes[1], density, dae0, x_off, steps, trail=steps)
ax = axes[2]
ax.plot(range(steps + 1), logp_path, "o-", color=plots.COLORS["off"], label="pushed points")
ax.axhline(result.metrics["logp_data"], color="k", ls="--", label="fresh data")
ax.set(xlabel="applications of r, k", ylabel="mean log p", title="reification climbs the density")
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# After a few steps the points are back on the ring, and then *above* the typical data
# log-density: iterating $r$ does not stop at the data manifold, it keeps climbing to the modes of
# $p_\sigma$ (the centres of the bumps). One step of $r$ is a denoiser; many steps are a
# mode-seeker. The papers apply the DAE once per layer; the attractor net of notebook 02 is the
# version designed to be iterated.
#
# **The reconstruction error as a detector.** Near the centre of a bump $r(x) \approx x$; off
# the ring, $r$ moves the point a lot. So $\lVert r(x) - x\rVert^2$ separates on- from off-manifold points. The area
# under the ROC curve (AUC) says how well: 0.5 is chance, 1.0 is perfect. Notebook 07 will use
# the same signal to flag adversarial hidden states.

# %%
with torch.no_grad():
    err_on = dae0.reconstruction_error(x_eval)
    err_off = dae0.reconstruction_error(x_off)
fig, ax = plt.subplots(figsize=(6, 3.4))
low = torch.cat([err_on, err_off]).clamp(min=1e-12).quantile(0.005).log10().floor()  # skip a stray few
bins = torch.logspace(low.item(), 0, 50)
ax.hist(err_on, bins=bins, alpha=0.6, color=plots.COLORS["true"], label="on the ring (test samples)")
ax.hist(err_off, bins=bins, alpha=0.6, color=plots.COLORS["off"], label="pushed 0.5 off")
ax.set(xscale="log", xlabel=r"reconstruction error $\|r(x)-x\|^2$", ylabel="count",
       title=f"detection AUC = {result.metrics['detect_auc']:.3f}")
ax.legend(fontsize=9)
plt.tight_layout()
plt.show()

# %% [markdown]
# The AUC is well above chance but not 1, for two reasons. Some pushes land on another part of
# the ring (a push of 0.5 can cross the gap to a neighbouring bump), and those points *are* on the
# manifold. And the error is not zero on the data: every sample is pulled part of the way towards
# the centre of its bump, the farther out the more (the green histogram reaches $10^{-2}$).

# %% [markdown]
# ## Interactive demo 1: noise level and iteration count
#
# Pick a noise level σ (one of the trained DAEs) and the number of times $r$ is applied. The
# left panel shows that DAE's score field; the right one the pushed-off points after $k$ steps.
# Everything is precomputed, so the sliders respond at once.

# %%
def draw(noise, iterations):
    dae = daes[noise]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    with torch.no_grad():
        plots.score_panel(axes[0], density, arrows_at, dae.score_estimate(arrows_at), plots.COLORS["dae"],
                          f"score estimate, σ = {noise:g}  (cosine {sweep['dae'][sweep['sigma'].index(noise)]:.2f})")
    plots.reification_panel(axes[1], density, dae, x_off, iterations)
    plt.tight_layout()
    plots.show()


widgets.noise_and_iterations(draw, sweep["sigma"], max_iterations=40, noise=sigma0, iterations=3)

# %% [markdown]
# **Questions**
# 1. Set σ to its largest value and k to 40. Where do the points end up, and why there? (Hint:
#    blur the ring by σ = 0.4 in your head.)
# 2. At the smallest σ, how far do the points move per step (the panel title shows the mean step
#    length)? How many steps would they need to reach the ring? What does that say about using a
#    small-σ DAE *once* as a reifier?
# 3. At the default σ, set k = 1, 2, 3. Which points are still in transit, and which bump does a
#    point halfway between two bumps choose? Compare with the arrows in the left panel.

# %% [markdown]
# ## Our numbers and the papers'
#
# The State-Reification paper uses this result as its justification (slides: "$(r_\sigma(x)-x)/\sigma^2 \to \partial\log p/\partial x$
# as $\sigma\to 0$", citing Alain and Bengio, arXiv 2012, published in JMLR 2014) and prints no
# number for it, so the comparison is with theory, not with a table.
#
# | claim | source | this notebook |
# |---|---|---|
# | DAE residual / σ² estimates the score | Alain & Bengio (2014) | cosine with the true score printed below, at σ = 0.1 |
# | the estimate is of the *blurred* density $p_\sigma$ | Tweedie / Vincent (2011) | section 2 exactly; at σ = 0.4, agreement with $p_\sigma$ vs with $p$ (printed below) |
# | small σ is noisy, large σ biased | Alain & Bengio (2014) | the sweep in section 4 |
# | reconstruction error flags off-manifold states | Fortified Networks; SR slides | `detect_auc` |

# %%
for name in ["score_cosine", "score_cosine_vs_smoothed", "kde_score_cosine", "detect_auc"]:
    print(f"{name:<26} {result.metrics[name]:.3f}")
i_big = sweep["sigma"].index(max(sweep["sigma"]))
print(f"at σ = {sweep['sigma'][i_big]:g}: DAE vs blurred score {sweep['smoothed'][i_big]:.3f}, "
      f"DAE vs true score {sweep['dae'][i_big]:.3f}")

# %% [markdown]
# ## Summary
# - A DAE trained at noise level σ learns $r^*(x) = \mathbb E[x\mid \tilde x = x]$; its residual
#   over σ² is exactly the score of the data blurred by σ (Tweedie), and approaches the true score
#   as σ → 0.
# - In practice there is a sweet spot in σ: too large blurs away the structure (bias), too small
#   leaves a finite sample's spikes and amplifies fitting errors (variance).
# - Applying $r$ is reification: a step uphill in density. Iterating it seeks modes.
# - $\lVert r(x) - x\rVert^2$ is an off-manifold detector.
#
# Next: **02 · attractor energy descent**, a reifier built to be iterated, with an energy that
# provably falls.
#
# ## Exercises
# 1. Re-run the experiment on the `moons` density:
#    `dae_score.run(PRESET, seed=SEED, density="moons")`. Is the sweet spot in σ the same? Relate
#    it to the width of the moons' bumps (0.1) and the gaps between them.
# 2. The residual trick: re-run with a plain $r(x) = \text{MLP}(x)$,
#    `dae_score.run(PRESET, seed=SEED, residual=False)`, and compare `score_cosine`. Why is a
#    near-identity map hard for a plain MLP to fit to σ²-precision?
# 3. **Coding exercise.** Write `kde_score(x, samples, bandwidth)`, the score of the Gaussian kernel
#    density estimate $\hat p(x) = \frac1N\sum_i \mathcal N(x; x_i, h^2 I)$: a softmax-weighted
#    average of $(x_i - x)/h^2$. The cell after it checks your answer against `toy2d.kde`.

# %%
def kde_score(x, samples, bandwidth):
    """Exercise 3: the score of the Gaussian KDE with the given bandwidth, shape like x."""
    raise NotImplementedError("Exercise 3: write kde_score (a solution is in the next cell)")


# %% jupyter={"source_hidden": true} tags=["solution"]
# Solution to exercise 3 (expand to read). Weights are a softmax over -|x - x_i|^2 / (2 h^2).
def kde_score(x, samples, bandwidth):
    logits = -torch.cdist(x.double(), samples.double()).pow(2) / (2 * bandwidth**2)
    weights = torch.softmax(logits, dim=1)
    return ((weights @ samples.double() - x.double()) / bandwidth**2).to(x.dtype)


# %%
points = density.sample(200, torch.Generator().manual_seed(1))
reference = toy2d.kde(data, 0.1).score(points)
print("kde_score matches toy2d.kde:", torch.allclose(kde_score(points, data, 0.1), reference, atol=1e-4))

# %% [markdown]
# ## References
# - G. Alain and Y. Bengio. What regularized auto-encoders learn from the data-generating
#   distribution. *JMLR* 15, 2014 (arXiv 1211.4246).
# - P. Vincent. A connection between score matching and denoising autoencoders. *Neural
#   Computation* 23(7), 2011.
# - B. Efron. Tweedie's formula and selection bias. *JASA* 106, 2011.
# - A. Lamb et al. State-Reification Networks. *ICML* 2019 (arXiv 1905.11382).
