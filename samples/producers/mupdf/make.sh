#!/bin/sh
# Genuine documents signed by MuPDF 1.21 (Debian bookworm's mupdf-tools): `mutool sign`, which
# signs existing empty signature fields with a PKCS#12 through MuPDF's own incremental writer and
# its OpenSSL PKCS#7 signer, and `mutool run` with PDFWidget.sign, the call MuPDF's viewers use
# for a visible signature, and PDFWidget.setTextValue for a field filled after another signer.
# Then what MuPDF does to signed files besides signing: `mutool sign -c`
# clears a signature, `mutool clean` rewrites the whole file (both break earlier signatures).
# README.md beside this script says what kyso and the peer tools give for each output.
#
# Keys go to MuPDF as PKCS#12 (leaf + intermediate, made by openssl in a scratch folder, never
# committed); the bases are samples/pdf/unsigned-fields.pdf (two empty fields, SigPerson = 7 0 R,
# SigOrganization = 8 0 R), its qpdf object-stream rewrite, samples/pdf/person-signed.pdf and
# samples/pdf/encrypted-aes-256-unsigned.pdf. Clocks are frozen by faketime in Vietnam time.
# RSA outputs rebuild byte for byte; the ECDSA signatures differ per run.
# Needs: mupdf-tools, qpdf, openssl, faketime. Run from anywhere: sh samples/producers/mupdf/make.sh
set -eu
cd "$(dirname "$0")"
CA=$(cd ../../ca && pwd)
PDF=$(cd ../../pdf && pwd)
OUT=out
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for who in person organization ecdsa-p256; do
  openssl pkcs12 -export -inkey "$CA/$who.key" -in "$CA/$who.pem" -certfile "$CA/intermediate.pem" \
    -name "$who" -passout pass:kyso -out "$WORK/$who.p12"
done

# at TIME COMMAND…: MuPDF at a frozen Vietnam-time clock.
at() {
  when=$1; shift
  TZ=Asia/Ho_Chi_Minh faketime -f "$when" "$@" >/dev/null
}
# sign TIME IN OUT WHO FIELD-OBJECT: `mutool sign` of one empty field.
sign() {
  at "$1" mutool sign -s "$WORK/$4.p12" -P kyso -o "$3" "$2" "$5"
}

rm -rf "$OUT"
mkdir -p "$OUT"
B="$PDF/unsigned-fields.pdf"
qpdf --object-streams=generate --deterministic-id "$B" "$WORK/base-objstm.pdf"

sign '2025-11-20 09:00:00' "$B" "$OUT/person.pdf" person 7
# Decree 30 order: the person, then the agency into the second field, a second run of mutool.
sign '2025-11-20 10:15:00' "$OUT/person.pdf" "$OUT/two-signatures.pdf" organization 8
# ECDSA: mutool 1.21 sizes /Contents by a trial signature, and an ECDSA signature's DER length
# varies with its random r and s. When the real one comes out longer, mutool prints "signer
# provided no signature digest", leaves /Contents all zeros and still exits 0. Both outcomes are
# kept: signing is repeated until each has happened (pdfsig tells them apart).
ecdsa_until() {
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    sign '2025-11-20 09:00:00' "$B" "$2" ecdsa-p256 7 2>/dev/null
    if pdfsig -nocert "$2" 2>/dev/null | grep -q 'Signature is Valid'; then got=valid; else got=zeros; fi
    [ "$got" = "$1" ] && return 0
  done
  echo "no $1 ECDSA signature in 20 tries" >&2; exit 1
}
ecdsa_until valid "$OUT/ecdsa-p256.pdf"
ecdsa_until zeros "$OUT/ecdsa-p256-contents-left-empty.pdf"
# MuPDF's update after a cross-reference stream is itself a cross-reference stream.
sign '2025-11-20 09:00:00' "$WORK/base-objstm.pdf" "$OUT/objstm-signed.pdf" person 7
# Another producer's signature first (pdfsig/NSS), then the agency with MuPDF.
sign '2025-11-20 10:15:00' "$PDF/person-signed.pdf" "$OUT/pdfsig-then-mupdf.pdf" organization 8
# An AES-256 encrypted base (empty user password): MuPDF encrypts its update's strings, not /Contents.
sign '2025-11-20 09:00:00' "$PDF/encrypted-aes-256-unsigned.pdf" "$OUT/encrypted-signed.pdf" person 4
# The viewer's way: a visible appearance with reason and location.
at '2025-11-20 09:00:00' mutool run src/sign-visible.js "$B" "$OUT/visible.pdf" SigPerson "$WORK/person.p12" kyso \
  300,80,560,160 'Ky duyet' 'Ha Noi'

# A clerk fills the arrival number in a MuPDF-based viewer after the person signed with PDFBox
# (../java/out/pdf/adbe-sha256.pdf, an approval signature): form filling.
at '2025-11-20 09:30:00' mutool run src/fill-field.js ../java/out/pdf/adbe-sha256.pdf "$OUT/pdfbox-then-mupdf-fill.pdf" SoDen 'Den so 125'

# What else MuPDF does to a signed file. `mutool sign -c` clears the agency's signature in an
# incremental update (its /V removed, a blank appearance drawn): both signatures must fail.
at '2025-11-21 08:00:00' mutool sign -c -o "$OUT/cleared-second.pdf" "$OUT/two-signatures.pdf" 8
# `mutool clean` writes the file anew (objects renumbered or moved, one xref): every /ByteRange
# then points at other bytes. Plain, and with full garbage collection (-gggg). (-l, linearised,
# is left out: mutool 1.21 loops on these files until it runs out of memory.)
at '2025-11-21 08:00:00' mutool clean "$OUT/person.pdf" "$OUT/rewritten-clean.pdf"
at '2025-11-21 08:00:00' mutool clean -gggg "$OUT/two-signatures.pdf" "$OUT/rewritten-gggg.pdf"
