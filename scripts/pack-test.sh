#!/usr/bin/env bash
# The package as a user gets it: npm pack, install the tarball into an empty
# folder, and run the installed csp on the shipped plan and on a new one.
# csp bundles its libraries into dist/, so the package has no dependencies and
# installs without the network.
#
#   bash scripts/pack-test.sh              npm pack builds dist/ (the prepare script)
#   bash scripts/pack-test.sh --no-build   packs the dist/ already built (as npm test does:
#                                          its pretest has built it, and other tests are running it)
set -euo pipefail
pack_flags=()
if [ "${1:-}" = --no-build ]; then pack_flags=(--ignore-scripts); fi
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$SECONDS
fail() { echo "pack-test: $*" >&2; echo "pack-test: 0 passed, 1 failed"; exit 1; }

tgz=$(npm pack --json ${pack_flags[@]+"${pack_flags[@]}"} --pack-destination "$work" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')
tgz="$work/$tgz"
tar -tzf "$tgz" | sort > "$work/files.txt"
for f in package/package.json package/LICENSE package/CHANGELOG.md package/README.md package/bin/csp.cjs package/dist/csp.cjs package/dist/cli.cjs package/dist/parser.cjs package/dist/parse-worker.cjs \
         package/schema/initiative.schema.json package/schema/plan.schema.json; do
  grep -qx "$f" "$work/files.txt" || fail "$f is missing from the tarball"
done
if grep -E '^package/(src|test|plan|seeds|scripts|node_modules|\.vscode)/' "$work/files.txt"; then
  fail 'the tarball holds the files listed above, which it should not'
fi

mkdir "$work/app"
cd "$work/app"
echo '{ "name": "csp-pack-test", "private": true }' > package.json
npm install --no-audit --no-fund --offline --loglevel=error "$tgz" || fail 'npm install of the tarball failed (offline: the package must have no dependencies)'
[ -z "$(ls node_modules | grep -vx csp)" ] || fail "the package brought dependencies: $(ls node_modules | grep -vx csp | tr '\n' ' ')"
csp=$PWD/node_modules/.bin/csp

version=$("$csp" --version)
expected=$(node -p "require('$root/package.json').version")
[ "$version" = "$expected" ] || fail "csp --version printed '$version', expected '$expected'"
"$csp" --plan "$root/test/fixtures/shipped/plan" validate || fail 'csp validate failed on the (frozen copy of the) shipped plan'
"$csp" --plan "$root/test/fixtures/shipped/plan" status --as-of 2025-07-18 > /dev/null || fail 'csp status failed on the (frozen copy of the) shipped plan'
"$csp" schema > /dev/null || fail 'csp schema failed'
"$csp" init new-plan --party ca:Canada --party kr:'Republic of Korea' 2> /dev/null || fail 'csp init failed'
"$csp" --plan new-plan/plan import "$root/seeds/canada-korea-csp-action-plan.txt" 2> /dev/null || fail 'csp import failed'
"$csp" --plan new-plan/plan validate || fail 'the imported plan does not validate'

echo "pack-test: installed $(basename "$tgz") and ran it in $((SECONDS - start)) s"
echo "pack-test: 1 passed, 0 failed"
