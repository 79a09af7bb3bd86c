#!/usr/bin/env bash
# Install test: pack llo as a release tarball, install it into an empty prefix as a user would
# (`npm install -g`), and run the installed command from a folder outside the repository.
#
# Run by .ci/run after `npm ci`, not by vitest: installing a package needs its dependencies, and
# npm resolves them through the registry's package metadata, which `npm ci` (lockfile only) does
# not cache, so `--offline` fails on a fresh machine (ENOTCACHED). `--prefer-offline` takes every
# tarball that `npm ci` already cached and asks the registry only for the metadata — the same
# registry `npm ci` itself needs in CI. vitest tests stay network-free.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TMP=$(mktemp -d "${TMPDIR:-/tmp}/llo-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
check() { # name, then a command that must succeed
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok - $name"; else failed=$((failed + 1)); echo "not ok - $name"; fi
}

npm pack --silent --pack-destination "$TMP" >"$TMP/pack.log"
TARBALL=$(ls "$TMP"/*.tgz)
tar -tzf "$TARBALL" | sort >"$TMP/contents"
ships() { grep -qx "package/$1" "$TMP/contents"; }
ships_none() { ! grep -Eq "$1" "$TMP/contents"; }
needed() { for f in bin/llo.js dist/cli/main.js codebooks/llo.yaml corpus/study-2024.yaml package.json README.md; do ships "$f" || { echo "missing: $f"; return 1; }; done; }
check 'the tarball ships the built program, the default codebook and the study manifest' needed
check 'the tarball ships no sources, tests, outputs, corpus texts or TypeScript' \
  ships_none '^package/(src|test|out|bench|docs|node_modules|\.ci)/|\.ts$|\.pdf$|\.patterns$|^package/corpus/corpus\.yaml$'

npm install -g --prefix "$TMP/prefix" "$TARBALL" --prefer-offline --no-audit --no-fund >"$TMP/install.log" 2>&1 ||
  { cat "$TMP/install.log"; exit 1; }
export PATH="$TMP/prefix/bin:$PATH"
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere"
VERSION=$(node -p "require('$ROOT/package.json').version")
check "llo --version prints $VERSION" test "$(llo --version)" = "$VERSION"
check 'llo --help lists the commands' bash -c 'llo --help | grep -q "fetch" && llo --help | grep -q "quotes" && llo --help | grep -q "report"'
check 'the installed llo is the one in the prefix' test "$(command -v llo)" = "$TMP/prefix/bin/llo"
cp -r "$ROOT/corpus" "$TMP/elsewhere/corpus"
quiet() { "$@" >"$TMP/last.log" 2>&1 || { cat "$TMP/last.log"; return 1; }; }
check 'llo ingest reads a copy of the bundled corpus' quiet llo ingest corpus --out out/segments.csv
check 'the segments file has the documents' bash -c 'grep -q "^coalitieakkoord-2021,coalitieakkoord-2021:" out/segments.csv && test "$(wc -l <out/segments.csv)" -gt 20'
# The issue's acceptance: a study made by the installed llo works from a subfolder without flags.
study() {
  quiet llo init study && mkdir -p study/sub && cp "$ROOT"/corpus/*.excerpt.txt study/corpus/ &&
    (cd study/sub && quiet llo ingest && quiet llo code --coder auto && quiet llo tables) &&
    test -s study/out/segments.csv && test -s study/out/codings/auto.csv && test -s study/out/tables/README.md
}
check 'llo init study && cd study/sub && llo ingest && llo code --coder auto && llo tables' study
# The bundled study manifest is found by name; port 4 on the loopback refuses, so nothing leaves the machine.
bundled_manifest() {
  local out
  out=$(llo fetch --manifest study-2024 --corpus fetched --base-url http://127.0.0.1:4 --retries 0 2>&1 || true)
  grep -q 'cannot reach 127.0.0.1:4 (ECONNREFUSED)' <<<"$out" || { echo "$out"; return 1; }
}
check 'llo fetch --manifest study-2024 finds the manifest shipped in the package' bundled_manifest
check 'the bundled codebook is in the installed package' test -f "$TMP/prefix/lib/node_modules/llo-policy-coding/codebooks/llo.yaml"

echo "install: $passed passed, $failed failed"
test "$failed" -eq 0
