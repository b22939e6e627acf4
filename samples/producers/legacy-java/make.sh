#!/bin/sh
# Genuine signed PDFs from the legacy Java stacks much Vietnamese signing software of the 2010s
# was built on: iText 2.1.7 (com.lowagie, the ancestor of the iTextSharp 4 many signing plugins
# used) and Apache PDFBox 1.8 with BouncyCastle (Debian: default-jdk-headless libitext-java
# libpdfbox-java libcommons-logging-java libbcprov-java libbcpkix-java, plus openssl, qpdf,
# python3 and faketime; libpdfbox-java does not declare its commons-logging dependency).
# Every output is signed with the test PKI of samples/ca (leaf + intermediate carried, root =
# samples/pki); README.md beside this script says what kyso and the peer tools give for each.
#
# Debian's iText 2.1.7 is built against BouncyCastle 1.72, with which its PdfPKCS7 misreads
# every v3 certificate (README.md): itext-bc-compat.py patches a scratch copy of the jar back
# to what iText 2.1.7 did with its own BouncyCastle; one output is made with the unpatched jar.
# The programs in src/ follow the libraries' own examples and read the clock, so each runs
# under faketime in Vietnam time. Keys go to Java as PKCS#12 (made by openssl in a scratch
# folder, never committed). PDFBox's outputs rebuild byte for byte; iText's differ in the
# trailer /ID (iText mixes the free heap size into it) and nothing else.
# Run from anywhere: sh samples/producers/legacy-java/make.sh
set -eu
cd "$(dirname "$0")"
CA=$(cd ../../ca && pwd)
OUT=out/pdf
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
J=/usr/share/java
python3 itext-bc-compat.py "$J/itext.jar" "$WORK/itext-compat.jar"
LIBS="$J/bcprov.jar:$J/bcpkix.jar:$J/bcutil.jar:$J/pdfbox.jar:$J/fontbox.jar:$J/commons-logging.jar"
# Keys and Args are the Java producers' own (../java/src): the same PKCS#12 loading and arguments.
javac -nowarn -d "$WORK/classes" -cp "$WORK/itext-compat.jar:$LIBS" src/*.java ../java/src/Keys.java ../java/src/Args.java

for who in person organization; do
  openssl pkcs12 -export -inkey "$CA/$who.key" -in "$CA/$who.pem" -certfile "$CA/intermediate.pem" \
    -name "$who" -passout pass:kyso -out "$WORK/$who.p12"
done

# run TIME CLASS ARGS…: one Java program at a frozen Vietnam-time clock (iText patched as above).
run() {
  when=$1; shift
  TZ=Asia/Ho_Chi_Minh faketime -f "$when" java -cp "$WORK/classes:$WORK/itext-compat.jar:$LIBS" "$@" 2>/dev/null
}
key() { echo "p12=$WORK/$1.p12 pass=kyso"; }

rm -rf out
mkdir -p "$OUT"
B="$WORK/base.pdf"
run '2025-11-20 08:30:00' ItextMakeBase "$B"
run '2025-11-20 08:30:00' MakeSeal "$WORK/seal.png"
run '2025-11-20 08:30:00' MakeSeal "$WORK/seal.jpg"
# The same document with object streams and a cross-reference stream, as a PDF 1.5+ saver writes it.
qpdf --object-streams=generate --deterministic-id "$B" "$WORK/base-objstm.pdf"
SEAL_TEXT='UBND TINH THU NGHIEM|Ky ngay 20.11.2025 10:15 +07:00'

# --- iText 2.1.7 -----------------------------------------------------------------------------
# The "external hash" recipe the signing plugins copied: adbe.pkcs7.detached, signed attributes.
run '2025-11-20 09:00:00' ItextSign "$B" "$OUT/itext-detached-sha256.pdf" $(key person)
run '2025-11-20 09:00:00' ItextSign "$B" "$OUT/itext-detached-sha1.pdf" $(key person) hash=SHA1
# setCrypto with the private key: iText builds the signature itself, with its own digest choice.
run '2025-11-20 09:00:00' ItextSign "$B" "$OUT/itext-pkcs7-sha1.pdf" $(key person) mode=wincer
run '2025-11-20 09:00:00' ItextSign "$B" "$OUT/itext-verisign-md5.pdf" $(key person) mode=verisign
run '2025-11-20 09:00:00' ItextSign "$B" "$OUT/itext-x509-rsa-sha1.pdf" $(key person) mode=self

# Decree 30 order: the person signs (invisible), then the agency signs its prepared field on the
# last page with the seal image and text; and a visible agency signature in a new field on page 1.
run '2025-11-20 09:00:00' ItextSign "$B" "$WORK/itext-person.pdf" $(key person)
run '2025-11-20 10:15:00' ItextSign "$WORK/itext-person.pdf" "$OUT/itext-person-then-seal.pdf" $(key organization) \
  field=ChuKyCoQuan image="$WORK/seal.png" text="$SEAL_TEXT"
run '2025-11-20 10:15:00' ItextSign "$B" "$OUT/itext-visible-page1.pdf" $(key organization) \
  rect=1,330,640,530,700 text="$SEAL_TEXT"

# Certification: P=2, the clerk fills SoDen (PdfStamper append), the agency signs its field;
# P=1, then the same fill, which P=1 forbids.
run '2025-11-20 09:00:00' ItextSign "$B" "$WORK/itext-certified-2.pdf" $(key person) certify=2
run '2025-11-20 09:30:00' ItextFill "$WORK/itext-certified-2.pdf" "$WORK/itext-certified-2-filled.pdf" SoDen 'Den so 125'
run '2025-11-20 10:15:00' ItextSign "$WORK/itext-certified-2-filled.pdf" "$OUT/itext-certified-p2-filled-signed.pdf" $(key organization) \
  field=ChuKyCoQuan image="$WORK/seal.png" text="$SEAL_TEXT"
run '2025-11-20 09:00:00' ItextSign "$B" "$WORK/itext-certified-1.pdf" $(key person) certify=1
run '2025-11-20 09:30:00' ItextFill "$WORK/itext-certified-1.pdf" "$OUT/itext-certified-p1-filled.pdf" SoDen 'Den so 126'

# Appending to a file with object streams and a cross-reference stream.
run '2025-11-20 09:00:00' ItextSign "$WORK/base-objstm.pdf" "$OUT/itext-objstm.pdf" $(key person)

# createSignature without append: the second signature rewrites the whole file, so the first
# one's bytes are gone (a real mistake of plugins that forgot the append flag).
run '2025-11-20 10:15:00' ItextSign "$WORK/itext-person.pdf" "$OUT/itext-full-rewrite.pdf" $(key organization) append=0

# Another producer's signature first: samples/pdf/person-signed.pdf (pdfsig/NSS), then the
# agency signs its empty SigOrganization field with iText in append mode.
run '2025-11-20 10:15:00' ItextSign ../../pdf/person-signed.pdf "$OUT/itext-after-pdfsig.pdf" $(key organization) field=SigOrganization

# Debian's jar as shipped (no patch): its SignerInfo names the signature AlgorithmIdentifier as
# the issuer (README.md).
TZ=Asia/Ho_Chi_Minh faketime -f '2025-11-20 09:00:00' java -cp "$WORK/classes:$J/itext.jar:$LIBS" \
  ItextSign "$B" "$OUT/itext-debian-unpatched.pdf" $(key person) 2>/dev/null

# --- PDFBox 1.8 + BouncyCastle ---------------------------------------------------------------
run '2025-11-20 09:00:00' Pdfbox18Sign "$B" "$OUT/pdfbox18-detached.pdf" $(key person) name='Nguyen Van An'
run '2025-11-20 10:15:00' Pdfbox18Sign "$OUT/pdfbox18-detached.pdf" "$OUT/pdfbox18-two-signers-visible.pdf" $(key organization) \
  name='UBND Tinh Thu Nghiem' image="$WORK/seal.jpg" page=2 xy=330,120
run '2025-11-20 10:15:00' Pdfbox18Sign ../../pdf/person-signed.pdf "$OUT/pdfbox18-after-pdfsig.pdf" $(key organization) \
  name='UBND Tinh Thu Nghiem' field=SigOrganization
run '2025-11-20 09:00:00' Pdfbox18Sign "$WORK/base-objstm.pdf" "$OUT/pdfbox18-objstm.pdf" $(key person) name='Nguyen Van An'
# iText appending to PDFBox 1.8's output: the agency's seal into the prepared field.
run '2025-11-20 10:15:00' ItextSign "$OUT/pdfbox18-detached.pdf" "$OUT/pdfbox18-then-itext-seal.pdf" $(key organization) \
  field=ChuKyCoQuan image="$WORK/seal.png" text="$SEAL_TEXT"
