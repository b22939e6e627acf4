#!/bin/sh
# Genuine documents signed by LibreOffice 7.4 (Debian bookworm: libreoffice-core
# libreoffice-writer libreoffice-draw python3-uno, plus libnss3-tools, openssl, qpdf and faketime),
# driven headless through UNO by src/libreoffice.py, with its two PDF signers:
#   (a) the PDF export filter's own signature (FilterData SignPDF): Writer and Draw documents
#       exported signed, adbe.pkcs7.detached, in one pass with no incremental update;
#   (b) signing an existing PDF as File > Digital Signatures does for a PDF opened in Draw
#       (DocumentDigitalSignatures.signDocumentWithCertificate over the file's stream): an
#       incremental update from LibreOffice's own PDF writer (vcl::filter::PDFDocument),
#       ETSI.CAdES.detached, always in a new invisible field Signature1, Signature2, …
# README.md beside this script says what kyso and the peer tools give for each output.
#
# Certificates come from an NSS database made here (the PKCS#12 of samples/ca's person,
# organization and ecdsa-p256, each with the intermediate; the test root trusted), which
# LibreOffice finds through MOZILLA_CERTIFICATE_FOLDER. The office runs under faketime in
# Vietnam time; the timestamped export fetches its token over HTTP from the loopback TSA of
# samples/producers/itext5/tsa-server.py (openssl ts -reply with the test TSA key).
# A rebuild is byte-identical except the ECDSA signature and the timestamped export (the ECDSA
# random, the request's nonce).
# Run from anywhere: sh samples/producers/libreoffice/make.sh
set -eu
cd "$(dirname "$0")"
S=$(cd ../.. && pwd)
OUT=out
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LIBFAKETIME=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1

mkdir -p "$WORK/nss" "$WORK/profile"
certutil -N -d "sql:$WORK/nss" --empty-password
for who in person organization ecdsa-p256; do
  openssl pkcs12 -export -inkey "$S/ca/$who.key" -in "$S/ca/$who.pem" -certfile "$S/ca/intermediate.pem" \
    -name "$who" -passout pass:kyso -out "$WORK/$who.p12"
  pk12util -i "$WORK/$who.p12" -d "sql:$WORK/nss" -W kyso -K '' >/dev/null
done
certutil -A -d "sql:$WORK/nss" -n kyso-test-root -t "CT,C,C" -i "$S/pki/kyso-test-root.pem"

export MOZILLA_CERTIFICATE_FOLDER="sql:$WORK/nss" KYSO_PROFILE="$WORK/profile" TZ=Asia/Ho_Chi_Minh
# Monotonic clocks keep ticking under faketime, or the office waits for ever.
export FAKETIME_DONT_FAKE_MONOTONIC=1
# lo TIME ARGS…: one run of src/libreoffice.py, the office's clock frozen at TIME.
lo() {
  when=$1; shift
  KYSO_SIGNING_TIME="$when" /usr/bin/python3 src/libreoffice.py "$@"
}
# Signers by a part of their certificate's subject.
PERSON='Nguyễn Văn An'
AGENCY='UBND Tỉnh Thử Nghiệm'
ECDSA='Trần Thị Bình'

rm -rf "$OUT"
mkdir -p "$OUT"

# --- (a) the PDF export filter's signature ----------------------------------------------
lo '2025-11-20 09:00:00' export writer "$OUT/export-writer.pdf" "$PERSON"
lo '2025-11-20 09:00:00' export draw "$OUT/export-draw.pdf" "$AGENCY"
lo '2025-11-20 09:00:00' export writer "$OUT/export-ecdsa-p256.pdf" "$ECDSA"
# PDF/A-2b, as archives ask for.
lo '2025-11-20 09:00:00' export writer "$OUT/export-pdfa-2b.pdf" "$PERSON" SelectPdfVersion=2
# Permissions restricted (printing off) with an owner password: RC4 128-bit (R3), empty user password.
lo '2025-11-20 09:00:00' export writer "$OUT/export-permissions.pdf" "$PERSON" RestrictPermissions=true PermissionPassword=kyso Printing=0
# A signature timestamp from a TSA (the loopback TSA answers at 09:00:05).
sed -e "s#^serial = .*#serial = $WORK/tsa.serial#" -e "s#= ca/#= $S/ca/#" "$S/ca/tsa/tsa.cnf" > "$WORK/tsa.cnf"
echo 61 > "$WORK/tsa.serial"
PORT=18393
# libfaketime preloaded by hand, not through faketime(1), so that $! is the server itself.
LD_PRELOAD=$LIBFAKETIME FAKETIME='2025-11-20 09:00:05' python3 ../itext5/tsa-server.py "$PORT" "$WORK/tsa.cnf" &
TSA_PID=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT)).close()" 2>/dev/null && break
  sleep 0.1
done
lo '2025-11-20 09:00:00' export writer "$OUT/export-timestamped.pdf" "$PERSON" SignatureTSA="http://127.0.0.1:$PORT/tsa"
kill "$TSA_PID"

# --- (b) an existing PDF signed, LibreOffice's incremental writer ------------------------
lo '2025-11-20 09:00:00' sign "$S/pdf/unsigned-fields.pdf" "$OUT/sign-existing.pdf" "$PERSON"
# Decree 30 order: the agency signs the person's document in a second run (Signature2).
lo '2025-11-20 10:15:00' sign "$OUT/sign-existing.pdf" "$OUT/sign-existing-twice.pdf" "$AGENCY"
qpdf --object-streams=generate --deterministic-id "$S/pdf/unsigned-fields.pdf" "$WORK/base-objstm.pdf"
# The same lost page on the qpdf rewrite (object streams, an xref stream) of the base.
lo '2025-11-20 09:00:00' sign "$WORK/base-objstm.pdf" "$OUT/sign-existing-objstm.pdf" "$PERSON"
# The agency countersigns what others signed: LibreOffice's own export, pdfsig (NSS), MuPDF.
lo '2025-11-20 10:15:00' sign "$OUT/export-writer.pdf" "$OUT/export-then-sign.pdf" "$AGENCY"
lo '2025-11-20 10:15:00' sign "$S/pdf/person-signed.pdf" "$OUT/pdfsig-then-libreoffice.pdf" "$AGENCY"
lo '2025-11-20 10:15:00' sign ../mupdf/out/person.pdf "$OUT/mupdf-then-libreoffice.pdf" "$AGENCY"
# PDFBox's signature on a base with object streams: LibreOffice rewrites the page (to list its
# widget) but writes it into its xref stream as a compressed object of an object stream that
# does not exist, so the page is lost for every reader after the agency signs.
lo '2025-11-20 10:15:00' sign ../java/out/pdf/objstm-signed.pdf "$OUT/pdfbox-objstm-then-libreoffice.pdf" "$AGENCY"
# Two more documents LibreOffice's update breaks (make.sh keeps them as they come out):
# iText 5's signature on an object-stream base (the catalog lost for other readers too), and
# @signpdf's plain-placeholder signature, whose objects 7, 8 and 9 LibreOffice numbers its own
# new signature dictionary, appearance and widget with (then writes the AcroForm as 9 again).
lo '2025-11-20 10:15:00' sign ../itext5/out/objstm-base-signed.pdf "$OUT/itext5-objstm-then-libreoffice.pdf" "$AGENCY"
lo '2025-11-20 10:15:00' sign ../node/out/signpdf-plain-person.pdf "$OUT/signpdf-then-libreoffice.pdf" "$AGENCY"
# A certification that allows no change (DocMDP P=1), then LibreOffice's signature: the
# certification must fail.
lo '2025-11-20 10:15:00' sign "$S/pdf/certified-p1.pdf" "$OUT/certified-p1-then-libreoffice.pdf" "$AGENCY"
# An AES-256 encrypted base (empty user password): LibreOffice's update leaves /Encrypt out of
# its trailer, so every reader then takes the file as not encrypted.
lo '2025-11-20 09:00:00' sign "$S/pdf/encrypted-aes-256-unsigned.pdf" "$OUT/encrypted-signed.pdf" "$PERSON"
ls "$OUT"
