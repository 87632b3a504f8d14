#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when the metainfo's <releases> and NEWS disagree: the same versions,
# newest first, the same dates, and a version NEWS calls unreleased is a
# development release in the metainfo.
#
# Usage: check-releases.py NEWS METAINFO

import re
import sys
import xml.etree.ElementTree as ET


def news_releases(path):
    releases = []
    with open(path, encoding='utf-8') as news:
        lines = news.read().splitlines()
    for i, line in enumerate(lines):
        match = re.fullmatch(r'Version (\S+)', line)
        if not match:
            continue
        if i + 1 >= len(lines) or not re.fullmatch(r'~+', lines[i + 1]):
            sys.exit(f'{path}:{i + 1}: “{line}” is not underlined with ~')
        released = None
        for following in lines[i + 2:i + 4]:
            date = re.fullmatch(r'Released: (\S+)', following)
            if date:
                released = date.group(1)
        if released is None:
            sys.exit(f'{path}:{i + 1}: version {match.group(1)} has no “Released:” line')
        releases.append((match.group(1), released))
    return releases


def metainfo_releases(path):
    root = ET.parse(path).getroot()
    return [(release.get('version'), release.get('date'), release.get('type', 'stable'))
            for release in root.iterfind('./releases/release')]


def main():
    news_path, metainfo_path = sys.argv[1:3]
    news = news_releases(news_path)
    metainfo = metainfo_releases(metainfo_path)
    problems = []

    news_versions = [version for version, _ in news]
    metainfo_versions = [version for version, _, _ in metainfo]
    if news_versions != metainfo_versions:
        problems.append(f'versions differ: NEWS has {", ".join(news_versions)}; '
                        f'the metainfo has {", ".join(metainfo_versions)}')

    for (version, released), (_, date, kind) in zip(news, metainfo):
        if released == 'unreleased':
            if kind != 'development':
                problems.append(f'{version} is unreleased in NEWS, so the metainfo '
                                f'must say type="development", not “{kind}”')
        elif released != date:
            problems.append(f'{version} was released on {released} by NEWS, '
                            f'on {date} by the metainfo')
        elif kind == 'development':
            problems.append(f'{version} was released on {released}, but the metainfo '
                            f'still calls it a development release')

    for problem in problems:
        print(f'check-releases: {problem}')
    if not problems:
        print(f'NEWS and the metainfo agree on {len(news)} releases: {", ".join(news_versions)}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
