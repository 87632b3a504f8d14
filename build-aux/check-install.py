#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Rehearse as the Flatpak manifest does (its rehearse module's meson
# options, with flatpak-builder's own defaults), installs it into a
# temporary prefix, checks that every file is where it belongs, and runs
# the installed rehearse under LANG=zh_CN.UTF-8 with that prefix's schemas
# and translations: --version must print the Chinese version string.
#
# Usage: check-install.py SOURCE_ROOT MANIFEST SCRATCH_PARENT

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'io.github.rehearse.Rehearse'
LOCALE = 'zh_CN.UTF-8'

# What flatpak-builder passes to meson before a module's config-opts.
FLATPAK_MESON_DEFAULTS = ['--libdir=lib', '--buildtype=release', '--wrap-mode=nodownload']


def fail(message):
    print(f'check-install: {message}')
    sys.exit(1)


def read_manifest(path):
    with open(path, encoding='utf-8') as manifest:
        text = manifest.read()
    # flatpak-builder's JSON allows /* */ comments.
    return json.loads(re.sub(r'/\*.*?\*/', '', text, flags=re.S))


def rehearse_module(manifest):
    for module in manifest.get('modules', []):
        if isinstance(module, dict) and module.get('name') == 'rehearse':
            if module.get('buildsystem') != 'meson':
                fail('the manifest does not build the rehearse module with meson')
            return module
    fail('the manifest has no rehearse module')


def run(command, **kwargs):
    print('$ ' + ' '.join(command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def locale_exists(name):
    names = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.split()
    wanted = name.lower().replace('utf-8', 'utf8')
    return any(n.lower().replace('utf-8', 'utf8') == wanted for n in names)


def main():
    source_root, manifest_path, scratch_parent = sys.argv[1:4]
    module = rehearse_module(read_manifest(manifest_path))
    options = module.get('config-opts', [])

    if not locale_exists(LOCALE):
        fail(f'the locale {LOCALE} is missing: build-aux/dev.sh test generates it')

    os.makedirs(scratch_parent, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix='install-', dir=scratch_parent)
    try:
        prefix = os.path.join(scratch, 'prefix')
        build = os.path.join(scratch, 'build')
        env = dict(os.environ)
        env.pop('DESTDIR', None)

        run(['meson', 'setup', build, source_root, f'--prefix={prefix}']
            + FLATPAK_MESON_DEFAULTS + options, env=env, stdout=subprocess.DEVNULL)
        run(['meson', 'compile', '-C', build, '-j', '2'], env=env, stdout=subprocess.DEVNULL)
        run(['meson', 'install', '-C', build], env=env, stdout=subprocess.DEVNULL)

        expected = [
            'bin/rehearse',
            f'share/applications/{APP_ID}.desktop',
            f'share/metainfo/{APP_ID}.metainfo.xml',
            f'share/icons/hicolor/scalable/apps/{APP_ID}.svg',
            f'share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg',
            f'share/glib-2.0/schemas/{APP_ID}.gschema.xml',
            'share/glib-2.0/schemas/gschemas.compiled',
            'share/locale/zh_CN/LC_MESSAGES/rehearse.mo',
        ]
        missing = [path for path in expected if not os.path.isfile(os.path.join(prefix, path))]
        if missing:
            fail('not installed: ' + ', '.join(missing))
        print(f'installed: {", ".join(expected)}')

        for tool, args in (('desktop-file-validate', [f'share/applications/{APP_ID}.desktop']),
                           ('appstreamcli', ['validate', '--no-net', f'share/metainfo/{APP_ID}.metainfo.xml'])):
            if shutil.which(tool):
                run([tool] + [a if a.startswith('-') or a == 'validate' else os.path.join(prefix, a)
                              for a in args])

        version = subprocess.run(['meson', 'introspect', '--projectinfo', build],
                                 capture_output=True, text=True, check=True).stdout
        version = json.loads(version)['version']
        translation = gettext.translation('rehearse', localedir=os.path.join(prefix, 'share', 'locale'),
                                          languages=['zh_CN'])
        wanted = translation.gettext('rehearse %s') % version
        if wanted == f'rehearse {version}':
            fail('the installed zh_CN catalogue does not translate the version string')

        run_env = {key: value for key, value in os.environ.items()
                   if not key.startswith('LC_') and key not in ('LANGUAGE', 'LANG')}
        run_env.update({
            'LANG': LOCALE,
            'GSETTINGS_SCHEMA_DIR': os.path.join(prefix, 'share', 'glib-2.0', 'schemas'),
            'XDG_DATA_DIRS': os.path.join(prefix, 'share'),
        })
        result = subprocess.run([os.path.join(prefix, 'bin', 'rehearse'), '--version'],
                                capture_output=True, text=True, env=run_env)
        print(f'rehearse --version under LANG={LOCALE}: {result.stdout.strip()}')
        if result.returncode != 0 or result.stdout != wanted + '\n':
            fail(f'expected “{wanted}”, got “{result.stdout.strip()}” '
                 f'(status {result.returncode}, stderr: {result.stderr.strip()})')

        # A message of the command line, translated too.
        missing_db = os.path.join(scratch, 'missing.db')
        result = subprocess.run([os.path.join(prefix, 'bin', 'rehearse'), '--db', missing_db, '--check'],
                                capture_output=True, text=True, env=run_env)
        wanted = translation.gettext('“%s” does not exist.') % missing_db
        print(f'rehearse --check on a missing file: {result.stderr.strip()}')
        if result.returncode == 0 or wanted not in result.stderr:
            fail(f'expected “{wanted}” on stderr')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print('check-install: the installed rehearse speaks Chinese')
    return 0


if __name__ == '__main__':
    sys.exit(main())
