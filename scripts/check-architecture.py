#!/usr/bin/env python3
"""Checks that Package.swift, the real imports and the README's architecture table agree.

- Every module a target imports is a dependency it declares (or a system module), and every dependency
  it declares is imported somewhere in it (an executable a test target depends on to build it is exempt).
- The README's table between `<!-- architecture:begin -->` and `<!-- architecture:end -->` lists every
  non-test target with exactly its declared dependencies, each target's layer is above the layers of the
  targets it depends on, and L3 targets do not depend on each other (../shared/STYLE.md, section 1).

Run from the package root: `python3 scripts/check-architecture.py`. Exits 1 with one line per problem.
"""

import json
import pathlib
import re
import subprocess
import sys

SYSTEM_MODULES = {
    "Foundation", "FoundationNetworking", "Dispatch", "Glibc", "Darwin", "Musl", "Testing", "XCTest", "Android",
    "Synchronization",
}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public\s+|package\s+|internal\s+|private\s+|fileprivate\s+)?"
                    r"import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)")
ROW = re.compile(r"^\|\s*L(\d)\s*\|\s*`([^`]+)`\s*\|[^|]*\|\s*(.*?)\s*\|\s*$")


def dependency_names(target):
    names = []
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        names.append(value[0])
    return names


def imports(directory):
    found = set()
    for path in pathlib.Path(directory).rglob("*.swift"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = IMPORT.match(line)
            if match:
                found.add(match.group(1))
    return found


def main():
    root = pathlib.Path.cwd()
    package = json.loads(subprocess.check_output(["swift", "package", "dump-package"], text=True))
    targets = {target["name"]: target for target in package["targets"]}
    problems = []

    for name, target in targets.items():
        if target["type"] == "system":
            continue
        directory = root / ("Tests" if target["type"] == "test" else "Sources") / name
        if target.get("path"):
            directory = root / target["path"]
        declared = set(dependency_names(target))
        used = imports(directory) - SYSTEM_MODULES - {name}
        for module in sorted(used - declared):
            problems.append(f"{name}: imports {module} without declaring it in Package.swift")
        for module in sorted(declared - used):
            executable = targets.get(module, {}).get("type") == "executable"
            if not (target["type"] == "test" and executable):
                problems.append(f"{name}: declares {module} in Package.swift but never imports it")

    readme = (root / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- architecture:begin -->(.*?)<!-- architecture:end -->", readme, re.S)
    if not section:
        problems.append("README.md: no architecture table between <!-- architecture:begin/end --> markers")
    else:
        layers, listed = {}, {}
        for line in section.group(1).splitlines():
            match = ROW.match(line)
            if match:
                layer, name, dependencies = match.groups()
                layers[name] = int(layer)
                listed[name] = {d.strip(" `") for d in dependencies.split(",") if d.strip(" `—-")}
        for name, target in targets.items():
            if target["type"] == "test":
                continue
            if name not in listed:
                problems.append(f"README.md: the architecture table does not list {name}")
                continue
            declared = set(dependency_names(target))
            if listed[name] != declared:
                missing = ", ".join(sorted(declared - listed[name])) or "nothing"
                extra = ", ".join(sorted(listed[name] - declared)) or "nothing"
                problems.append(f"README.md: {name} lacks {missing} and has {extra} beyond Package.swift")
            for dependency in declared:
                if layers[name] == 3 and layers.get(dependency) == 3:
                    problems.append(f"README.md: {name} and {dependency} are both L3, which do not import each other")
                elif dependency in layers and layers[dependency] >= layers[name]:
                    problems.append(
                        f"README.md: {name} (L{layers[name]}) depends on {dependency} (L{layers[dependency]}), "
                        "which is not below it")
        for name in listed:
            if name not in targets:
                problems.append(f"README.md: the architecture table lists {name}, which Package.swift does not have")

    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"architecture: {len(targets)} targets; Package.swift, imports and README agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
