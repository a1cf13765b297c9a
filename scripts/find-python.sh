#!/usr/bin/env bash
# The Pythons Vernetzt runs on (3.13, 3.12, 3.11) that this machine has, newest first: on PATH
# (python3.13, ...) or installed by pyenv beside the default one. Prints the newest's path, or
# with --all every one's; fails with the versions it accepts when none is found.
set -euo pipefail
SUPPORTED=(3.13 3.12 3.11)

runs() { "$1" -c 'import sys' >/dev/null 2>&1; }  # a pyenv shim of a version not enabled fails

candidates() {
  local version=$1 root
  command -v "python$version" || true
  root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  ls -d "$root"/versions/"$version".*/bin/"python$version" 2>/dev/null | sort -V -r || true
}

found=()
for version in "${SUPPORTED[@]}"; do
  while read -r python; do
    if [ -n "$python" ] && runs "$python"; then found+=("$python"); break; fi
  done < <(candidates "$version")
done
if [ ${#found[@]} -eq 0 ]; then
  echo "No supported Python found: Vernetzt runs on Python ${SUPPORTED[*]}; install one, or name it with PYTHON=..." >&2
  exit 1
fi
if [ "${1:-}" = "--all" ]; then printf '%s\n' "${found[@]}"; else echo "${found[0]}"; fi
