#!/usr/bin/env bash
# Installs what a target needs and is missing, on Debian 12 as root: Debian packages by
# group, then PyPI packages. Does nothing (and needs no network) when all is present.
#   scripts/deps.sh build|demo|test|bench
set -euo pipefail

build=(pkg-config libssl-dev libsystemd-dev libyaml-dev libjavascriptcoregtk-4.1-dev)
demo=("${build[@]}" nginx systemd curl)
test=("${demo[@]}" caddy prometheus chromium chromium-driver curl strace)
bench=("${test[@]}" wrk valgrind libnginx-mod-http-js)
python_test=(pyjwt pytest selenium)

case "${1:-build}" in
  build) wanted=("${build[@]}"); python=() ;;
  demo) wanted=("${demo[@]}"); python=() ;;
  test) wanted=("${test[@]}"); python=("${python_test[@]}") ;;
  bench) wanted=("${bench[@]}"); python=("${python_test[@]}") ;;
  *) echo "usage: $0 build|demo|test|bench" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Debian's nginx and caddy packages start their services on install when they can;
  # the project runs its own instances, so keep package scripts from starting anything.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

py_missing=()
for package in "${python[@]}"; do
  python3 -m pip show -q "$package" >/dev/null 2>&1 || py_missing+=("$package")
done
if ((${#py_missing[@]})); then
  echo "installing Python packages: ${py_missing[*]}"
  python3 -m pip install -q --disable-pip-version-check "${py_missing[@]}"
fi
