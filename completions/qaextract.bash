# bash completion for qaextract: commands, `rules` subcommands, each
# command's options (read from its --help, so they never go stale), the
# values of --format and --view, built-in rule names for `rules show`, and
# file names otherwise.
_qaextract_options() {
  "$@" --help 2>/dev/null | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n'
}

_qaextract() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} prog=${COMP_WORDS[0]}
  local cmd="" sub="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    if [[ -z $cmd ]]; then
      cmd=$word
    elif [[ $cmd == rules && -z $sub ]]; then
      sub=$word
    fi
  done
  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "convert batch explain discover rules serve" -- "$cur"))
    fi
    return
  fi
  if [[ $cmd == rules && -z $sub && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "lint list show test diff" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_qaextract_options "$prog" $cmd $sub)" -- "$cur"))
    return
  fi
  case $prev in
    --format) COMPREPLY=($(compgen -W "json yaml text" -- "$cur")); return ;;
    --view) COMPREPLY=($(compgen -W "documents turns qa-pairs chat" -- "$cur")); return ;;
  esac
  if [[ $cmd == rules && $sub == show ]]; then
    COMPREPLY=($(compgen -W "$("$prog" rules list 2>/dev/null | awk '{print $1}')" -- "$cur"))
    return
  fi
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _qaextract qaextract
