#!/usr/bin/env bash
# Builds genuine PDFs signed by iText 5 (Debian's libitext5-java 5.5.13.3 over BouncyCastle 1.72),
# the library inside most Vietnamese PDF signers (VGCA signer, VNPT-CA / Viettel-CA tools, as
# iTextSharp 5 in .NET or iText 5 in Java). The keys are the kyso test PKI's (samples/ca),
# converted to PKCS#12 with openssl; times are fixed with faketime and /M.
#
# Needs: default-jdk-headless libitext5-java libbcprov-java libbcpkix-java libbcutil-java
#        fonts-dejavu-core faketime qpdf openssl python3
# Not byte-identical across runs: iText derives the file /ID from the clock and the JVM's free
# memory, and ECDSA signatures are randomised. The verdicts do not change.
#
# Usage: samples/producers/itext5/make.sh   (from anywhere; rewrites out/)
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
umask 022
HERE=$PWD
S=$(cd ../.. && pwd)            # samples/
J=/usr/share/java
CP="$J/itext5.jar:$J/bcprov.jar:$J/bcpkix.jar:$J/bcutil.jar"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
LIBFAKETIME=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
for f in "$J/itext5.jar" "$J/bcprov.jar" "$J/bcpkix.jar" "$J/bcutil.jar" "$FONT" "$LIBFAKETIME"; do
  [ -f "$f" ] || { echo "make.sh: $f is required" >&2; exit 3; }
done
for tool in javac java faketime qpdf openssl python3; do
  command -v "$tool" >/dev/null || { echo "make.sh: $tool is required" >&2; exit 3; }
done

WORK=$(mktemp -d)
TSA_PID=
stop_tsa() { kill "$TSA_PID" 2>/dev/null || true; wait "$TSA_PID" 2>/dev/null || true; TSA_PID=; }
cleanup() { [ -n "$TSA_PID" ] && stop_tsa; rm -rf "$WORK"; }
trap cleanup EXIT

javac -nowarn -encoding UTF-8 -cp "$CP" -d "$WORK/classes" src/*.java
CP="$WORK/classes:$CP"

for k in person organization ecdsa-p256; do
  openssl pkcs12 -export -inkey "$S/ca/$k.key" -in "$S/ca/$k.pem" -certfile "$S/ca/intermediate.pem" \
    -name "$k" -passout pass:kyso -out "$WORK/$k.p12"
done

# at TIME cmd...: frozen clock (UTC).
at() { local when=$1; shift; faketime -f "$when" "$@"; }
# sign TIME IN OUT key=value...: iText's PdfStamper.createSignature + MakeSignature.signDetached.
sign() {
  local when=$1 in=$2 out=$3; shift 3
  at "$when" java -cp "$CP" Sign in="$in" out="$out" time="${when/ /T}Z" font="$FONT" "$@"
}

rm -rf out
mkdir -p out
T0='2025-03-01 08:00:00'

# Bases: one written by iText itself (classic xref table), one rewritten by qpdf with object
# streams and a cross-reference stream (as Word/LibreOffice PDF/A exports often are).
at "$T0" java -cp "$CP" MakeBase "$WORK/base.pdf" "$FONT"
qpdf --object-streams=generate --deterministic-id "$WORK/base.pdf" "$WORK/base-objstm.pdf"

V_TEXT=$'Ký bởi: Nguyễn Văn An\nCơ quan: UBND Tỉnh Thử Nghiệm\nNgày ký: 01/03/2025 16:00\nLý do: Phê duyệt văn bản'
O_TEXT=$'Ký bởi: UBND Tỉnh Thử Nghiệm\nNgày ký: 01/03/2025 16:30\nChứng thực văn bản'

sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/cms-sha256-invisible.pdf p12="$WORK/person.p12" std=CMS
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/cades-sha256-visible.pdf p12="$WORK/person.p12" std=CADES \
  visible=true field=ChuKyCaNhan text="$V_TEXT"
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/cms-sha1.pdf p12="$WORK/person.p12" std=CMS digest=SHA-1
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/cms-ecdsa-p256.pdf p12="$WORK/ecdsa-p256.p12" std=CMS \
  visible=true field=ChuKyEcdsa text=$'Ký bởi: Trần Thị Bình\nNgày ký: 01/03/2025'
# The CRL and OCSP response the tool fetched, inside the CMS (adbe-revocationInfoArchival).
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/cms-revocation-embedded.pdf p12="$WORK/person.p12" std=CMS \
  crl="$S/ca/intermediate.crl" ocsp="$S/ca/ocsp-person-good.ocsp"
# The pre-5.3 container: adbe.pkcs7.sha1 (SHA-1 digest of the byte range encapsulated).
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/adbe-pkcs7-sha1.pdf p12="$WORK/person.p12" mode=sha1
# Remote signing: blank container, then the CMS inserted by signDeferred.
sign '2025-03-01 09:00:00' "$WORK/base.pdf" out/deferred-signed.pdf p12="$WORK/person.p12" std=CADES \
  mode=deferred field=ChuKySo

# Two approval signatures in sequence (append mode), a person then the organisation.
sign '2025-03-01 09:00:00' "$WORK/base.pdf" "$WORK/first.pdf" p12="$WORK/person.p12" std=CADES \
  visible=true field=ChuKyCaNhan text="$V_TEXT"
sign '2025-03-01 09:30:00' "$WORK/first.pdf" out/two-signatures.pdf p12="$WORK/organization.p12" std=CADES \
  visible=true field=ChuKyToChuc rect=40,60,270,150 text="$O_TEXT"

# A form: certified (P=2, form filling) by the organisation, its fields filled by iText
# (AcroFields.setField, append mode), then an approval by a person; and the same flow with an
# approval signature (no DocMDP) first.
at "$T0" java -cp "$CP" MakeBase "$WORK/form.pdf" "$FONT" form
sign '2025-03-01 09:00:00' "$WORK/form.pdf" "$WORK/form-certified.pdf" p12="$WORK/organization.p12" std=CADES \
  certify=form-filling visible=true field=ChuKyToChuc rect=40,60,270,150 text="$O_TEXT"
at '2025-03-01 09:20:00' java -cp "$CP" FillForm "$WORK/form-certified.pdf" "$WORK/form-filled.pdf" "$FONT" \
  'HoTen=Nguyễn Văn An' 'SoCCCD=001090012345'
sign '2025-03-01 09:30:00' "$WORK/form-filled.pdf" out/certified-p2-filled-then-approved.pdf p12="$WORK/person.p12" \
  std=CADES visible=true field=ChuKyCaNhan text="$V_TEXT"
sign '2025-03-01 09:00:00' "$WORK/form.pdf" "$WORK/form-approved.pdf" p12="$WORK/organization.p12" std=CADES \
  visible=true field=ChuKyToChuc rect=40,60,270,150 text="$O_TEXT"
at '2025-03-01 09:20:00' java -cp "$CP" FillForm "$WORK/form-approved.pdf" "$WORK/form-approved-filled.pdf" "$FONT" \
  'HoTen=Nguyễn Văn An' 'SoCCCD=001090012345'
sign '2025-03-01 09:30:00' "$WORK/form-approved-filled.pdf" out/approved-filled-then-approved.pdf \
  p12="$WORK/person.p12" std=CADES visible=true field=ChuKyCaNhan text="$V_TEXT"
# The same form with an invisible approval signature that locks every field
# (PdfSigLockDictionary: FieldMDP /All, P=2), then a visible approval: iText merges the new
# appearance's /FRM XObject into the AcroForm /DR.
sign '2025-03-01 09:00:00' "$WORK/form.pdf" "$WORK/form-locked.pdf" p12="$WORK/organization.p12" std=CADES \
  lock=all field=ChuKyKhoa
sign '2025-03-01 09:30:00' "$WORK/form-locked.pdf" out/locked-then-approved.pdf p12="$WORK/person.p12" \
  std=CADES visible=true field=ChuKyCaNhan text="$V_TEXT"

# The base with object streams and an xref stream, signed in append mode; and signed without
# append mode (iText rewrites the whole file, with a classic xref table).
sign '2025-03-01 09:00:00' "$WORK/base-objstm.pdf" out/objstm-base-signed.pdf p12="$WORK/person.p12" std=CADES \
  visible=true field=ChuKyCaNhan text="$V_TEXT"
sign '2025-03-01 09:00:00' "$WORK/base-objstm.pdf" out/rewritten-signed.pdf p12="$WORK/person.p12" std=CMS \
  append=false

# A base laid out as LibreOffice writes it (/MediaBox and /Resources on the /Pages node, inherited
# by the pages), signed by a person on page 1, then by the organisation on page 2 (the last
# page): iText copies the inherited attributes into page 2 when it adds the widget there.
python3 make-inherited-base.py "$WORK/inherited.pdf"
sign '2025-03-01 09:00:00' "$WORK/inherited.pdf" "$WORK/inherited-first.pdf" p12="$WORK/person.p12" std=CADES \
  visible=true field=ChuKyCaNhan page=1 text="$V_TEXT"
sign '2025-03-01 09:30:00' "$WORK/inherited-first.pdf" out/inherited-attributes-two-pages.pdf \
  p12="$WORK/organization.p12" std=CADES visible=true field=ChuKyToChuc page=2 rect=40,60,270,150 text="$O_TEXT"

# An owner-password-only AES-128 base (opened with PdfReader.unethicalreading, as the VN tools
# do), signed in append mode: iText encrypts the new objects, not the /Contents string.
qpdf --encrypt '' owner-kyso 128 --use-aes=y -- "$WORK/base.pdf" "$WORK/base-aes128.pdf"
sign '2025-03-01 09:00:00' "$WORK/base-aes128.pdf" out/encrypted-aes128-signed.pdf p12="$WORK/person.p12" \
  std=CADES unethical=true visible=true field=ChuKyCaNhan text="$V_TEXT"

# Signing into the empty signature field an author placed ("ô ký"), on a document pdfsig (NSS)
# already signed in its other field.
sign '2025-03-01 10:00:00' "$S/pdf/person-signed.pdf" out/after-pdfsig-signed.pdf p12="$WORK/organization.p12" \
  std=CADES existing=true field=SigOrganization font="$FONT" text="$O_TEXT"

# PAdES with LTV from iText alone: an RFC 3161 signature timestamp fetched by iText's
# TSAClientBouncyCastle from a loopback TSA (openssl ts -reply with the test TSA key), the DSS
# from LtvVerification, then a document timestamp (LtvTimestamp).
sed -e "s#^serial = .*#serial = $WORK/tsa.serial#" -e "s#= ca/#= $S/ca/#" "$S/ca/tsa/tsa.cnf" > "$WORK/tsa.cnf"
echo 51 > "$WORK/tsa.serial"
PORT=18391
tsa_at() {
  # libfaketime preloaded by hand, not through faketime(1), so that $! is the server itself
  # (faketime does not pass SIGTERM on to its child).
  LD_PRELOAD=$LIBFAKETIME FAKETIME="$1" python3 tsa-server.py "$PORT" "$WORK/tsa.cnf" &
  TSA_PID=$!
  for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT)).close()" 2>/dev/null && return
    sleep 0.1
  done
  echo "make.sh: the loopback TSA did not start" >&2; exit 1
}
tsa_at '2025-03-01 09:00:05'
sign '2025-03-01 09:00:00' "$WORK/base.pdf" "$WORK/timestamped.pdf" p12="$WORK/person.p12" std=CADES \
  tsa="http://127.0.0.1:$PORT/tsa"
stop_tsa
at '2025-03-02 08:00:00' java -cp "$CP" AddLtv "$WORK/timestamped.pdf" "$WORK/timestamped-ltv.pdf" \
  "$S/ca/intermediate.crl" "$S/ca/root.crl"
tsa_at '2025-03-02 08:00:05'
at '2025-03-02 08:00:00' java -cp "$CP" DocTimestamp "$WORK/timestamped-ltv.pdf" out/cades-t-ltv-lta.pdf \
  "http://127.0.0.1:$PORT/tsa" DauThoiGian
stop_tsa
# A certification with no changes allowed (P=1), then a document timestamp and a DSS: the
# changes PAdES (ETSI EN 319 142-1 §5.4) allows after P=1.
sign '2025-03-01 09:00:00' "$WORK/base.pdf" "$WORK/p1.pdf" p12="$WORK/organization.p12" std=CADES \
  certify=no-changes visible=true field=ChuKyToChuc rect=40,60,270,150 text="$O_TEXT"
tsa_at '2025-03-01 09:10:05'
at '2025-03-01 09:10:00' java -cp "$CP" DocTimestamp "$WORK/p1.pdf" "$WORK/p1-dts.pdf" \
  "http://127.0.0.1:$PORT/tsa" DauThoiGian
stop_tsa
at '2025-03-02 08:00:00' java -cp "$CP" AddLtv "$WORK/p1-dts.pdf" out/certified-p1-timestamp-dss.pdf \
  "$S/ca/intermediate.crl" "$S/ca/root.crl"

ls out
echo "make.sh: done"
