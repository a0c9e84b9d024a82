#!/usr/bin/env python3
"""Execute .NET Interactive notebooks headlessly against a locally built CustomerMetrics package.

Usage: run-notebooks.py FEED VERSION NOTEBOOK...

Each notebook's first code cell loads the package with the two lines a user keeps:
    #i "nuget: <a folder feed>"
    #r "nuget: CustomerMetrics, <version>"
They are rewritten in memory (never on disk) to FEED and VERSION, so the run uses the package built from this commit.
The notebook runs in its own folder (it reads its data file there). On a cell error the script prints the notebook,
the cell's number and source and the kernel's error message, and exits 1. Executed copies are not written.
"""
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

feed, version, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
failed = 0
for path in paths:
    nb = nbformat.read(path, as_version=4)
    source = nb.cells[[c.cell_type for c in nb.cells].index("code")].source
    pinned = re.sub(r'#i "nuget:[^"]*"', f'#i "nuget: {feed}"', source, count=1)
    pinned = re.sub(r'#r "nuget: ?CustomerMetrics(\.[A-Za-z]+)?, ?[^"]*"',
                    lambda m: f'#r "nuget: CustomerMetrics{m.group(1) or ""}, {version}"', pinned)
    if '#i "nuget:' not in source or version not in pinned:
        print(f"{path}: the first code cell must hold #i \"nuget: ...\" and #r \"nuget: CustomerMetrics, ...\"")
        failed += 1
        continue
    first = next(c for c in nb.cells if c.cell_type == "code")
    first.source = pinned
    folder = path.rsplit("/", 1)[0] if "/" in path else "."
    client = NotebookClient(nb, timeout=600, startup_timeout=180, kernel_name=".net-csharp",
                            resources={"metadata": {"path": folder}})
    start = time.monotonic()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as error:
        failed += 1
        print(f"FAILED {path}:\n{error}")
        continue
    errors = [(i, o) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        failed += 1
        for i, o in errors:
            print(f"FAILED {path}, cell {i}: {o.get('ename')}: {o.get('evalue')}")
        continue
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"ok {path}: {cells} code cells in {time.monotonic() - start:.0f} s")
sys.exit(1 if failed else 0)
