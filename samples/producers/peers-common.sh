# Sourced by each producer folder's peers.sh: the shared start. Moves into the calling script's
# folder, sets S (samples/), a UTC C.UTF-8 locale, a scratch folder T (removed on exit) holding
# chain.pem (the test root and the intermediate, for openssl's -CAfile), and squash, which joins a
# tool's lines into one.
set -uo pipefail
cd "$(dirname "$0")"
S=../..
export TZ=UTC LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat "$S/pki/kyso-test-root.pem" "$S/ca/intermediate.pem" > "$T/chain.pem"
squash() { tr '\n' ' ' | tr -s ' ' | sed 's/ *$//'; }

# An NSS database in $T/nss trusting only the test root, for pdfsig -nssdir (the intermediate is
# left out: a chain then needs the CMS to carry it).
nss_with_root() {
  mkdir -p "$T/nss"
  certutil -N -d "sql:$T/nss" --empty-password
  certutil -A -d "sql:$T/nss" -n kyso-test-root -t "CT,C,C" -i "$S/pki/kyso-test-root.pem"
}
