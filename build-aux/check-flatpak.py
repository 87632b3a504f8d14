#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when flatpak-builder --show-manifest warns about the manifest (an
# unknown property, say), when it targets an unsupported GNOME runtime, or
# when a source is not pinned: git sources need a commit, downloads a
# sha256. It builds nothing, so it needs no network.
#
# Usage: check-flatpak.py MANIFEST

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# GNOME runtimes are supported for about a year: 48 went end of life in
# March 2026, 49 does once 51 is out (September 2026). Raise this with the
# manifest's runtime-version.
OLDEST_SUPPORTED = 50


def sources(modules, where=''):
    for module in modules:
        if isinstance(module, str):
            continue
        name = f'{where}{module.get("name", "?")}'
        for source in module.get('sources', []):
            if isinstance(source, dict):
                yield name, source
        yield from sources(module.get('modules', []), f'{name}/')


def main():
    manifest_path = os.path.abspath(sys.argv[1])
    if not shutil.which('flatpak-builder'):
        print('check-flatpak: flatpak-builder is missing (Debian: apt install flatpak-builder)')
        return 77

    # In a scratch folder: flatpak-builder leaves a .flatpak-builder there.
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(['flatpak-builder', '--show-manifest', manifest_path],
                                capture_output=True, text=True, cwd=scratch)
    problems = []
    if result.returncode != 0:
        problems.append(f'flatpak-builder cannot read the manifest: {result.stderr.strip()}')
    elif result.stderr.strip():
        problems.append(f'flatpak-builder warns: {result.stderr.strip()}')

    manifest = json.loads(result.stdout) if result.returncode == 0 else {}
    runtime, version = manifest.get('runtime'), str(manifest.get('runtime-version', ''))
    if runtime != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'the runtime is {runtime}, not org.gnome.Platform with org.gnome.Sdk')
    if not version.isdigit() or int(version) < OLDEST_SUPPORTED:
        problems.append(f'runtime-version “{version}” is not a supported stable GNOME runtime '
                        f'({OLDEST_SUPPORTED} or newer)')

    for module, source in sources(manifest.get('modules', [])):
        kind = source.get('type')
        if kind == 'git':
            if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
                problems.append(f'{module}: the git source {source.get("url")} names no commit')
        elif kind in ('archive', 'file'):
            if 'url' in source and not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                problems.append(f'{module}: {source.get("url")} has no sha256')
        elif kind != 'dir':
            problems.append(f'{module}: a {kind} source cannot be checked here')

    for problem in problems:
        print(f'check-flatpak: {problem}')
    if problems:
        return 1
    print(f'{os.path.basename(manifest_path)}: {runtime}//{version}, every source pinned')
    return 0


if __name__ == '__main__':
    sys.exit(main())
