"""Segmentation by clustering (聚类细分): inputs, choosing k, profiles, and agreement with known segments.

The models themselves are scikit-learn's (``StandardScaler``, ``KMeans``, ``AgglomerativeClustering``),
called in the lesson as students will call them elsewhere. This module adds what the course needs around
them: the kit's choice of inputs (:func:`segmentation_inputs`), the elbow and silhouette table for
choosing k (:func:`choose_k`), a profile per cluster to name it (:func:`cluster_profile`), and how far
clusters agree with segments made another way (:func:`match_segments`). scikit-learn is imported inside
the functions that need it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..validation import check_not_empty, check_positive_int, require_columns
from .features import FEATURES

__all__ = ["SEGMENTATION_INPUTS", "SegmentMatch", "segmentation_inputs", "choose_k", "cluster_profile", "match_segments"]

#: The inputs of the lesson's segmentation, in order (this kit's convention).
SEGMENTATION_INPUTS: tuple[str, ...] = (
    "recency_log", "frequency_log", "monetary_log", "trend", "tenure_log", "sales_growth",
)


def segmentation_inputs(features: pd.DataFrame, firmographics: pd.DataFrame | None = None) -> pd.DataFrame:
    """The clustering inputs of the lesson: log RFM and tenure, trend, and the customer's own growth (聚类变量).

    Counts and money are skewed (a few customers buy a hundred times more than most), so they enter
    as logarithms, ``log(1 + x)``; the trend is already a share in [0, 1]:

    - ``recency_log`` = log(1 + recency_days), ``frequency_log`` = log(1 + orders),
      ``monetary_log`` = log(1 + revenue), ``tenure_log`` = log(1 + tenure_days);
    - ``trend`` as in :func:`kamcourse.mining.customer_features`;
    - ``sales_growth`` from ``firmographics`` (the customer's own turnover growth), when given.

    Standardise them before clustering (``sklearn.preprocessing.StandardScaler``): k-means measures
    plain distances, so a variable with a larger spread would otherwise count more.

    Parameters
    ----------
    features : DataFrame
        Output of :func:`kamcourse.mining.customer_features`.
    firmographics : DataFrame, optional
        The ``firmographics`` table (columns ``customer_id``, ``sales_growth``).

    Returns
    -------
    DataFrame
        Same index as ``features``; the columns of :data:`SEGMENTATION_INPUTS` (without
        ``sales_growth`` when ``firmographics`` is None).

    Raises
    ------
    ValueError
        If a column is missing, or a customer of ``features`` has no firmographics.

    Examples
    --------
    >>> f = pd.DataFrame({"recency_days": [0.0, 99.0], "tenure_days": [9.0, 999.0], "orders": [3.0, 0.0],
    ...                   "revenue": [999.0, 0.0], "revenue_previous": [0.0, 5.0], "trend": [1.0, 0.0]},
    ...                  index=pd.Index(["a", "b"], name="customer_id"))
    >>> segmentation_inputs(f).round(2)
                 recency_log  frequency_log  monetary_log  trend  tenure_log
    customer_id
    a                   0.00           1.39          6.91    1.0        2.30
    b                   4.61           0.00          0.00    0.0        6.91
    """
    require_columns(features, FEATURES, "features")
    out = pd.DataFrame({
        "recency_log": np.log1p(features["recency_days"]), "frequency_log": np.log1p(features["orders"]),
        "monetary_log": np.log1p(features["revenue"]), "trend": features["trend"],
        "tenure_log": np.log1p(features["tenure_days"]),
    }, index=features.index)
    if firmographics is not None:
        require_columns(firmographics, ["customer_id", "sales_growth"], "firmographics")
        growth = firmographics.set_index("customer_id")["sales_growth"].reindex(features.index)
        if growth.isna().any():
            raise ValueError(f"firmographics has no sales_growth for customer {growth.index[growth.isna()][0]!r}")
        out["sales_growth"] = growth.astype(float)
    return out


def _as_matrix(inputs: Any, name: str) -> np.ndarray:
    """The standardised inputs as a 2-D float array without NaN."""
    arr = inputs.to_numpy(dtype=float) if isinstance(inputs, pd.DataFrame) else np.asarray(inputs, dtype=float)
    if arr.ndim != 2 or arr.shape[0] < 3:
        raise ValueError(f"{name} must be a table of at least 3 customers (rows) by variables, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or an infinite value; fill or drop those customers first")
    return arr


def choose_k(inputs: Any, ks: Iterable[int] = range(2, 9), random_state: int = 0, n_init: int = 10) -> pd.DataFrame:
    """Elbow and silhouette for each number of clusters k: the numbers behind choosing k (确定聚类数).

    For each k, ``sklearn.cluster.KMeans(k, n_init=n_init, random_state=random_state)`` is fitted
    (Lloyd's algorithm: Lloyd 1982, *IEEE Trans. Information Theory* 28(2); MacQueen 1967, Berkeley
    Symposium) and two numbers are kept:

    - ``inertia``: the within-cluster sum of squared distances; it always falls as k grows, and the
      "elbow" where it stops falling fast suggests a k;
    - ``silhouette``: the mean over customers of (b − a) / max(a, b), with a the mean distance to her
      own cluster and b to the nearest other one (Rousseeuw 1987, *J. Comput. Appl. Math.* 20: 53-65);
      from −1 to 1, higher is better separated.

    Neither decides alone: a k must also give segments the firm can name and act on.

    Parameters
    ----------
    inputs : DataFrame or 2-D array
        Standardised clustering inputs, one row per customer.
    ks : iterable of int, default 2..8
        The numbers of clusters to try (each at least 2 and below the number of customers).
    random_state : int, default 0
        Seed of k-means' random starts (fixed, so the table is reproducible).
    n_init : int, default 10
        Random starts per k; the best is kept.

    Returns
    -------
    DataFrame
        Index ``k``; columns ``inertia`` and ``silhouette``.

    Raises
    ------
    ValueError
        If ``inputs`` has fewer than 3 rows or NaN, or a k is below 2 or not below the number of rows.

    References
    ----------
    .. [1] Lloyd, S. P. (1982). Least squares quantization in PCM. *IEEE Transactions on
       Information Theory* 28(2), 129-137.
    .. [2] MacQueen, J. (1967). Some methods for classification and analysis of multivariate
       observations. *Proceedings of the 5th Berkeley Symposium on Mathematical Statistics and
       Probability* 1, 281-297.
    .. [3] Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation and
       validation of cluster analysis. *Journal of Computational and Applied Mathematics* 20, 53-65.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> blobs = np.vstack([rng.normal(c, 0.3, (20, 2)) for c in (0, 5, 10)])
    >>> table = choose_k(blobs, ks=[2, 3, 4])
    >>> int(table["silhouette"].idxmax()), bool(table["inertia"].is_monotonic_decreasing)
    (3, True)
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits

    x = _as_matrix(inputs, "inputs")
    ks = [check_positive_int(k, "k", minimum=2) for k in ks]
    if any(k >= len(x) for k in ks):
        raise ValueError(f"k must be below the number of customers ({len(x)}), got {max(ks)}")
    rows = []
    # a few hundred customers: one thread is fastest, and on a busy shared server (a class on one JupyterHub)
    # OpenMP and BLAS threads waiting for a free core would make each fit take seconds instead of milliseconds
    with threadpool_limits(limits=1):
        for k in ks:
            model = KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(x)
            rows.append((k, float(model.inertia_), float(silhouette_score(x, model.labels_))))
    return pd.DataFrame(rows, columns=["k", "inertia", "silhouette"]).set_index("k")


def cluster_profile(features: pd.DataFrame, labels: Any) -> pd.DataFrame:
    """Size and average of each variable per cluster: what a cluster's customers are like (聚类画像).

    Read a profile against the overall average (the ``all`` row) to name a cluster: "recent, frequent,
    large" is a different segment from "silent for a year".

    Parameters
    ----------
    features : DataFrame
        One row per customer: the variables to average (in their own units, not standardised).
    labels : Series, list or array
        The cluster of each customer, in the order of ``features`` (or a Series on its index).

    Returns
    -------
    DataFrame
        One row per cluster (sorted) and a last row ``all``; columns ``customers``, ``share`` and the
        mean of every numeric column of ``features``.

    Raises
    ------
    ValueError
        If ``features`` is empty or ``labels`` has another length or holds a missing value.

    Examples
    --------
    >>> f = pd.DataFrame({"revenue": [10.0, 12.0, 100.0, 90.0]})
    >>> cluster_profile(f, [0, 0, 1, 1])
         customers  share  revenue
    0            2    0.5     11.0
    1            2    0.5     95.0
    all          4    1.0     53.0
    """
    check_not_empty(features, "features", "customer")
    lab = labels.reindex(features.index) if isinstance(labels, pd.Series) else pd.Series(list(labels))
    if len(lab) != len(features):
        raise ValueError(f"labels must have one value per row of features ({len(features)}), got {len(lab)}")
    if lab.isna().any():
        raise ValueError("labels holds a missing value; every customer needs a cluster")
    numeric = features.select_dtypes("number")
    groups = numeric.groupby(lab.to_numpy(), sort=True)
    out = groups.mean()
    out.insert(0, "share", groups.size() / len(features))
    out.insert(0, "customers", groups.size())
    total = pd.DataFrame({"customers": [len(features)], "share": [1.0], **{c: [numeric[c].mean()] for c in numeric}},
                         index=["all"])
    return pd.concat([out, total])


@dataclass(frozen=True)
class SegmentMatch:
    """How clusters line up with segments made another way; returned by :func:`match_segments`.

    Attributes
    ----------
    table : DataFrame
        Customers per cluster (rows) and reference segment (columns).
    mapping : dict
        Each cluster's majority reference segment (the name it earns).
    agreement : float
        Share of customers whose cluster's majority segment is their own segment.
    adjusted_rand : float
        Adjusted Rand index of the two partitions (1 = identical, about 0 = chance; Hubert & Arabie
        1985, *Journal of Classification* 2).
    covered : tuple of str
        Reference segments that are the majority of at least one cluster.

    Examples
    --------
    >>> m = match_segments([0, 0, 1, 1], ["x", "x", "y", "x"])
    >>> m.mapping, m.agreement
    ({0: 'x', 1: 'x'}, 0.75)
    """

    table: pd.DataFrame
    mapping: dict[Any, Any]
    agreement: float
    adjusted_rand: float
    covered: tuple[Any, ...]


def match_segments(labels: Any, reference: Any) -> SegmentMatch:
    """Compare clusters with known segments: cross table, majority names, agreement, adjusted Rand (聚类与既有细分对比).

    Each cluster takes the name of the reference segment most of its customers belong to (ties: the
    first in sorted order); ``agreement`` is then the share of customers correctly named. A cluster
    solution that *refines* the reference (two clusters for one segment) keeps a high agreement but a
    lower adjusted Rand index; one that *merges* two segments loses agreement and leaves a segment
    uncovered.

    Parameters
    ----------
    labels : Series, list or array
        Cluster of each customer.
    reference : Series, list or array
        The segment of each customer by another method (designed segments, ABC class, RFM segment),
        in the same order (or Series on the same index).

    Returns
    -------
    SegmentMatch

    Raises
    ------
    ValueError
        If the two have different lengths or customers, are empty, or hold a missing value.

    References
    ----------
    .. [1] Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of Classification*
       2(1), 193-218.

    Examples
    --------
    >>> m = match_segments([0, 0, 1, 1, 2, 2], ["new", "new", "lost", "lost", "lost", "lost"])
    >>> m.agreement, m.covered, round(m.adjusted_rand, 2)
    (1.0, ('lost', 'new'), 0.44)
    """
    from sklearn.metrics import adjusted_rand_score

    lab = labels if isinstance(labels, pd.Series) else pd.Series(list(labels))
    ref = reference if isinstance(reference, pd.Series) else pd.Series(list(reference))
    if len(lab) != len(ref):
        raise ValueError(f"labels and reference must have the same length, got {len(lab)} and {len(ref)}")
    if isinstance(labels, pd.Series) and isinstance(reference, pd.Series):
        if set(lab.index) != set(ref.index):
            raise ValueError("labels and reference must describe the same customers (the same index)")
        ref = ref.reindex(lab.index)
    else:
        ref.index = lab.index
    if len(lab) == 0:
        raise ValueError("labels is empty; it needs at least one customer")
    if lab.isna().any() or ref.isna().any():
        raise ValueError("labels and reference must not hold missing values")
    table = pd.crosstab(lab.to_numpy(), ref.to_numpy(), rownames=["cluster"], colnames=["segment"])
    mapping = {c: table.columns[int(np.argmax(table.loc[c].to_numpy()))] for c in table.index}
    agreement = float(sum(table.loc[c, s] for c, s in mapping.items()) / len(lab))
    covered = tuple(sorted(set(mapping.values()), key=str))
    return SegmentMatch(table, mapping, agreement, float(adjusted_rand_score(ref, lab)), covered)
