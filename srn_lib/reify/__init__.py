"""The two reifiers: a denoising autoencoder and an attractor net."""
