__all__ = ["alpha", "_beta"]
alpha = "alpha"
_beta = "beta"
gamma = "gamma"
