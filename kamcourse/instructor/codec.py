"""Answer values carried out of a student's kernel as tagged JSON (答案数据编码).

Answers leave the grading kernel as *data*, never as pickles or code, so
nothing a notebook does can run inside the grader. Supported: None, bool, int,
float (NaN and infinities included), str, list, tuple, set, frozenset, dict,
numpy scalars and arrays, pandas Series, DataFrame, Index, MultiIndex,
Timestamp and Timedelta, datetime and date, all of their exact types (a
subclass could redefine ``==``). Anything else decodes to
:class:`Unserializable`, which no check accepts; a function defined in the
notebook decodes to :class:`RemoteCallable` (the grader may call it in the
student's kernel, see :func:`call`).

Both sides import this module. In the kernel, the cells written by
:func:`snapshot_cell` and :func:`call_cell` run :func:`snapshot` and
:func:`call`, which publish their result as a display with a private MIME
type; the grader reads those displays and calls :func:`decode`, which builds
plain values only and refuses malformed or oversized data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import types
from typing import Any

__all__ = ["encode", "decode", "Unserializable", "RemoteCallable", "snapshot", "call", "snapshot_cell",
           "call_cell", "SNAPSHOT_MIME", "CALL_MIME"]

SNAPSHOT_MIME = "application/x-kamcourse-snapshot+json"
CALL_MIME = "application/x-kamcourse-call+json"
MAX_DEPTH = 20
MAX_ITEMS = 2_000_000


class Unserializable:
    """Stands for an answer value that could not be carried out of the kernel (it equals nothing)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<answer of type {self.type_name} (not a data value; cannot be checked)>"

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


class RemoteCallable:
    """A function defined in the student's notebook: it can only run in that notebook's kernel."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<function {self.name} of the notebook>"


def _modules():
    """numpy and pandas if the notebook imported them (the kernel never imports them for us)."""
    return sys.modules.get("numpy"), sys.modules.get("pandas")


def encode(value: Any, _depth: int = 0) -> Any:
    """Encode ``value`` as JSON-ready tagged data.

    Parameters
    ----------
    value : object
        An answer value.

    Returns
    -------
    object
        Plain JSON data (dicts carry a ``"__t"`` tag).

    Examples
    --------
    >>> encode((1, float("nan")))
    {'__t': 'tuple', 'v': [1, {'__t': 'float', 'v': 'nan'}]}
    >>> encode(object())["__t"]
    'unserializable'
    """
    np, pd = _modules()
    kind = type(value)
    if _depth > MAX_DEPTH:
        return {"__t": "unserializable", "type": "nested too deep"}
    if value is None or kind in (bool, str, int):
        return value
    if kind is float:
        return {"__t": "float", "v": repr(value)} if math.isnan(value) or math.isinf(value) else value
    if np is not None and isinstance(value, np.generic) and kind.__module__ == "numpy":
        return encode(value.item(), _depth + 1)
    if kind in (list, tuple, set, frozenset):
        items = [encode(v, _depth + 1) for v in value]
        return items if kind is list else {"__t": kind.__name__, "v": items}
    if kind is dict:
        return {"__t": "dict", "k": [encode(k, _depth + 1) for k in value], "v": [encode(v, _depth + 1) for v in value.values()]}
    if kind is dt.datetime or kind is dt.date:
        return {"__t": kind.__name__, "v": value.isoformat()}
    if np is not None and kind is np.ndarray:
        return {"__t": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape),
                "v": [encode(v, _depth + 1) for v in value.ravel().tolist()]}
    if pd is not None:
        if kind is pd.Timestamp:
            return {"__t": "timestamp", "v": value.isoformat()}
        if kind is pd.Timedelta:
            return {"__t": "timedelta", "v": int(value.value)}
        if kind is pd.MultiIndex:
            return {"__t": "multiindex", "names": [encode(n, _depth + 1) for n in value.names],
                    "v": [encode(tuple(t), _depth + 1) for t in value.tolist()]}
        if kind in (pd.Index, pd.RangeIndex, pd.DatetimeIndex, pd.CategoricalIndex):
            return {"__t": "index", "dtype": str(value.dtype), "name": encode(value.name, _depth + 1),
                    "v": [encode(v, _depth + 1) for v in value.tolist()]}
        if kind is pd.Series:
            return {"__t": "series", "dtype": str(value.dtype), "name": encode(value.name, _depth + 1),
                    "index": encode(value.index, _depth + 1), "v": [encode(v, _depth + 1) for v in value.tolist()]}
        if kind is pd.DataFrame:
            return {"__t": "dataframe", "index": encode(value.index, _depth + 1),
                    "columns": encode(value.columns, _depth + 1), "dtypes": [str(t) for t in value.dtypes],
                    "v": [[encode(v, _depth + 1) for v in value.iloc[:, i].tolist()] for i in range(value.shape[1])]}
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return {"__t": "callable", "name": str(getattr(value, "__name__", "function"))}
    return {"__t": "unserializable", "type": f"{kind.__module__}.{kind.__qualname__}"}


def _astype(obj, dtype: str):
    """``obj.astype(dtype)`` for a dtype that cannot blow up memory; otherwise ``obj`` unchanged."""
    import numpy as np
    import pandas as pd

    try:
        target = pd.api.types.pandas_dtype(dtype)
        if isinstance(target, np.dtype) and not (target.kind in "biufcmMO" and target.itemsize <= 16):
            return obj
        return obj.astype(target)
    except (TypeError, ValueError, OverflowError):
        return obj


def _hashable(value: Any) -> Any:
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def decode(data: Any, _depth: int = 0) -> Any:
    """Rebuild a value encoded by :func:`encode` (plain data only; never runs code).

    Parameters
    ----------
    data : object
        The JSON-decoded payload.

    Returns
    -------
    object
        The value, an :class:`Unserializable` placeholder, or a
        :class:`RemoteCallable` for a function defined in the notebook.

    Raises
    ------
    ValueError
        If the payload is malformed, nested too deep or too large (the check that needs it then fails).

    Examples
    --------
    >>> decode({"__t": "float", "v": "nan"})
    nan
    >>> decode({"__t": "unserializable", "type": "builtins.object"})
    <answer of type builtins.object (not a data value; cannot be checked)>
    >>> decode({"__t": "callable", "name": "volume_needed"})
    <function volume_needed of the notebook>
    """
    if _depth > MAX_DEPTH + 2:
        raise ValueError("answer payload nested too deep")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        if len(data) > MAX_ITEMS:
            raise ValueError("answer too large")
        return [decode(v, _depth + 1) for v in data]
    if not isinstance(data, dict) or "__t" not in data:
        raise ValueError("malformed answer payload")
    tag, v = data["__t"], data.get("v")
    sub = [decode(x, _depth + 1) for x in v] if isinstance(v, list) else None
    if tag in ("tuple", "set", "frozenset"):
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](sub)
    if tag == "dict":
        return {_hashable(decode(k, _depth + 1)): x for k, x in zip(data["k"], sub)}
    if tag == "float":
        return float(v) if v in ("nan", "inf", "-inf") else float("nan")
    if tag in ("datetime", "date"):
        return (dt.datetime if tag == "datetime" else dt.date).fromisoformat(str(v))
    if tag == "callable":
        return RemoteCallable(str(data.get("name")))
    if tag == "unserializable":
        return Unserializable(str(data.get("type")))
    import numpy as np
    import pandas as pd

    if tag == "timestamp":
        return pd.Timestamp(str(v))
    if tag == "timedelta":
        return pd.Timedelta(int(v))
    if tag == "ndarray":
        shape = [int(n) for n in data["shape"]]
        return _astype(np.array(sub, dtype=object).reshape(shape), data["dtype"])
    if tag == "multiindex":
        return pd.MultiIndex.from_tuples(sub, names=[decode(n, _depth + 1) for n in data["names"]])
    if tag == "index":
        return _astype(pd.Index(sub, name=decode(data["name"], _depth + 1), dtype=object), data["dtype"])
    if tag == "series":
        index = decode(data["index"], _depth + 1)
        return _astype(pd.Series(sub, index=index, name=decode(data["name"], _depth + 1), dtype=object), data["dtype"])
    if tag == "dataframe":
        index, columns = decode(data["index"], _depth + 1), decode(data["columns"], _depth + 1)
        cols = [_astype(pd.Series(col, index=index, dtype=object), t) for col, t in zip(sub, data["dtypes"])]
        frame = pd.concat(cols, axis=1) if cols else pd.DataFrame(index=index)
        frame.columns = columns
        return frame
    raise ValueError(f"unknown answer tag {tag!r}")


# --- kernel side -------------------------------------------------------------------------
def _publish(mime: str, payload: dict) -> None:
    from IPython.display import display

    display({mime: payload}, raw=True)


def _user_namespace(namespace: dict | None) -> dict:
    if namespace is not None:
        return namespace
    from IPython import get_ipython

    return get_ipython().user_ns


def snapshot(names: list[str], namespace: dict | None = None) -> None:
    """Publish the values of ``names`` from the notebook's namespace (runs in the grading kernel).

    Parameters
    ----------
    names : list of str
        The names the answer cells above a test cell define.
    namespace : dict, optional
        Where to look them up (default: the kernel's user namespace).

    Examples
    --------
    >>> snapshot(["share", "missing"], {"share": 0.5})
    {'application/x-kamcourse-snapshot+json': {'share': 0.5}}
    """
    namespace = _user_namespace(namespace)
    out = {}
    for name in names:
        if name in namespace:
            try:
                out[name] = encode(namespace[name])
            except Exception as exc:  # noqa: BLE001 - an odd object fails its own check only
                out[name] = {"__t": "unserializable", "type": f"error: {type(exc).__name__}"}
    _publish(SNAPSHOT_MIME, out)


def call(name: str, payload: str, namespace: dict | None = None) -> None:
    """Call the notebook's function ``name`` with decoded arguments; publish its encoded result (in the kernel).

    Parameters
    ----------
    name : str
        A function defined in the notebook.
    payload : str
        JSON ``{"args": [...], "kwargs": {...}}`` encoded by :func:`encode`.
    namespace : dict, optional
        Where the function is (default: the kernel's user namespace).

    Examples
    --------
    >>> payload = json.dumps({"args": encode([2]), "kwargs": encode({})})
    >>> call("double", payload, {"double": lambda x: 2 * x})
    {'application/x-kamcourse-call+json': {'ok': 4}}
    >>> call("double", payload, {})
    {'application/x-kamcourse-call+json': {'raise': 'KeyError', 'message': "'double'"}}
    """
    try:
        request = json.loads(payload)
        function = _user_namespace(namespace)[name]
        result = {"ok": encode(function(*decode(request["args"]), **decode(request["kwargs"])))}
    except Exception as exc:  # noqa: BLE001 - the error travels back as data
        result = {"raise": type(exc).__name__, "message": str(exc)[:300]}
    _publish(CALL_MIME, result)


def snapshot_cell(names: list[str]) -> str:
    """The source of the cell that takes a snapshot of ``names`` in the kernel.

    Examples
    --------
    >>> snapshot_cell(["x"])
    "__import__('kamcourse.instructor.codec', fromlist=['snapshot']).snapshot(['x'])"
    """
    return f"__import__({__name__!r}, fromlist=['snapshot']).snapshot({list(names)!r})"


def call_cell(name: str, args: tuple, kwargs: dict) -> str:
    """The source of the cell that calls the notebook's function ``name`` in the kernel.

    Raises
    ------
    ValueError
        If ``name`` is not an identifier.

    Examples
    --------
    >>> "call('f', " in call_cell("f", (1,), {})
    True
    """
    if not name.isidentifier():
        raise ValueError(f"name must be an identifier, got {name!r}")
    payload = json.dumps({"args": encode(list(args)), "kwargs": encode(dict(kwargs))})
    return f"__import__({__name__!r}, fromlist=['call']).call({name!r}, {payload!r})"
