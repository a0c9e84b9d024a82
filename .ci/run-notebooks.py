#!/usr/bin/env python3
"""Execute .NET Interactive notebooks headlessly against a locally built CustomerMetrics package.

Usage: run-notebooks.py FEED VERSION NOTEBOOK...

A committed notebook has no outputs (checked first). Its first code cell loads the package,
    #r "nuget: CustomerMetrics, <version>"
optionally after a folder feed, #i "nuget: <absolute path>". In memory (never on disk) the version becomes VERSION and
the feed FEED (the #i line is added when absent), so that the run uses the package built from this commit. The notebook runs in its own folder (it reads its data file there) on the ".net-csharp" kernel, which must be
registered (dotnet interactive jupyter install). On a cell error the script prints the notebook, the number and source
of the first failing cell, its error message and outputs; it runs every notebook, then exits 1 if any failed.
Executed copies are written only when EXECUTED_NOTEBOOKS names a folder (keep it outside the repository).
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

feed, version, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
kernel_log = os.path.join(tempfile.mkdtemp(), "kernel.log")  # the kernel's own console output, shown if it dies
failed = 0


def fail(message):
    global failed
    failed += 1
    print(message)


for path in paths:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if any(c.get("outputs") or c.get("execution_count") for c in code):
        fail(f"FAILED {path}: committed with outputs; clear them (Clear All Outputs, or jupyter nbconvert --clear-output --inplace)")
        continue
    source = code[0].source
    pinned = re.sub(r'^#i "nuget:[^"]*"\n', "", source, flags=re.M)
    pinned = re.sub(r'#r "nuget: ?CustomerMetrics(\.[A-Za-z]+)?, ?[^"]*"',
                    lambda m: f'#r "nuget: CustomerMetrics{m.group(1) or ""}, {version}"', pinned)
    if version not in pinned:
        fail(f'FAILED {path}: the first code cell must load the package with #r "nuget: CustomerMetrics, <version>"')
        continue
    code[0].source = f'#i "nuget: {feed}"\n{pinned}'

    client = NotebookClient(nb, timeout=600, startup_timeout=180, kernel_name=".net-csharp", allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(path) or "."}})
    started = time.monotonic()
    with open(kernel_log, "w") as log:
        try:
            client.execute(stdout=log, stderr=subprocess.STDOUT)
        except Exception as error:  # the kernel did not start, died or timed out: no cell outputs to read
            fail(f"FAILED {path}: {type(error).__name__}: {error}\n{open(kernel_log).read()[-4000:]}")
            continue
    if os.environ.get("EXECUTED_NOTEBOOKS"):
        nbformat.write(nb, os.path.join(os.environ["EXECUTED_NOTEBOOKS"], os.path.basename(path)))

    bad = [(n, c) for n, c in enumerate(code, 1) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    if not bad:
        print(f"ok {path}: {len(code)} code cells in {time.monotonic() - started:.0f} s")
        continue
    n, cell = bad[0]  # later cells usually fail because of the first
    lines = [f"FAILED {path}, code cell {n} of {len(code)}:", cell.source, "----"]
    for o in cell.outputs:
        if o.get("output_type") == "error":
            lines += [f"{o.get('ename')}: {o.get('evalue')}", *o.get("traceback", [])]
        elif o.get("output_type") == "stream":
            lines.append(o.get("text", ""))
        elif "text/plain" in o.get("data", {}):
            lines.append(o["data"]["text/plain"])
    fail("\n".join(lines))

sys.exit(1 if failed else 0)
