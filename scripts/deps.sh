#!/usr/bin/env bash
# Installs the Debian packages qaextract builds with, when any is missing.
# Works as root or through sudo; does nothing (and needs neither) when all are there.
#   scripts/deps.sh          what the build and the test suite need
#   scripts/deps.sh fuzz     also clang and libFuzzer (scripts/fuzz.sh)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libre2-dev        # patterns: linear time, memory-bounded
  libicu-dev        # decoding, NFKC, Traditional/Simplified folding
  libyaml-cpp-dev   # rule files, YAML output
  libcli11-dev      # command line
  nlohmann-json3-dev # parsing JSON (tests, JSONL input)
  doctest-dev       # unit tests
  nettle-dev        # SHA-256 digests (small, SHA instructions; not libcrypto: start-up time)
  libxxhash-dev     # XXH3 text digests for batch duplicate detection (header only)
  libtbb-dev        # the batch pipeline (oneTBB parallel_pipeline)
  libsimdjson-dev   # JSONL input records; UTF-8 validation
  libcpp-httplib-dev # qaextract serve (HTTP server)
  libzstd-dev       # batch output to .jsonl.zst
  libjemalloc-dev   # the qaextract executable's allocator (many small allocations a batch)
  python3-jsonschema python3-yaml  # test: shipped rules against docs/rules.schema.json
  chromium          # test: the playground in a real browser (tests/browser)
  python3-dask python3-distributed  # test: examples/dask on a LocalCluster
  python3-pandas    # test: every view loads in pandas with one type per column
  help2man          # man pages from each command's --help
  bash-completion   # test: completion of qaextract <TAB> in bash
  pybind11-dev python3-pybind11 python3-dev  # the Python module
  python3-pytest python3-venv python3-pip    # test: the Python module, pip install
)
# Hyperscan (the classifier's literal prefilter) is built for x86-64 only;
# elsewhere the build falls back to memmem.
[ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] && packages+=(libhyperscan-dev)
# npm for the browser test's playwright-core, unless a node install has one.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
for group in "$@"; do
  case "$group" in
    fuzz) packages+=(clang libclang-rt-dev) ;;  # libFuzzer lives in libclang-rt-dev
    screenshots) packages+=(fonts-noto-cjk) ;;   # CJK glyphs for docs/playground*.png
    *) echo "deps: unknown group '$group'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "deps: missing packages (${missing[*]}) and neither root nor sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
