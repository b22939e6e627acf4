#!/bin/sh
# Red-team attack inputs that are committed beside the tests that use them (not part of
# make.sh: they derive from the deterministic test keys, so a rebuild is byte-identical).
# Needs python3 with the `cryptography` package.
set -eu
cd "$(dirname "$0")"
python3 make-attacks-cms.py ../test/fixtures/attacks/cms
