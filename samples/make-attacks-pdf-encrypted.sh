#!/usr/bin/env bash
# Encrypted signed PDFs updated after signing (test/redteam/pdf-encrypted-updates.test.ts).
# Genuine updates by the producers: a second signature by pdfsig (poppler) and by `mutool sign`
# (MuPDF) on make-pdf-encrypted.sh's owner-password-only documents. Bases for the attacks: the
# same document encrypted by qpdf without object streams (so its fields stay readable whatever
# key a later update names) and signed by pdfsig. Then make-attacks-pdf-encrypted.py appends
# the attackers' updates, by bytes. Run from samples/ after make-pdf-encrypted.sh.
set -euo pipefail
cd "$(dirname "$0")"
for tool in qpdf pdfsig mutool certutil pk12util openssl faketime python3; do
  command -v "$tool" >/dev/null || { echo "make-attacks-pdf-encrypted.sh: $tool is required" >&2; exit 1; }
done
OUT=../test/fixtures/attacks/pdf-encrypted
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
WHEN='2025-03-01 09:00:00'
LATER='2025-03-02 10:00:00'

NSS="$WORK/nss"
mkdir -p "$NSS"
certutil -N -d "sql:$NSS" --empty-password
openssl pkcs12 -export -in ca/organization.pem -inkey ca/organization.key -certfile ca/intermediate.pem -name organization -passout pass:kyso -out "$WORK/organization.p12"
openssl pkcs12 -export -in ca/person.pem -inkey ca/person.key -name person -passout pass: -out "$WORK/person.p12"
pk12util -i "$WORK/person.p12" -d "sql:$NSS" -W '' >/dev/null
pk12util -i "$WORK/organization.p12" -d "sql:$NSS" -W kyso >/dev/null
certutil -A -d "sql:$NSS" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$NSS" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem

# Genuine: the organisation signs the second field of an encrypted, signed document.
faketime -f "$LATER" pdfsig -sign SigOrganization -nssdir "sql:$NSS" -nick organization -digest SHA256 \
  pdf/encrypted-rc4-128-signed.pdf "$OUT/second-signature-pdfsig-rc4-128.pdf" 2>/dev/null
faketime -f "$LATER" pdfsig -sign SigOrganization -nssdir "sql:$NSS" -nick organization -digest SHA256 \
  pdf/encrypted-aes-256-signed.pdf "$OUT/second-signature-pdfsig-aes-256.pdf" 2>/dev/null
# Object 8 is the SigOrganization widget of make-pdf-encrypted.sh's documents (qpdf's numbering).
faketime -f "$LATER" mutool sign -s "$WORK/organization.p12" -P kyso -o "$OUT/second-signature-mutool-aes-128.pdf" \
  pdf/encrypted-aes-128-signed.pdf 8 >/dev/null

# Genuine: a text field filled by MuPDF (`mutool run`, saved incrementally) after pdfsig signed
# the encrypted document. The unsigned form is unsigned-fields.pdf with a text field SoTien
# that mutool adds (low-level objects), then qpdf encrypts it (owner password only).
cat >"$WORK/add-field.js" <<'JS'
var doc = new PDFDocument(scriptArgs[0]);
var page = doc.findPage(0);
var field = doc.addObject({Type: "Annot", Subtype: "Widget", FT: "Tx", T: "SoTien", Rect: [72, 600, 300, 620], F: 4, DA: "/Helv 12 Tf 0 g", P: page});
page.Annots.push(field);
var form = doc.getTrailer().Root.AcroForm;
form.Fields.push(field);
form.DA = "/Helv 12 Tf 0 g";
form.DR = doc.addObject({Font: {Helv: doc.addObject({Type: "Font", Subtype: "Type1", BaseFont: "Helvetica", Encoding: "WinAnsiEncoding"})}});
doc.save(scriptArgs[1], "");
JS
cat >"$WORK/fill.js" <<'JS'
var doc = new PDFDocument(scriptArgs[0]);
if (doc.needsPassword()) doc.authenticatePassword("");
var widgets = doc.loadPage(0).getWidgets();
for (var i = 0; i < widgets.length; i++) {
  if (widgets[i].getFieldType() == "text") { widgets[i].setTextValue("1.000.000 VND"); widgets[i].update(); }
}
doc.save(scriptArgs[1], "incremental");
JS
mutool run "$WORK/add-field.js" pdf/unsigned-fields.pdf "$WORK/form.pdf"
for cipher in rc4-128 aes-128; do
  [[ $cipher == rc4-128 ]] && aes=n || aes=y
  qpdf --object-streams=generate --allow-weak-crypto --encrypt '' owner-kyso 128 --use-aes=$aes -- "$WORK/form.pdf" "$WORK/form-$cipher.pdf"
  faketime -f "$WHEN" pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 "$WORK/form-$cipher.pdf" "$WORK/form-$cipher-signed.pdf" 2>/dev/null
  faketime -f "$LATER" mutool run "$WORK/fill.js" "$WORK/form-$cipher-signed.pdf" "$OUT/filled-mutool-$cipher.pdf"
done

# Base for the attacks: no object streams, RC4 128-bit, signed by pdfsig.
qpdf --object-streams=disable --allow-weak-crypto --encrypt '' owner-kyso 128 --use-aes=n -- pdf/unsigned-fields.pdf "$WORK/plain-xref.pdf"
faketime -f "$WHEN" pdfsig -sign SigPerson -nssdir "sql:$NSS" -nick person -digest SHA256 -reason 'Ky duyet' \
  "$WORK/plain-xref.pdf" "$OUT/base-rc4-128-no-objstm.pdf" 2>/dev/null

python3 make-attacks-pdf-encrypted.py "$OUT"
echo "make-attacks-pdf-encrypted.sh: done"
