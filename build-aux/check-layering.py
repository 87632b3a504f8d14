#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when the model/view layering is broken:
#   - a file under src/ui/, or src/main.c, includes sqlite3.h or a
#     src/model/*-private.h, directly or through any header;
#   - a public model header (src/model/*.h but *-private.h) does;
#   - a string literal under src/ui/ looks like SQL;
#   - a file under src/model/ includes a GTK, Adwaita or src/ui/ header.
#
# Includes are read from the C preprocessor's dependency output, run with
# each file's own flags from the build's compile_commands.json, so a header
# that includes another is followed as the compiler follows it.
#
# Usage: check-layering.py SOURCE_ROOT BUILD_ROOT

import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

# Flags that name outputs or dependency files: the check writes neither.
DROP_WITH_VALUE = {"-o", "-MF", "-MQ", "-MT"}
DROP = {"-c", "-MD", "-MMD", "-MP", "-fdiagnostics-color=always"}

SQL_PATTERNS = [
    re.compile(r"\bSELECT\s"),
    re.compile(r"\bINSERT\s+(OR\s+\w+\s+)?INTO\b", re.IGNORECASE),
    re.compile(r"\bUPDATE\s+\S+\s+SET\b"),
    re.compile(r"\bDELETE\s+FROM\b", re.IGNORECASE),
    re.compile(r"\bCREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL\s+TABLE)\b", re.IGNORECASE),
    re.compile(r"\bPRAGMA\b"),
]

GUI_HEADER = re.compile(r"(^|/)(gtk|gdk|gsk|adwaita|gtksourceview)[^/]*(\.h)?(/|$)")


def load_commands(build_root):
    path = os.path.join(build_root, "compile_commands.json")
    with open(path) as f:
        entries = json.load(f)

    commands = {}
    for entry in entries:
        directory = entry["directory"]
        source = os.path.realpath(os.path.join(directory, entry["file"]))
        args = entry.get("arguments") or shlex.split(entry["command"])
        commands[source] = (directory, args, entry["file"])

    return commands


def dependency_args(args, compiled, source):
    kept = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in DROP_WITH_VALUE:
            skip = True
        elif arg in DROP or arg == compiled:
            pass
        else:
            kept.append(arg)

    # -MG lists a header that is not found instead of failing, so a GTK
    # include in the model (whose flags lack GTK) still shows up by name.
    language = ["-x", "c"] if source.endswith(".h") else []
    return kept + ["-M", "-MG"] + language + [source]


def dependencies(command, source):
    directory, args, compiled = command
    result = subprocess.run(dependency_args(args, compiled, source), cwd=directory,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the preprocessor failed on {source}:\n{result.stderr}")

    rule = result.stdout.replace("\\\n", " ")
    _, _, deps = rule.partition(":")
    return [os.path.normpath(os.path.join(directory, dep)) for dep in deps.split()]


def files_under(root, folder, suffixes):
    found = []
    for dirpath, _, names in os.walk(os.path.join(root, folder)):
        for name in names:
            if name.endswith(suffixes):
                found.append(os.path.realpath(os.path.join(dirpath, name)))
    return sorted(found)


def string_literals(text):
    """Yields (line, text) of each run of adjacent string literals."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|\'(?:\\.|[^\'\\])*\'|"((?:\\.|[^"\\])*)"', re.S)
    run, run_line, run_end = [], 0, -1
    for match in pattern.finditer(text):
        if match.group(1) is None:
            if match.group(0).startswith("'"):
                if run:
                    yield run_line, "".join(run)
                run = []
            continue
        if run and text[run_end:match.start()].strip() == "":
            run.append(match.group(1))
        else:
            if run:
                yield run_line, "".join(run)
            run, run_line = [match.group(1)], text.count("\n", 0, match.start()) + 1
        run_end = match.end()
    if run:
        yield run_line, "".join(run)


def main():
    if len(sys.argv) != 3:
        print("usage: check-layering.py SOURCE_ROOT BUILD_ROOT", file=sys.stderr)
        return 2

    source_root = os.path.realpath(sys.argv[1])
    build_root = os.path.realpath(sys.argv[2])
    model_dir = os.path.join(source_root, "src", "model") + os.sep
    ui_dir = os.path.join(source_root, "src", "ui") + os.sep
    commands = load_commands(build_root)

    ui_files = files_under(source_root, "src/ui", (".c", ".h"))
    ui_files.append(os.path.join(source_root, "src", "main.c"))
    model_files = files_under(source_root, "src/model", (".c", ".h"))
    public_model_headers = [f for f in model_files if f.endswith(".h") and not f.endswith("-private.h")]

    # A file the build does not compile (a header, or a file not yet in
    # meson) is checked with the flags of its folder's files.
    def flags_for(path, folder):
        if path in commands:
            return commands[path]
        for source, command in sorted(commands.items()):
            if source.startswith(folder):
                return command
        raise RuntimeError(f"compile_commands.json has no file under {folder}")

    def reaches_sql(deps):
        return [d for d in deps
                if os.path.basename(d) == "sqlite3.h"
                or (d.startswith(model_dir) and d.endswith("-private.h"))]

    def reaches_gui(deps):
        return [d for d in deps if GUI_HEADER.search(d) or d.startswith(ui_dir)]

    jobs = [(f, ui_dir, reaches_sql, "includes the model's SQL layer") for f in ui_files]
    jobs += [(f, model_dir, reaches_sql, "is a public header but includes the model's SQL layer")
             for f in public_model_headers]
    jobs += [(f, model_dir, reaches_gui, "is model code but includes a GTK, Adwaita or src/ui header")
             for f in model_files]

    def run(job):
        path, folder, check, what = job
        return path, what, check(dependencies(flags_for(path, folder), path))

    problems = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, what, bad in pool.map(run, jobs):
            if bad:
                shown = ", ".join(os.path.relpath(b, source_root) if b.startswith(source_root) else b for b in bad)
                problems.append(f"{os.path.relpath(path, source_root)} {what}: {shown}")

    for path in ui_files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for line, literal in string_literals(text):
            if any(p.search(literal) for p in SQL_PATTERNS):
                problems.append(f"{os.path.relpath(path, source_root)}:{line}: a string looks like SQL,"
                                f" which belongs in a model store: \"{literal[:60]}\"")

    for problem in problems:
        print(problem)

    if problems:
        return 1

    print(f"layering holds: {len(ui_files)} ui files, {len(model_files)} model files checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
