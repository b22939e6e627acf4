#!/usr/bin/env bash
# A form whose AcroForm asks viewers to build every widget's appearance (/NeedAppearances true,
# ISO 32000-1 §12.7.2) before anyone signs, then signed twice by pdfsig: the genuine flow that
# test/redteam/pdf-need-appearances.test.ts holds kyso to (called by make-attacks.sh; run from
# samples/). qpdf writes the unsigned file again after the flag is set; the /ID pdfsig writes
# differs between rebuilds.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/pdf
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - pdf/unsigned-fields.pdf "$WORK/edited.pdf" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
old = b"<< /Fields [7 0 R 8 0 R] >>"
assert data.count(old) == 1
open(sys.argv[2], "wb").write(data.replace(old, b"<< /Fields [7 0 R 8 0 R] /NeedAppearances true >>"))
PY
# The edit moved every later object: qpdf rebuilds the table (it warns that it reconstructed it).
qpdf "$WORK/edited.pdf" "$WORK/need-appearances.pdf" 2>/dev/null || [[ $? == 3 ]]
certutil -N -d "sql:$WORK" --empty-password
for who in person organization; do
  openssl pkcs12 -export -in "ca/$who.pem" -inkey "ca/$who.key" -name "$who" -passout pass: -out "$WORK/$who.p12"
  pk12util -i "$WORK/$who.p12" -d "sql:$WORK" -W '' >/dev/null
done
certutil -A -d "sql:$WORK" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$WORK" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem
faketime -f '2025-03-01 09:00:00' pdfsig -sign SigPerson -nssdir "sql:$WORK" -nick person -digest SHA256 \
  "$WORK/need-appearances.pdf" "$WORK/once.pdf" 2>/dev/null
faketime -f '2025-03-01 10:00:00' pdfsig -sign SigOrganization -nssdir "sql:$WORK" -nick organization -digest SHA256 \
  "$WORK/once.pdf" "$OUT/need-appearances-signed-twice.pdf" 2>/dev/null
echo "make-attacks-pdf-need-appearances.sh: done"
