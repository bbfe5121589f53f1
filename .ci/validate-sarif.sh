#!/usr/bin/env bash
# Validates faqlint's `--format sarif` output with Microsoft's SARIF validator
# (`Sarif.Multitool validate`, npm package @microsoft/sarif-multitool-linux).
#
# Installs the validator once into a cache outside the clone, then works offline.
# Runs faqlint on every fixtures/rules/*/fail repo, every fixtures/repos/* repo and a
# generated repo with awkward files (BOM, CRLF, non-ASCII and spaces in paths, emoji,
# an empty file), and fails on any error-level validator result.
#
# Environment:
#   FAQLINT_BIN               faqlint binary to use (default: build the debug binary)
#   FAQLINT_CI_CACHE          cache dir (default: ${XDG_CACHE_HOME:-$HOME/.cache}/faqlint-ci)
#   SARIF_MULTITOOL_VERSION   validator version (default: 5.7.0)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
cache="${FAQLINT_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/faqlint-ci}"
prefix="$cache/sarif-multitool-$version"
multitool="$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

if [[ ! -e "$multitool" ]]; then
    command -v npm >/dev/null || { echo "validate-sarif: npm is needed to install the validator once" >&2; exit 2; }
    echo "validate-sarif: installing @microsoft/sarif-multitool-linux@$version into $prefix" >&2
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" "@microsoft/sarif-multitool-linux@$version" >&2
fi
# npm may skip the package's postinstall `chmod u+x`.
[[ -x "$multitool" ]] || chmod u+x "$multitool"
# The validator is a self-contained .NET app; don't require libicu on the runner.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ -n "${FAQLINT_BIN:-}" ]]; then
    faqlint="$FAQLINT_BIN"
else
    (cd "$root" && cargo build --locked --quiet --bin faqlint)
    faqlint="${CARGO_TARGET_DIR:-$root/target}/debug/faqlint"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A repo with awkward files, generated (not committed).
awkward="$work/awkward"
mkdir -p "$awkward/fr/congés payés" "$awkward/en/misc"
printf '\xef\xbb\xbf---\r\ntitle: Combien de jours de congés ?\r\ntags: [congés, congés]\r\nlast_reviewed: 2020-01-01\r\n---\r\nRéponse 😀 d’ici 2020.\r\n' \
    >"$awkward/fr/congés payés/combien de jours.md"
: >"$awkward/en/misc/empty.md"
printf -- '---\ntitle: "unclosed\n---\nbody\n' >"$awkward/en/misc/broken.md"

inputs=()
for dir in "$root"/fixtures/rules/*/fail "$root"/fixtures/repos/*/ "$awkward"; do
    [[ -d "$dir" ]] && inputs+=("${dir%/}")
done

n=0
for dir in "${inputs[@]}"; do
    n=$((n + 1))
    out="$work/$n.sarif"
    rc=0
    (cd "$dir" && "$faqlint" check . --today 2025-01-01 --fail-on never --format sarif) >"$out" 2>"$work/$n.stderr" || rc=$?
    if [[ ! -s "$out" ]]; then
        echo "validate-sarif: no SARIF output for ${dir#"$root"/} (exit $rc):" >&2
        cat "$work/$n.stderr" >&2
        exit 1
    fi
    echo "${dir#"$root"/} -> $n.sarif (exit $rc)"
done

log="$work/validator.log"
status=0
"$multitool" validate --level "Error;Warning" --log ForceOverwrite -o "$work/validation.sarif" "$work"/*.sarif >"$log" 2>&1 || status=$?
cat "$log"
# The validator exits 0 even when it reports errors: read its results.
errors="$(grep -cE '\): error ' "$log" || true)"
warnings="$(grep -cE '\): warning ' "$log" || true)"
if [[ "$status" -ne 0 || "$errors" -ne 0 ]]; then
    echo "validate-sarif: FAILED: $errors error(s), $warnings warning(s), validator exit $status" >&2
    exit 1
fi
echo "validate-sarif: ok: ${#inputs[@]} SARIF logs, 0 errors, $warnings warning(s)"
