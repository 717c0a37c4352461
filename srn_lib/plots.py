"""Figures shared by the notebooks (matplotlib + seaborn). Each function draws on the axes it is given."""

import matplotlib.pyplot as plt
import seaborn as sns
import torch

from srn_lib.reify.attractor import one_state_energy

COLORS = {"true": "#1b9e77", "dae": "#d95f02", "smoothed": "#7570b3", "kde": "#666666", "off": "#e7298a"}


def style():
    """The house style: seaborn's white grid, readable fonts."""
    sns.set_theme(style="whitegrid", context="notebook", rc={"figure.dpi": 100})


def grid(lim: float, n: int) -> torch.Tensor:
    """An n x n grid of 2-D points on [-lim, lim]^2, shape (n*n, 2)."""
    axis = torch.linspace(-lim, lim, n)
    return torch.cartesian_prod(axis, axis)


def density_contour(ax, density, lim: float = 1.6, n: int = 120):
    """Filled contours of log p, the backdrop of every score plot."""
    pts = grid(lim, n)
    logp = density.log_prob(pts).reshape(n, n).clamp(min=-8)
    ax.contourf(pts[:, 0].reshape(n, n), pts[:, 1].reshape(n, n), logp, levels=14, cmap="Greys", alpha=0.55)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal")


def score_arrows(ax, points: torch.Tensor, vectors: torch.Tensor, color: str, label: str | None = None):
    """Arrows of unit length: the direction of a score field (its size varies too much to draw)."""
    unit = vectors / vectors.norm(dim=1, keepdim=True).clamp(min=1e-12)
    ax.quiver(points[:, 0], points[:, 1], unit[:, 0], unit[:, 1], color=color, angles="xy", scale=28,
              width=0.004, label=label)


def score_panel(ax, density, points, vectors, color, title, lim=1.6):
    """Density backdrop + score directions + a title."""
    density_contour(ax, density, lim)
    score_arrows(ax, points, vectors, color)
    ax.set_title(title, fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])


def reification_panel(ax, density, dae, x_off, k: int, trail: int = 6, lim: float = 1.6):
    """Pushed-off points after k applications of r (the first 150 shown), their last ``trail`` steps as lines.

    The title gives the mean length of the last step over all points.
    """
    path = dae.reify(x_off, k)
    density_contour(ax, density, lim)
    start = max(0, k - trail)
    for i in range(min(len(x_off), 150)):
        ax.plot(path[start:, i, 0], path[start:, i, 1], color=COLORS["off"], lw=0.6, alpha=0.5)
    ax.scatter(path[-1, :150, 0], path[-1, :150, 1], s=8, color=COLORS["off"], zorder=3)
    step = (path[-1] - path[-2]).norm(dim=1).mean().item() if k > 0 else 0.0
    ax.set_title(f"k = {k} applications of r (σ = {dae.sigma:g}); last step {step:.3f}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    return path


def energy_landscape(ax, W: torch.Tensor, c: torch.Tensor, n: int = 150, levels: int = 25):
    """Contours of the one-state energy E(s) of a 2-unit attractor over s in (-1, 1)^2."""
    axis = torch.linspace(-0.995, 0.995, n, dtype=torch.float64)
    s = torch.cartesian_prod(axis, axis)
    E = one_state_energy(s, W.double(), c.double()).reshape(n, n)
    cs = ax.contourf(axis, axis, E.T, levels=levels, cmap="viridis")
    ax.set(xlim=(-1, 1), ylim=(-1, 1), aspect="equal", xlabel="$s_1$", ylabel="$s_2$")
    return cs


def show():
    """plt.show() that also works inside interact callbacks."""
    plt.show()
