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
# poppler 22.12's pdfsig often fails to open its own output again under a user password
# ("Incorrect password", the ByteRange left as placeholders, at times with exit code 0): tried
# until pdfsig itself calls the result valid, else the committed file is kept.
qpdf --encrypt user-kyso owner-kyso 256 -- pdf/unsigned-fields.pdf "$WORK/user.pdf"
signed=
for attempt in $(seq 1 20); do
  faketime -f "$WHEN" pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 -upw user-kyso \
    "$WORK/user.pdf" "$WORK/user-signed.pdf" 2>/dev/null || true
  if pdfsig -nocert -upw user-kyso "$WORK/user-signed.pdf" 2>/dev/null | grep -q 'Signature is Valid'; then signed=1; break; fi
done
if [[ -n $signed ]]; then cp "$WORK/user-signed.pdf" pdf/encrypted-user-password-signed.pdf
else echo "make-pdf-encrypted.sh: pdfsig could not sign under a user password in 20 tries: encrypted-user-password-signed.pdf kept" >&2; fi
# Passwords that kyso is given (--password), one document for each revision of the standard
# security handler, signed by MuPDF's `mutool sign` (it opens the document with the password and
# signs SHA-1 over SHA-1, the only digest it offers): poppler 22.12's pdfsig cannot sign under a
# user password (it fails to open its own output again; the sample above was a lucky run).
# Revision 4's password has a letter outside ASCII, which qpdf writes in PDFDocEncoding;
# revision 6's are Vietnamese, in UTF-8, and mutool opens it with the owner password.
# Unsigned under a user password: NO_SIGNATURE once opened, INDETERMINATE until then.
qpdf --allow-weak-crypto --encrypt user-kyso owner-kyso 128 --use-aes=n -- pdf/unsigned-fields.pdf pdf/encrypted-rc4-128-user-password-unsigned.pdf
if command -v mutool >/dev/null; then
  openssl pkcs12 -export -in ca/person.pem -inkey ca/person.key -certfile ca/intermediate.pem -name person -passout pass:kyso -out "$WORK/person-mutool.p12"
  # mutool-sign OUT DOCUMENT-PASSWORD QPDF-ENCRYPT-ARGS...; object 4 is unsigned-fields.pdf's SigPerson field.
  mutool_sign() {
    local out=$1 password=$2; shift 2
    qpdf --allow-weak-crypto --encrypt "$@" -- pdf/unsigned-fields.pdf "$WORK/password.pdf"
    faketime -f "$WHEN" mutool sign -p "$password" -s "$WORK/person-mutool.p12" -P kyso -o "$out" "$WORK/password.pdf" 4 >/dev/null
  }
  mutool_sign pdf/encrypted-rc4-40-user-password-mutool.pdf user-kyso user-kyso owner-kyso 40
  mutool_sign pdf/encrypted-rc4-128-user-password-mutool.pdf user-kyso user-kyso owner-kyso 128 --use-aes=n
  mutool_sign pdf/encrypted-aes-128-user-password-mutool.pdf 'café-kyso' 'café-kyso' owner-kyso 128 --use-aes=y
  mutool_sign pdf/encrypted-aes-256-vietnamese-passwords-mutool.pdf 'chủ sở hữu' 'mật khẩu' 'chủ sở hữu' 256
  # Revision 5 (Adobe's deprecated AES-256, SHA-256 without Algorithm 2.B).
  mutool_sign pdf/encrypted-aes-256-r5-user-password-mutool.pdf user-kyso user-kyso owner-kyso 256 --force-R5
  # Revision 4 with a Vietnamese password: PDFDocEncoding has no "ậ", so qpdf stores its UTF-8 bytes
  # (and warns that most readers will not open it).
  qpdf --password-mode=bytes --encrypt 'mật khẩu' owner-kyso 128 --use-aes=y -- pdf/unsigned-fields.pdf "$WORK/password.pdf"
  faketime -f "$WHEN" mutool sign -p 'mật khẩu' -s "$WORK/person-mutool.p12" -P kyso -o pdf/encrypted-aes-128-vietnamese-password-mutool.pdf "$WORK/password.pdf" 4 >/dev/null
else
  echo "make-pdf-encrypted.sh: mutool (Debian mupdf-tools) not found: the *-mutool.pdf samples are kept as they are" >&2
fi
# Two copies of the user-password sample in one ZIP (Info-ZIP, fixed dates): the password is
# tried once for both (the outcome is remembered by the /Encrypt parameters within a document).
mkdir -p "$WORK/zip"
cp pdf/encrypted-user-password-signed.pdf "$WORK/zip/copy-1.pdf"
cp pdf/encrypted-user-password-signed.pdf "$WORK/zip/copy-2.pdf"
touch -d '2025-03-01 09:00:00' "$WORK/zip/copy-1.pdf" "$WORK/zip/copy-2.pdf"
rm -f pdf/encrypted-user-password-two-copies.zip
(cd "$WORK/zip" && zip -q -X -D ../two-copies.zip copy-1.pdf copy-2.pdf)
mv "$WORK/two-copies.zip" pdf/encrypted-user-password-two-copies.zip
echo "make-pdf-encrypted.sh: encrypted PDF samples done"
