"""A tagged-JSON codec for answer values taken out of a student's kernel.

Answers leave the kernel as *data*, never as pickles or code, so nothing a
student's notebook does can run inside the grader. Supported: None, bool, int,
float (incl. NaN/inf), str, list, tuple, set, dict, numpy scalars and arrays,
pandas Series, DataFrame, Index, Timestamp, Timedelta, datetime and date.
Anything else decodes to :class:`Unserializable`, which no check accepts.

The kernel side runs :data:`KERNEL_SOURCE` (this module's ``encode`` in a
private namespace); the grader side calls :func:`decode`.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["encode", "decode", "Unserializable", "RemoteCallable", "KERNEL_SOURCE", "DECODE_SOURCE"]



# --- kernel side (also used by tests); keep it self-contained --------------------------
KERNEL_SOURCE = r'''
def encode(value, _depth=0):
    import datetime as dt, math
    try:
        import numpy as np
    except Exception:
        np = None
    try:
        import pandas as pd
    except Exception:
        pd = None
    if _depth > 20:
        return {"__t": "unserializable", "type": "nested too deep"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) in (int,):
        return value
    if type(value) is float:
        if math.isnan(value) or math.isinf(value):
            return {"__t": "float", "v": repr(value)}
        return value
    if np is not None and isinstance(value, np.generic):
        return encode(value.item(), _depth + 1)
    if isinstance(value, (list, tuple, set, frozenset)) and type(value) in (list, tuple, set, frozenset):
        items = [encode(v, _depth + 1) for v in value]
        if type(value) is list:
            return items
        return {"__t": type(value).__name__, "v": items}
    if type(value) is dict:
        return {"__t": "dict", "k": [encode(k, _depth + 1) for k in value.keys()],
                "v": [encode(v, _depth + 1) for v in value.values()]}
    if pd is not None and type(value) is pd.Timestamp:
        return {"__t": "timestamp", "v": value.isoformat()}
    if pd is not None and type(value) is pd.Timedelta:
        return {"__t": "timedelta", "v": int(value.value)}
    if type(value) is dt.datetime:
        return {"__t": "datetime", "v": value.isoformat()}
    if type(value) is dt.date:
        return {"__t": "date", "v": value.isoformat()}
    if np is not None and type(value) is np.ndarray:
        return {"__t": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape),
                "v": [encode(v, _depth + 1) for v in value.ravel().tolist()]}
    if pd is not None and isinstance(value, pd.Index) and type(value) in (pd.Index, pd.RangeIndex, pd.DatetimeIndex, pd.MultiIndex, pd.CategoricalIndex):
        if isinstance(value, pd.MultiIndex):
            return {"__t": "multiindex", "names": [encode(n, _depth + 1) for n in value.names],
                    "v": [encode(tuple(t), _depth + 1) for t in value.tolist()]}
        return {"__t": "index", "dtype": str(value.dtype), "name": encode(value.name, _depth + 1),
                "v": [encode(v, _depth + 1) for v in value.tolist()]}
    if pd is not None and type(value) is pd.Series:
        return {"__t": "series", "dtype": str(value.dtype), "name": encode(value.name, _depth + 1),
                "index": encode(value.index, _depth + 1),
                "v": [encode(v, _depth + 1) for v in value.tolist()]}
    import types
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return {"__t": "callable", "name": str(getattr(value, "__name__", "function"))}
    if pd is not None and type(value) is pd.DataFrame:
        return {"__t": "dataframe", "index": encode(value.index, _depth + 1),
                "columns": encode(value.columns, _depth + 1),
                "dtypes": [str(t) for t in value.dtypes],
                "v": [[encode(v, _depth + 1) for v in value.iloc[:, i].tolist()] for i in range(value.shape[1])]}
    return {"__t": "unserializable", "type": type(value).__module__ + "." + type(value).__qualname__}
'''

DECODE_SOURCE = r'''
class Unserializable:
    """Stands for an answer value that could not be carried out of the kernel."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return f"<answer of type {self.type_name} (not a data value; cannot be checked)>"

    def __eq__(self, other):
        return False

    __hash__ = None


class RemoteCallable:
    """A function defined in the student's notebook: it can only run in that notebook's kernel."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<function {self.name} of the notebook>"

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"{self.name}() can only run in the notebook's kernel, which is not available")


def _astype(obj, dtype):
    try:
        return obj.astype(dtype)
    except (TypeError, ValueError):
        return obj


def _hashable(value):
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


MAX_ITEMS = 2_000_000


def decode(data):
    import datetime as _dt
    import numpy as np
    import pandas as pd

    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or "__t" not in data:
        raise ValueError("malformed answer payload")
    tag = data["__t"]
    if tag == "float":
        return float(data["v"])
    if tag in ("tuple", "set", "frozenset"):
        items = [decode(v) for v in data["v"]]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in zip(data["k"], data["v"])}
    if tag == "timestamp":
        return pd.Timestamp(data["v"])
    if tag == "timedelta":
        return pd.Timedelta(int(data["v"]))
    if tag == "datetime":
        return _dt.datetime.fromisoformat(data["v"])
    if tag == "date":
        return _dt.date.fromisoformat(data["v"])
    if tag == "ndarray":
        values = [decode(v) for v in data["v"]]
        if len(values) > MAX_ITEMS:
            raise ValueError("answer too large")
        arr = np.array(values, dtype=object)
        return _astype(arr, data["dtype"]).reshape(data["shape"])
    if tag == "index":
        return _astype(pd.Index([decode(v) for v in data["v"]], name=decode(data["name"]), dtype=object), data["dtype"])
    if tag == "multiindex":
        return pd.MultiIndex.from_tuples([decode(v) for v in data["v"]], names=[decode(n) for n in data["names"]])
    if tag == "series":
        s = pd.Series([decode(v) for v in data["v"]], index=decode(data["index"]), name=decode(data["name"]), dtype=object)
        return _astype(s, data["dtype"])
    if tag == "dataframe":
        index = decode(data["index"])
        columns = decode(data["columns"])
        cols = [
            _astype(pd.Series([decode(v) for v in col], index=index, dtype=object), dtype)
            for col, dtype in zip(data["v"], data["dtypes"])
        ]
        frame = pd.concat(cols, axis=1) if cols else pd.DataFrame(index=index)
        frame.columns = columns
        return frame
    if tag == "callable":
        return RemoteCallable(str(data.get("name")))
    if tag == "unserializable":
        return Unserializable(str(data.get("type")))
    raise ValueError(f"unknown answer tag {tag!r}")
'''

_ns: dict[str, Any] = {}
exec(compile(KERNEL_SOURCE + DECODE_SOURCE, "<kamcourse codec>", "exec"), _ns)  # noqa: S102 - our own constant source
encode = _ns["encode"]
_decode = _ns["decode"]
Unserializable = _ns["Unserializable"]
RemoteCallable = _ns["RemoteCallable"]


def decode(data: Any) -> Any:
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
        If the payload is malformed (then the check that needs it fails).

    Examples
    --------
    >>> decode({"__t": "float", "v": "nan"})
    nan
    >>> decode({"__t": "unserializable", "type": "builtins.object"})
    <answer of type builtins.object (not a data value; cannot be checked)>
    >>> decode({"__t": "callable", "name": "volume_needed"})
    <function volume_needed of the notebook>
    """
    return _decode(data)


encode.__doc__ = """Encode ``value`` as JSON-ready tagged data (see the module docstring).

Examples
--------
>>> import pandas as pd
>>> decode(json.loads(json.dumps(encode(pd.Series([1.5, 2.0], index=["a", "b"], name="x")))))
a    1.5
b    2.0
Name: x, dtype: float64
"""


def _roundtrip(value: Any) -> Any:
    """Encode, serialise and decode (used by tests)."""
    return decode(json.loads(json.dumps(encode(value))))


