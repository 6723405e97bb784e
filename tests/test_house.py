"""The house rules of the package (issue 11), checked on the source with ``ast``.

- no private name (``_x``, or a ``_module``) is imported across modules of
  ``kamcourse/`` (``instructor/`` aside: the grading issue reshapes it);
- no module of ``kamcourse/`` (``instructor/`` aside) is over 500 lines;
- imports follow DESIGN.md's arrows: vocabulary -> data -> concept modules -> viz/widgets,
  and ``data/``'s generator does not import its loaders.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kamcourse"
EXCLUDED = ("instructor",)
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py")
        if "__pycache__" not in p.parts and not any(part in EXCLUDED for part in p.relative_to(PACKAGE).parts)
    )


def _dotted(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = ROOT) -> list[tuple[str, list[str], int]]:
    """(absolute module, imported names, line) of every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _dotted(path, root) if path.name == "__init__.py" else _dotted(path, root).rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append((module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names)
    return out


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def test_no_private_name_is_imported_across_modules() -> None:
    offences = []
    for path in _modules():
        for module, names, line in _imports(path):
            if not module.startswith("kamcourse"):
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if any(_private(part) for part in module.split(".")):
                offences.append(f"{where} imports the private module {module}")
            offences += [f"{where} imports the private name {module}.{n}" for n in names if _private(n)]
    assert not offences, "\n".join(offences)


def test_the_private_import_check_catches_both_kinds(tmp_path) -> None:
    """The check above can fail: a private name and a private module are both reported."""
    pkg = tmp_path / "kamcourse" / "demo"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    bad = pkg / "bad.py"
    bad.write_text("from ..satisfaction import _pair\nfrom .._validate import check_number\nfrom . import _helpers\n")
    found = _imports(bad, root=tmp_path)
    assert ("kamcourse.satisfaction", ["_pair"], 1) in found
    assert ("kamcourse._validate", ["check_number"], 2) in found
    assert ("kamcourse.demo", ["_helpers"], 3) in found
    assert _private("_pair") and _private("_validate") and not _private("__future__")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_500_lines(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines; split it, one concept per module"


def _kamcourse_imports(path: Path) -> set[str]:
    return {m for m, _, _ in _imports(path) if m.startswith("kamcourse")} | {
        f"{m}.{n}" for m, names, _ in _imports(path) if m.startswith("kamcourse") for n in names
    }


CONCEPTS = ("accounts", "economics", "relationship", "value", "lifecycle", "clv", "satisfaction", "loyalty",
             "development", "quadrants", "mining", "kam_organisation", "crm_implementation", "maintenance", "service",
             "loyalty_programme", "communication")
CONCEPTS += ("crm", "customer_info")  # issue 15


def _concept_paths() -> list[Path]:
    out = []
    for name in CONCEPTS:
        out += [PACKAGE / f"{name}.py"] if (PACKAGE / f"{name}.py").exists() else sorted((PACKAGE / name).rglob("*.py"))
    return out


def test_imports_follow_the_arrows_of_the_house() -> None:
    """vocabulary and validation import no other part of the kit; data imports no concept module;
    concept modules import neither viz, widgets, instructor nor matplotlib; viz imports no widgets."""
    problems = []
    for path in _modules():
        rel = path.relative_to(PACKAGE).parts
        imported = _kamcourse_imports(path)
        if rel[0] in ("vocabulary.py", "validation"):
            problems += [f"{path.name} imports {m}" for m in imported
                         if not m.startswith(("kamcourse.validation", "kamcourse.vocabulary"))]
        if rel[0] == "data":
            problems += [f"data/{'/'.join(rel[1:])} imports {m}" for m in imported
                         if m.split(".")[1] in (*CONCEPTS, "viz", "widgets", "cases")]
        if rel[0] == "viz":
            problems += [f"viz/{'/'.join(rel[1:])} imports {m}" for m in imported if m.startswith("kamcourse.widgets")]
    for path in _concept_paths():
        mods = {m for m, _, _ in _imports(path)}
        problems += [f"{path.relative_to(PACKAGE)} imports {m}" for m in mods
                     if m.startswith(("kamcourse.viz", "kamcourse.widgets", "kamcourse.instructor", "matplotlib"))]
    assert not problems, "\n".join(problems)


def test_the_generator_does_not_import_its_loaders() -> None:
    """data/ has no generator <-> loaders cycle: the generator and the simulation never import the loaders."""
    data = PACKAGE / "data"
    for path in [data / "generator.py", *sorted((data / "simulate").glob("*.py"))]:
        imported = {m for m, _, _ in _imports(path)}
        assert not imported & {"kamcourse.data.loaders", "kamcourse.data.variants", "kamcourse.data.database"}, path


def test_one_gate_checks_a_language() -> None:
    """Every language parameter goes through ``i18n.check_language``: no other module tests against LANGUAGES."""
    import re

    uses = re.compile(r"\bi18n\.LANGUAGES\b|\bi18n import [^\n]*\bLANGUAGES\b")
    offences = [f"{p.relative_to(ROOT)}" for p in _modules()
                if p.name != "i18n.py" and uses.search(p.read_text(encoding="utf-8"))]
    assert not offences, "check the language with kamcourse.i18n.check_language in: " + ", ".join(offences)


def test_no_public_name_hides_a_module_of_its_package() -> None:
    """A newcomer trap (issue 11): ``from .grade import grade`` made ``kamcourse.instructor.grade`` the function and
    hid the module of the same name. No package of the kit exports a name that is also one of its submodules,
    unless it is that submodule."""
    import importlib
    import types

    clashes = []
    for init in sorted(PACKAGE.rglob("__init__.py")):
        if "__pycache__" in init.parts or "migrations" in init.parts or "web" in init.relative_to(PACKAGE).parts:
            continue
        submodules = {p.stem for p in init.parent.glob("*.py") if p.name != "__init__.py"}
        submodules |= {p.name for p in init.parent.iterdir() if (p / "__init__.py").is_file()}
        package = importlib.import_module(_dotted(init, ROOT))
        for name in set(getattr(package, "__all__", [])) & submodules:
            if not isinstance(getattr(package, name), types.ModuleType):
                clashes.append(f"{package.__name__}.{name}")
    assert not clashes, f"names that hide a module of the same name: {clashes}"
