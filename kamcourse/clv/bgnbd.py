"""BG/NBD model (Beta-Geometric/NBD): how many purchases a customer will make, and is she still "alive"?

Fader, Hardie & Lee (2005), "Counting your customers the easy way: an
alternative to the Pareto/NBD model", *Marketing Science* 24(2): 275-284.

Story of the model: while a customer is active she buys at her own Poisson
rate λ (rates vary across customers as Gamma(r, α)); after each purchase she
may drop out for good with her own probability p (probabilities vary as
Beta(a, b)). We only see each customer's purchase history summarised as
(frequency x, recency t_x, age T) -- see :func:`kamcourse.clv.rfm_summary`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..validation import as_times, check_positive_int, customer_history, scalar_or_series, unwrap
from .convergence import converged_fit, maximise_log_likelihood, report_nonconvergence

__all__ = ["BGNBD", "fit_bgnbd"]

_PARAMS = ("r", "alpha", "a", "b")


def _loglik_terms(
    params: np.ndarray,
    x: np.ndarray,
    tx: np.ndarray,
    T: np.ndarray,
    grad: bool,
    x_groups: tuple[np.ndarray, np.ndarray] | None = None,
):
    """Per-pattern log-likelihood (FHL 2005 eq. 6) and, optionally, its gradient in the parameters.

    ``x_groups = (distinct x, index of each pattern's x)`` lets the Gamma
    functions of x be computed once per distinct frequency.
    """
    from scipy.special import digamma, gammaln

    r, alpha, a, b = params
    ux, inv = x_groups if x_groups is not None else (x, slice(None))

    def per_x(fn, shift):
        return fn(shift + ux)[inv]

    pos = x > 0
    b_x1 = b + np.where(pos, x - 1.0, 0.0)  # b + x - 1, or b when x = 0 (term unused)
    log_aT = np.log(alpha + T)
    log_atx = np.log(alpha + tx)
    rx = r + x
    A1 = per_x(gammaln, r) - gammaln(r) + r * math.log(alpha)
    A2 = gammaln(a + b) + per_x(gammaln, b) - gammaln(b) - per_x(gammaln, a + b)
    A3 = -rx * log_aT
    with np.errstate(divide="ignore"):
        A4 = np.where(pos, math.log(a) - np.log(b_x1) - rx * log_atx, -np.inf)
    M = np.maximum(A3, A4)
    e3 = np.exp(A3 - M)
    e4 = np.exp(A4 - M)
    S = e3 + e4
    ll = A1 + A2 + M + np.log(S)
    if not grad:
        return ll, None
    w3 = e3 / S
    w4 = e4 / S
    d_r = per_x(digamma, r) - digamma(r) + math.log(alpha) - w3 * log_aT - w4 * log_atx
    d_alpha = r / alpha - rx * (w3 / (alpha + T) + w4 / (alpha + tx))
    psi_ab = digamma(a + b)
    psi_abx = per_x(digamma, a + b)
    d_a = psi_ab - psi_abx + w4 / a
    d_b = psi_ab + per_x(digamma, b) - digamma(b) - psi_abx - w4 / b_x1
    return ll, (d_r, d_alpha, d_a, d_b)


def _hyp2f1_log(a: np.ndarray, b: np.ndarray, c: np.ndarray, z: np.ndarray) -> np.ndarray:
    """log of the Gauss hypergeometric function, with Euler's transformation where it overflows."""
    from scipy.special import hyp2f1

    with np.errstate(all="ignore"):
        direct = np.log(hyp2f1(a, b, c, z))
        alt = np.log(hyp2f1(c - a, c - b, c, z)) + (c - a - b) * np.log1p(-z)
    return np.where(np.isfinite(direct), direct, alt)


@dataclass(frozen=True)
class BGNBD:
    """A fitted BG/NBD model (Fader, Hardie & Lee 2005); returned by :func:`fit_bgnbd`.

    Attributes
    ----------
    r, alpha : float
        Shape and scale of the Gamma distribution of purchase rates λ
        (mean rate r/α purchases per time unit).
    a, b : float
        Parameters of the Beta distribution of drop-out probabilities p
        (mean a/(a+b)).
    log_likelihood : float
        Total log-likelihood over all customers, in the data's time unit.
    n_customers : int
        Customers the model was fitted to.
    converged : bool
        Whether the optimiser reported convergence.
    iterations : int
        Optimiser iterations used.
    message : str
        The optimiser's closing message.

    Examples
    --------
    >>> m = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4,
    ...           n_customers=2357, converged=True, iterations=0, message="")
    >>> round(m.prob_alive(2, 30.43, 38.86), 3)
    0.727
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    n_customers: int
    converged: bool
    iterations: int
    message: str = ""

    @property
    def params(self) -> dict[str, float]:
        """The four parameters as a dict ``{"r", "alpha", "a", "b"}``.

        Examples
        --------
        >>> BGNBD(0.24, 4.4, 0.79, 2.4, -9582.4, 2357, True, 10).params["a"]
        0.79
        """
        return {k: getattr(self, k) for k in _PARAMS}

    def expected_purchases(self, t: Any) -> Any:
        """Expected repeat purchases in (0, t] of a new customer, E[X(t)] (FHL 2005 eq. 9).

        .. math::

            E[X(t)] = \\frac{a+b-1}{a-1}\\left[1 - \\left(\\frac{\\alpha}{\\alpha+t}\\right)^r
            {}_2F_1\\left(r, b; a+b-1; \\frac{t}{\\alpha+t}\\right)\\right]

        Parameters
        ----------
        t : float or array-like
            Length of the period, in the data's time unit (>= 0).

        Returns
        -------
        float or ndarray
            A float for a number ``t``, an array otherwise.

        Raises
        ------
        ValueError
            If ``t`` is negative or NaN.

        Examples
        --------
        >>> m = BGNBD(0.243, 4.414, 0.793, 2.426, -9582.4, 2357, True, 0)
        >>> round(m.expected_purchases(39), 3)
        1.197
        """
        from scipy.special import hyp2f1

        scalar = np.isscalar(t)
        tt = as_times(t, "t")
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        out = (a + b - 1) / (a - 1) * (1 - hyp2f1(r, b, a + b - 1, tt / (alpha + tt)) * (alpha / (alpha + tt)) ** r)
        return float(out[0]) if scalar else out

    def conditional_expected_purchases(self, t: Any, frequency: Any, recency: Any, T: Any) -> Any:
        """Expected repeat purchases in the next t time units, given each customer's history (eq. 10).

        .. math::

            E[Y(t) \\mid x, t_x, T] = \\frac{\\frac{a+b+x-1}{a-1}\\left[1 -
            \\left(\\frac{\\alpha+T}{\\alpha+T+t}\\right)^{r+x}
            {}_2F_1\\left(r+x, b+x; a+b+x-1; \\frac{t}{\\alpha+T+t}\\right)\\right]}
            {1 + \\delta_{x>0}\\frac{a}{b+x-1}\\left(\\frac{\\alpha+T}{\\alpha+t_x}\\right)^{r+x}}

        Source: Fader, Hardie & Lee (2005), eq. (10).

        Parameters
        ----------
        t : float
            Forecast horizon in the data's time unit (>= 0).
        frequency, recency, T : float or array-like
            Each customer's repeat purchases, age at the last purchase and
            age now (as from :func:`kamcourse.clv.rfm_summary`).

        Returns
        -------
        float or Series
            A float for scalar input, else a Series on the input's index.

        Raises
        ------
        ValueError
            If the history is inconsistent (recency > T, negative or
            non-integer frequency, NaN) or ``t`` is negative.

        Examples
        --------
        >>> m = BGNBD(0.243, 4.414, 0.793, 2.426, -9582.4, 2357, True, 0)
        >>> round(m.conditional_expected_purchases(39, 2, 30.43, 38.86), 3)
        1.226
        """
        values, scalar = scalar_or_series({"frequency": frequency, "recency": recency, "T": T})
        f, rec, age = customer_history(**values)
        tt = float(as_times(t, "t")[0]) if np.isscalar(t) else as_times(t, "t")
        x, tx, T_ = f.to_numpy(), rec.to_numpy(), age.to_numpy()
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = tt / (alpha + T_ + tt)
        log_hyp = _hyp2f1_log(r + x, b + x, a + b + x - 1, z)
        first = (a + b + x - 1) / (a - 1)
        second = 1 - np.exp(log_hyp + (r + x) * np.log((alpha + T_) / (alpha + T_ + tt)))
        pos = x > 0
        denom = 1 + pos * (a / (b + np.where(pos, x - 1, 0))) * ((alpha + T_) / (alpha + tx)) ** (r + x)
        return unwrap(pd.Series(first * second / denom, index=f.index), scalar)

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """Probability each customer is still active ("alive"), P(alive | x, t_x, T).

        .. math::

            P(\\text{alive}) = \\frac{1}{1 + \\delta_{x>0} \\frac{a}{b+x-1}
            \\left(\\frac{\\alpha+T}{\\alpha+t_x}\\right)^{r+x}}

        A customer with no repeat purchase (x = 0) cannot have dropped out in
        the BG/NBD story (drop-out happens only after a purchase), so gets 1.
        Source: Fader, Hardie & Lee (2005), eq. (11) via Hardie's note 021.

        Parameters
        ----------
        frequency, recency, T : float or array-like
            Each customer's history (see :func:`kamcourse.clv.rfm_summary`).

        Returns
        -------
        float or Series
            Values in (0, 1]; a float for scalar input, else a Series.

        Raises
        ------
        ValueError
            If the history is inconsistent (recency > T, negative or
            non-integer frequency, NaN).

        Examples
        --------
        >>> m = BGNBD(0.243, 4.414, 0.793, 2.426, -9582.4, 2357, True, 0)
        >>> round(m.prob_alive(2, 5.0, 38.86), 3)   # bought twice early, then silence
        0.124
        >>> m.prob_alive(0, 0, 38.86)
        1.0
        """
        from scipy.special import expit

        values, scalar = scalar_or_series({"frequency": frequency, "recency": recency, "T": T})
        f, rec, age = customer_history(**values)
        x, tx, T_ = f.to_numpy(), rec.to_numpy(), age.to_numpy()
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        pos = x > 0
        log_odds_dead = (r + x) * np.log((alpha + T_) / (alpha + tx)) + np.log(a / (b + np.where(pos, x - 1, 0)))
        p = np.where(pos, expit(-log_odds_dead), 1.0)
        return unwrap(pd.Series(p, index=f.index), scalar)


def _distinct_histories(
    f: pd.Series, rec: pd.Series, age: pd.Series
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Identical (frequency, recency, T) histories grouped: the likelihood of a pattern counts once per customer."""
    raw = np.column_stack([f.to_numpy(), rec.to_numpy(), age.to_numpy()])
    order = np.lexsort((raw[:, 2], raw[:, 1], raw[:, 0]))
    ordered = raw[order]
    new = np.ones(len(ordered), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    patterns = ordered[starts]
    weights = np.diff(np.append(starts, len(ordered))).astype(float)
    return patterns[:, 0], patterns[:, 1], patterns[:, 2], weights


def fit_bgnbd(
    frequency: Any,
    recency: Any,
    T: Any,
    *,
    max_iter: int = 1000,
    strict: bool = True,
) -> BGNBD:
    """Fit the BG/NBD model by maximum likelihood (BG/NBD 模型; Fader, Hardie & Lee 2005).

    Maximises the total log-likelihood (FHL 2005, eq. 6)

    .. math::

        LL = \\sum_i \\ln\\Big[\\frac{\\Gamma(r+x)\\alpha^r}{\\Gamma(r)}
        \\frac{B(a, b+x)}{B(a,b)}\\Big((\\alpha+T)^{-(r+x)}
        + \\delta_{x>0}\\frac{a}{b+x-1}(\\alpha+t_x)^{-(r+x)}\\Big)\\Big]

    over log-parameters with BFGS and an analytic gradient. Customers
    with the same (x, t_x, T) are grouped and weighted, and time is rescaled
    internally so that the oldest customer has age 1; ``alpha`` and
    ``log_likelihood`` are reported in the data's own time unit.

    On the CDNOW 39-week calibration sample (2,357 customers, time in weeks)
    this gives r = 0.243, α = 4.414, a = 0.793, b = 2.426 and LL = -9582.4,
    the values published by Fader, Hardie & Lee (2005).

    Parameters
    ----------
    frequency : array-like
        Repeat purchases per customer (whole numbers >= 0).
    recency : array-like
        Age of each customer at the last purchase (0 if no repeat purchase).
    T : array-like
        Age of each customer at the end of the observation period (>= recency).
    max_iter : int
        Optimiser iteration limit.
    strict : bool
        If the optimiser does not converge: raise :class:`ConvergenceError`
        (default) or, with ``strict=False``, warn and return the result with
        ``converged=False``.

    Returns
    -------
    BGNBD
        The fitted model: ``r, alpha, a, b, log_likelihood, n_customers,
        converged, iterations, message`` and methods ``expected_purchases``,
        ``conditional_expected_purchases``, ``prob_alive``.

    Raises
    ------
    ValueError
        If an input holds NaN, a negative or non-integer frequency, a recency
        larger than T, non-zero recency with zero frequency, or if nobody made
        a repeat purchase (the model cannot be identified then).
    ConvergenceError
        If the optimiser did not converge (with ``strict=True``).

    Examples
    --------
    The CDNOW calibration summary (2,357 customers, weeks), as in the paper:

    >>> from kamcourse.clv import fit_bgnbd
    >>> from kamcourse.data import load_cdnow
    >>> s = load_cdnow("summary")
    >>> m = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    >>> m.converged, m.n_customers
    (True, 2357)
    >>> round(m.r, 3), round(m.alpha, 3), round(m.a, 3), round(m.b, 3)
    (0.243, 4.414, 0.793, 2.426)
    >>> fit_bgnbd([1, 2], [5.0, 40.0], [30.0, 30.0])
    Traceback (most recent call last):
    ...
    ValueError: some recency values are larger than T: recency 40 > T 30 at 1 (1 customer(s)); ...
    """
    f, rec, age = customer_history(frequency, recency, T)
    if len(f) == 0:
        raise ValueError("frequency is empty; the model needs customers")
    if f.sum() == 0:
        raise ValueError(
            "nobody made a repeat purchase (every frequency is 0): the BG/NBD model cannot be fitted; "
            "use a longer observation period"
        )
    t_max = float(age.max())
    if t_max <= 0:
        raise ValueError("every T is 0: customers need some age (time since their first purchase)")
    max_iter = check_positive_int(max_iter, "max_iter")
    x, tx, T_, w = _distinct_histories(f, rec, age)
    x_groups = np.unique(x, return_inverse=True)
    n = float(w.sum())
    scale = 1.0 / t_max
    txs, Ts = tx * scale, T_ * scale

    def terms(params: np.ndarray) -> tuple[float, np.ndarray]:
        ll, d = _loglik_terms(params, x, txs, Ts, grad=True, x_groups=x_groups)
        return float(w @ ll), np.array([w @ g for g in d])

    res = maximise_log_likelihood(terms, 4, n, max_iter)
    converged, message = converged_fit(res, _PARAMS)
    r, alpha_s, a, b = np.exp(res.x)
    alpha = alpha_s / scale
    ll, _ = _loglik_terms(np.array([r, alpha, a, b]), x, tx, T_, grad=False)
    model = BGNBD(
        r=float(r),
        alpha=float(alpha),
        a=float(a),
        b=float(b),
        log_likelihood=float(w @ ll),
        n_customers=int(n),
        converged=converged,
        iterations=int(res.nit),
        message=message,
    )
    if not converged:
        report_nonconvergence("BG/NBD", int(res.nit), message, strict, "check the data (enough repeat buyers?) or raise max_iter.")
    return model
