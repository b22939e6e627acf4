#!/usr/bin/env bash
# Encrypted signed PDFs (issue 8): qpdf encrypts the unsigned base document with an owner
# password only (the user password is empty, as signing tools and portals do), then poppler's
# pdfsig signs it with NSS. One more is encrypted with a user password, which a verifier
# cannot open. Run from samples/ (make.sh calls it after its PDF stage); it needs the test PKI
# in ca/ and pdf/unsigned-fields.pdf, and builds its own NSS database.
set -euo pipefail
cd "$(dirname "$0")"
for tool in qpdf pdfsig certutil pk12util openssl faketime; do
  command -v "$tool" >/dev/null || { echo "make-pdf-encrypted.sh: $tool is required" >&2; exit 1; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
WHEN='2025-03-01 09:00:00'

NSS="$WORK/nss"
mkdir -p "$NSS"
certutil -N -d "sql:$NSS" --empty-password
openssl pkcs12 -export -in ca/person.pem -inkey ca/person.key -name person -passout pass: -out "$WORK/person.p12"
pk12util -i "$WORK/person.p12" -d "sql:$NSS" -W '' >/dev/null
certutil -A -d "sql:$NSS" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$NSS" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem

# encrypt-and-sign OUT QPDF-ENCRYPT-ARGS... : qpdf --encrypt "" owner ..., then pdfsig signs SigPerson.
encrypt_and_sign() {
  local out=$1; shift
  qpdf --object-streams=generate --allow-weak-crypto --encrypt "$@" -- pdf/unsigned-fields.pdf "$WORK/encrypted.pdf"
  faketime -f "$WHEN" pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 -reason 'Ky duyet' \
    "$WORK/encrypted.pdf" "$out" 2>"$WORK/pdfsig.err" || { cat "$WORK/pdfsig.err" >&2; exit 1; }
  [[ -s $out ]] || { echo "pdfsig wrote nothing for $out" >&2; exit 1; }
}

encrypt_and_sign pdf/encrypted-rc4-40-signed.pdf '' owner-kyso 40
encrypt_and_sign pdf/encrypted-rc4-128-signed.pdf '' owner-kyso 128 --use-aes=n
encrypt_and_sign pdf/encrypted-aes-128-signed.pdf '' owner-kyso 128 --use-aes=y
encrypt_and_sign pdf/encrypted-aes-256-signed.pdf '' owner-kyso 256
# Unsigned and encrypted: nothing to verify (NO_SIGNATURE), whatever the encryption.
qpdf --encrypt '' owner-kyso 256 -- pdf/unsigned-fields.pdf pdf/encrypted-aes-256-unsigned.pdf
# A user password: the signed content cannot be read without it (INDETERMINATE, never failed).
qpdf --encrypt user-kyso owner-kyso 256 -- pdf/unsigned-fields.pdf "$WORK/user.pdf"
faketime -f "$WHEN" pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 -upw user-kyso \
  "$WORK/user.pdf" pdf/encrypted-user-password-signed.pdf 2>"$WORK/pdfsig.err" || { cat "$WORK/pdfsig.err" >&2; exit 1; }
echo "make-pdf-encrypted.sh: encrypted PDF samples done"
