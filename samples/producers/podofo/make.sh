#!/bin/sh
# Genuine documents signed by PoDoFo 0.9.8 (Debian bookworm's libpodofo-utils): `podofosign`,
# which signs with OpenSSL's PKCS#7 (adbe.pkcs7.detached) in an incremental update, into an
# existing empty field or a new one (visible with -annot-position/-annot-text), with a chosen
# digest. Then what PoDoFo's other tools (podofogc, podofoxmp) and two Python libraries,
# pikepdf 6.0 (qpdf) and pypdf 3.4, do to a signed PDF: each writes the whole file anew.
# README.md beside this script says what kyso and the peer tools give for each output.
#
# Keys go to podofosign as PEM (leaf certificate and key of samples/ca; it reads one
# certificate only, so the intermediate is never carried). Bases: samples/pdf/unsigned-fields.pdf
# (empty fields SigPerson, SigOrganization), its qpdf object-stream rewrite,
# samples/pdf/person-signed.pdf and person-then-organization.pdf (pdfsig/NSS), and
# ../java/out/pdf/adbe-sha256.pdf (PDFBox, a text field SoDen). Clocks are frozen by faketime in
# Vietnam time; every output rebuilds byte for byte (RSA PKCS#1 v1.5 is deterministic) but
# podofoencrypt-rewritten.pdf (a fresh random key).
# Needs: libpodofo-utils, python3-pikepdf, python3-pypdf, qpdf, openssl, faketime.
# Run from anywhere: sh samples/producers/podofo/make.sh
set -eu
cd "$(dirname "$0")"
CA=$(cd ../../ca && pwd)
PDF=$(cd ../../pdf && pwd)
OUT=out
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# at TIME COMMAND…: a tool at a frozen Vietnam-time clock (its /M and CMS signingTime).
at() {
  when=$1; shift
  TZ=Asia/Ho_Chi_Minh faketime -f "$when" "$@" >/dev/null
}
# sign TIME IN OUT WHO ARGS…: podofosign with WHO's key and certificate.
sign() {
  when=$1 in=$2 out=$3 who=$4; shift 4
  at "$when" podofosign -in "$in" -out "$out" -cert "$CA/$who.pem" -pkey "$CA/$who.key" "$@"
}

rm -rf "$OUT"
mkdir -p "$OUT"
B="$PDF/unsigned-fields.pdf"

# Into the existing empty fields, Decree 30 order: the person, then the agency in a second run.
sign '2025-11-20 09:00:00' "$B" "$OUT/person.pdf" person -digest SHA256 -field-name SigPerson -field-use-existing
sign '2025-11-20 10:15:00' "$OUT/person.pdf" "$OUT/two-signatures.pdf" organization -digest SHA256 -field-name SigOrganization -field-use-existing
# Digests: podofosign's -digest names the second SignerInfo; the first always has OpenSSL's
# default, SHA-256 (the tool passes the key to PKCS7_sign, then adds the signer again).
sign '2025-11-20 09:00:00' "$B" "$OUT/sha384.pdf" person -digest SHA384 -field-name SigPerson -field-use-existing
sign '2025-11-20 09:00:00' "$B" "$OUT/sha512-default.pdf" person -field-name SigPerson -field-use-existing
sign '2025-11-20 09:00:00' "$B" "$OUT/sha1.pdf" person -digest SHA1 -field-name SigPerson -field-use-existing
# A new field with a visible, printable annotation (text drawn by PoDoFo in Helvetica).
sign '2025-11-20 09:00:00' "$B" "$OUT/new-field-visible.pdf" person -digest SHA256 -field-name KyBoSung \
  -annot-position 1,20,20,80,25 -annot-print -annot-font 4,000080,Helvetica \
  -annot-text 2,5,'Ky boi: Nguyen Van An' -annot-text 2,12,'Ngay ky: 20/11/2025'
# After PoDoFo's own first signature, the agency in a new visible field.
sign '2025-11-20 10:15:00' "$OUT/person.pdf" "$OUT/person-then-new-field.pdf" organization -digest SHA256 -field-name DongDau \
  -annot-position 1,110,20,70,25 -annot-print -annot-text 2,6,'UBND tinh'
# After another producer's signature (pdfsig/NSS), into its empty SigOrganization.
sign '2025-11-20 10:15:00' "$PDF/person-signed.pdf" "$OUT/pdfsig-then-podofo.pdf" organization -digest SHA256 -field-name SigOrganization -field-use-existing
# A base with three revisions (pdfsig's two signatures): a third signature, new visible field, SHA-384.
sign '2025-11-21 08:00:00' "$PDF/person-then-organization.pdf" "$OUT/third-signature.pdf" person -digest SHA384 -field-name XacNhan \
  -annot-position 1,20,250,70,20 -annot-print -annot-text 2,6,'Da xac nhan'
# An object-stream/xref-stream base: PoDoFo writes every object again with a plain xref table
# and no /Prev, which leaves the base's revision outside the chain.
qpdf --object-streams=generate --deterministic-id "$B" "$WORK/base-objstm.pdf"
sign '2025-11-20 09:00:00' "$WORK/base-objstm.pdf" "$OUT/objstm-signed.pdf" person -digest SHA256 -field-name SigPerson -field-use-existing
# The agency then signs that file: this update has a /Prev, to PoDoFo's first one only.
sign '2025-11-20 10:15:00' "$OUT/objstm-signed.pdf" "$OUT/objstm-then-second.pdf" organization -digest SHA256 -field-name SigOrganization -field-use-existing
# (An encrypted base is refused: "Cannot load encrypted documents for update", so none here.)

# A control made by openssl, not PoDoFo: person.pdf's /Contents replaced by `openssl cms -sign`
# over the same signed bytes with two different signers (person and organization). Both
# SignerInfos hold, but a PDF signature is one signer's: it must stay broken.
mkdir -p "$WORK/person"
python3 ../../pdf-extract-signatures.py "$OUT/person.pdf" "$WORK/person" >/dev/null
at '2025-11-20 09:00:00' openssl cms -sign -binary -nosmimecap -md sha256 -outform DER -in "$WORK/person/1.tbs" \
  -signer "$CA/person.pem" -inkey "$CA/person.key" -signer "$CA/organization.pem" -inkey "$CA/organization.key" \
  -out "$WORK/two-signers.der"
python3 src/replace-contents.py "$OUT/person.pdf" "$WORK/two-signers.der" "$OUT/openssl-two-signers-control.pdf"

# Whole-file rewrites of a signed PDF by PoDoFo's tools.
at '2025-11-21 08:00:00' podofogc "$OUT/person.pdf" "$OUT/podofogc-rewritten.pdf" 2>/dev/null
# AES-256 with an empty user password (--aesv3; PoDoFo's RC4 and AES-128 fail under OpenSSL 3):
# the rewrite also encrypts the signature's /Contents. A fresh random key per run.
at '2025-11-21 08:00:00' podofoencrypt --aesv3 -o owner "$OUT/person.pdf" "$OUT/podofoencrypt-rewritten.pdf"
at '2025-11-21 08:00:00' podofoxmp "$OUT/person.pdf" src/title.xmp "$OUT/podofoxmp-rewritten.pdf" 2>/dev/null
# pikepdf and pypdf (system Python: Debian's python3-pikepdf and python3-pypdf).
PY=/usr/bin/python3
at '2025-11-21 08:00:00' $PY src/pikepdf-edit.py "$PDF/person-signed.pdf" "$OUT/pikepdf-saved.pdf" save
at '2025-11-21 08:00:00' $PY src/pikepdf-edit.py "$PDF/person-signed.pdf" "$OUT/pikepdf-note.pdf" note
at '2025-11-21 08:00:00' $PY src/pikepdf-edit.py "$OUT/two-signatures.pdf" "$OUT/pikepdf-qdf.pdf" qdf
at '2025-11-21 08:00:00' $PY src/pypdf-edit.py "$PDF/person-signed.pdf" "$OUT/pypdf-saved.pdf" save
at '2025-11-21 08:00:00' $PY src/pypdf-edit.py ../java/out/pdf/adbe-sha256.pdf "$OUT/pypdf-filled.pdf" fill SoDen 'Den so 125'
