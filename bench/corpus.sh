# Sourced by bench/run.sh and bench/compare.sh (from the project root).
# make_corpus N NEG_SHARE DIR: the peers' generator (../shared/peers/
# make_corpus.py) scales the four seed articles into DIR/corpus.jsonl once;
# samples/ holds the same bytes, but ../shared/seeds gives the peers' own
# corpus order.
peers=${peers:-../shared/peers}
make_corpus() {
  if [ ! -f "$3/corpus.jsonl" ]; then
    local seeds=../shared/seeds
    [ -d "$seeds" ] || seeds=samples
    /usr/bin/python3 "$peers/make_corpus.py" "$seeds" "$3" "$1" "$2" >&2
  fi
}
