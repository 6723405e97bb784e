"""Run every docstring example in the package, so the documentation cannot drift."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kamcourse


def _modules() -> list[str]:
    names = ["kamcourse"]
    for info in pkgutil.walk_packages(kamcourse.__path__, prefix="kamcourse."):
        if info.name.startswith("kamcourse._datasets"):
            continue
        names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("module_name", _modules())
def test_docstring_examples(module_name: str) -> None:
    from kamcourse import i18n

    module = importlib.import_module(module_name)
    i18n.set_language("en")
    result = doctest.testmod(
        module,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    i18n.set_language("en")
    assert result.failed == 0, f"{result.failed} doctest example(s) failed in {module_name}"


def test_every_public_function_has_an_example() -> None:
    """Each public function of a concept module documents itself with a runnable example."""
    import inspect

    missing = []
    for name in _modules():
        if any(part.startswith("_") for part in name.split(".")):
            continue  # private helpers (kamcourse._validate, viz._style)
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                doc = inspect.getdoc(obj) or ""
                if ">>>" not in doc:
                    missing.append(f"{name}.{attr}")
    assert not missing, "public functions without a doctest example: " + ", ".join(missing)
