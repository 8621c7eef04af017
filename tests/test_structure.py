"""The shape of the code: every package is a package, nothing registers itself by being imported
late, and no two files of Casework import each other (directly or round a loop).

Modules declare what they add in their `module.py`, read by the app factory; an import at the
end of a file, made for its side effect, is how registration by accident crept in, and each such
import made an import cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

from casework import DOMAIN_MODULES, ROOT

PACKAGE = ROOT / "casework"


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The imports that run when the file is imported (not those in functions or for type checkers)."""
    return [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]


def test_every_folder_of_code_is_a_package():
    folders = {path.parent for path in _sources()}
    missing = sorted(str(folder.relative_to(ROOT)) for folder in folders if not (folder / "__init__.py").exists())
    assert missing == []


def test_no_file_imports_anything_after_its_code_begins():
    late = []
    for path in _sources():
        tree = ast.parse(path.read_text(), str(path))
        code_began = False
        for node in tree.body:
            is_import = isinstance(node, ast.Import | ast.ImportFrom) or _is_type_checking(node)
            is_docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            if is_import and code_began:
                late.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif not is_import and not is_docstring:
                code_began = True
    assert late == []


def _import_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in _sources()}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _top_level_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            graph[name] |= {target for target in targets if target in modules and target != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_casework():
    assert _cycles(_import_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_domain_module_declares_itself():
    for name in DOMAIN_MODULES:
        tree = ast.parse((PACKAGE / name / "module.py").read_text())
        assigned = {target.id for node in tree.body if isinstance(node, ast.Assign)
                    for target in node.targets if isinstance(target, ast.Name)}
        assert "MODULE" in assigned, name
