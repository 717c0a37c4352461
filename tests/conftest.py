import pytest
import torch

from srn_lib import set_threads


@pytest.fixture(autouse=True)
def one_thread_and_seed():
    """Every test runs on one torch thread from a fixed seed, as the notebooks do."""
    set_threads(1)
    torch.manual_seed(0)
    yield
