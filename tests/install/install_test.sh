#!/usr/bin/env bash
# cmake --install into a temporary prefix, then what a user of the installed
# package does: build a program with find_package(qaextract) and with
# pkg-config and extract the samples; read `man qaextract-batch`; complete
# `qaextract <TAB>` in bash.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
samples=("$source/samples/zh-anyong-interview-v1.txt" "$source/samples/zh-hant-bloomberg-podcast.txt")
# The samples' figures (tests/samples): v1 75 turns, 37 asked and 38 answered;
# the podcast 55: host 28, guest 23, four one-line clips.
expected=$'75 interviewee=38 interviewer=37\n55 clip=4 guest=23 host=28'
check() {  # what the consumer printed
  if [ "$1" != "$expected" ]; then
    printf 'install test: %s printed\n%s\nexpected\n%s\n' "$2" "$1" "$expected" >&2
    exit 1
  fi
}
export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# find_package
cmake -S "$source/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
check "$("$work/consumer/consumer" "${samples[@]}")" "the find_package consumer"
# pkg-config
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
c++ -std=c++17 "$source/tests/install/consumer/main.cc" $(pkg-config --cflags --libs qaextract) -o "$work/pc"
check "$("$work/pc" "${samples[@]}")" "the pkg-config consumer"
# man pages
for page in qaextract qaextract-convert qaextract-batch qaextract-explain qaextract-discover qaextract-rules qaextract-serve; do
  [ -f "$prefix/share/man/man1/$page.1" ] || { echo "install test: no man page $page.1" >&2; exit 1; }
done
text=$(MANPATH=$prefix/share/man MANWIDTH=100 man qaextract-batch 2>/dev/null | col -b)
for want in "--view" "--min-turns" "JSONL"; do
  grep -q -- "$want" <<<"$text" || { echo "install test: man qaextract-batch lacks $want" >&2; exit 1; }
done
# bash completion, from where bash-completion looks for it
completions=$prefix/share/bash-completion/completions/qaextract
got=$(PATH=$prefix/bin:$PATH bash -c 'source "$1"; COMP_WORDS=(qaextract ""); COMP_CWORD=1; _qaextract; echo "${COMPREPLY[*]}"' _ "$completions")
[ "$got" = "convert batch explain discover rules serve" ] || { echo "install test: qaextract <TAB> gave: $got" >&2; exit 1; }
got=$(PATH=$prefix/bin:$PATH bash -c 'source "$1"; COMP_WORDS=(qaextract batch --min); COMP_CWORD=2; _qaextract; echo "${COMPREPLY[*]}"' _ "$completions")
[ "$got" = "--min-turns" ] || { echo "install test: qaextract batch --min<TAB> gave: $got" >&2; exit 1; }
[ -f "$prefix/share/zsh/vendor-completions/_qaextract" ] || { echo "install test: no zsh completion" >&2; exit 1; }
echo "install test: find_package and pkg-config consumers, man pages, completions: ok"
