"""Did a model fit converge? The judgement shared by the BG/NBD and Gamma-Gamma fits, and its exception.

A fit that stops early gives numbers that are not to be trusted: the kit says
so loudly, with :class:`ConvergenceError` (or a warning when the caller asks
for one), rather than handing back parameters that look fine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["ConvergenceError", "maximise_log_likelihood", "converged_fit", "report_nonconvergence"]


class ConvergenceError(RuntimeError):
    """A model fit stopped before the optimiser converged; its numbers are not to be trusted.

    Examples
    --------
    >>> issubclass(ConvergenceError, RuntimeError)
    True
    """


def maximise_log_likelihood(
    terms: Callable[[np.ndarray], tuple[float, np.ndarray]], n_params: int, n: float, max_iter: int
) -> Any:
    """Maximise a log-likelihood over the logs of its (positive) parameters with BFGS (最大似然估计).

    ``terms(params)`` returns the total log-likelihood and its gradient in the
    parameters; the optimiser minimises minus the mean (over ``n``
    customers) from the log-parameters 0 (all parameters 1), with the
    analytic gradient. A step into non-finite values counts as very bad
    (1e300), so the optimiser backs off. Judge the result with :func:`converged_fit`.

    Parameters
    ----------
    terms : callable
        ``terms(params) -> (log_likelihood, gradient)``.
    n_params : int
        Number of parameters.
    n : float
        Number of customers (the likelihood is averaged over them).
    max_iter : int
        Iteration limit.

    Returns
    -------
    scipy.optimize.OptimizeResult
        ``res.x`` holds the log-parameters.

    Examples
    --------
    >>> res = maximise_log_likelihood(lambda p: (-float((p[0] - 2.0) ** 2), np.array([-2 * (p[0] - 2.0)])), 1, 1, 100)
    >>> round(float(np.exp(res.x[0])), 4)
    2.0
    """
    from scipy.optimize import minimize

    def objective(logp: np.ndarray) -> tuple[float, np.ndarray]:
        with np.errstate(over="ignore", invalid="ignore"):
            params = np.exp(logp)
            total, grad = terms(params)
            value = -total / n
            gradient = -grad * params / n
        if not (np.isfinite(value) and np.isfinite(gradient).all()):
            return 1e300, np.zeros(n_params)
        return value, gradient

    return minimize(objective, x0=np.zeros(n_params), jac=True, method="BFGS", options={"maxiter": max_iter, "gtol": 1e-8})


def converged_fit(res: Any, names: tuple[str, ...]) -> tuple[bool, str]:
    """Judge a scipy ``minimize`` result on log-parameters: did it converge to finite parameters?

    BFGS sometimes stops with "precision loss" at the optimum; that counts as
    converged when the gradient is already tiny. A parameter whose log ran
    past ±30 ran off to 0 or infinity: not converged (this kit's convention).

    Parameters
    ----------
    res : scipy.optimize.OptimizeResult
        The result of ``scipy.optimize.minimize`` over the log-parameters.
    names : tuple of str
        The parameter names, in the order of ``res.x``.

    Returns
    -------
    tuple of (bool, str)
        Whether the fit converged, and the optimiser's message with what went wrong.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> ok = SimpleNamespace(success=True, message="Optimization terminated successfully.",
    ...                      x=np.array([0.1, -0.2]), fun=10.0, jac=np.zeros(2))
    >>> converged_fit(ok, ("p", "q"))
    (True, 'Optimization terminated successfully.')
    >>> runaway = SimpleNamespace(success=False, message="Maximum iterations", x=np.array([0.1, 45.0]),
    ...                           fun=10.0, jac=np.ones(2))
    >>> converged_fit(runaway, ("p", "q"))
    (False, 'parameter(s) q ran off towards 0 or infinity; Maximum iterations')
    """
    message = str(res.message)
    grad = np.asarray(getattr(res, "jac", np.full(len(names), np.inf)), dtype=float)
    ok = bool(res.success) or ("precision loss" in message and np.all(np.abs(grad) < 1e-5))
    runaway = ~np.isfinite(res.x) | (np.abs(res.x) > 30)
    if runaway.any():
        bad = ", ".join(n for n, hit in zip(names, runaway) if hit)
        return False, f"parameter(s) {bad} ran off towards 0 or infinity; {message}"
    if not np.isfinite(res.fun) or res.fun >= 1e299:
        return False, f"the likelihood is not finite at the end; {message}"
    drifting = np.abs(res.x) > 10
    if not ok and drifting.any():
        parts = ", ".join(
            f"{n} towards {'infinity' if v > 0 else '0'}" for n, v, hit in zip(names, res.x, drifting) if hit
        )
        message = (
            f"{parts} (the best fit lies at the edge of the model: the data may not show the variation "
            f"the model describes, or there are too few customers); {message}"
        )
    return bool(ok), message


def report_nonconvergence(model: str, iterations: int, message: str, strict: bool, advice: str) -> None:
    """Say loudly that a fit did not converge: raise :class:`ConvergenceError`, or warn when not ``strict``.

    Parameters
    ----------
    model : str
        The model's name, e.g. ``"BG/NBD"``.
    iterations : int
        Iterations the optimiser ran.
    message : str
        What went wrong (from :func:`converged_fit`).
    strict : bool
        Raise (True) or warn with a ``RuntimeWarning`` (False).
    advice : str
        What the user can do.

    Raises
    ------
    ConvergenceError
        When ``strict``.

    Examples
    --------
    >>> report_nonconvergence("BG/NBD", 100, "Maximum iterations", True, "raise max_iter.")
    Traceback (most recent call last):
    ...
    kamcourse.clv.convergence.ConvergenceError: the BG/NBD fit did not converge after 100 iteration(s): Maximum iterations. The parameters are not to be trusted; raise max_iter.
    """
    import warnings

    text = (
        f"the {model} fit did not converge after {iterations} iteration(s): {message.rstrip('.')}. "
        f"The parameters are not to be trusted; {advice}"
    )
    if strict:
        raise ConvergenceError(text)
    warnings.warn(text, RuntimeWarning, stacklevel=3)
