#!/usr/bin/env bash
# Genuine signed PDFs that differ only in file structure (samples/pdf/variety/, README.md "PDF in
# every structural form"). Each base is samples/pdf/unsigned-fields.pdf rewritten by another
# writer (qpdf, mutool clean, pdftocairo, Ghostscript pdfwrite) or laid out anew by
# pdf-variety-layout.py (line ends, junk around the file, generations, a hybrid-reference file);
# poppler's pdfsig then signs it once (SigPerson) and again as an incremental update
# (SigOrganization). A few signed files then get an incremental update by mutool (mupdf's own
# incremental save). Run from samples/ (make.sh calls it after its PDF stage); it needs the test
# PKI in ca/ and pdf/unsigned-fields.pdf, and builds its own NSS database.
#
# pdfsig 22.12 signs with SHA-256 whatever -digest says (it prints "Signing Hash Algorithm:
# SHA-256" for -digest SHA1/SHA512), so every signature here is SHA-256.
#
# Every file differs from every other (qpdf --coalesce-contents/--normalize-content and mutool clean
# -gggg leave this base as the plain rewrite does, so they are not here).
#
# Byte-identical on rebuild: every tool runs under faketime and qpdf writes --deterministic-id.
set -euo pipefail
cd "$(dirname "$0")"
for tool in qpdf pdfsig certutil pk12util openssl faketime python3 mutool gs pdftocairo; do
  command -v "$tool" >/dev/null || { echo "make-pdf-variety.sh: $tool is required (apt-get install ghostscript mupdf-tools poppler-utils qpdf)" >&2; exit 1; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC
WHEN='2025-03-01 09:00:00'
WHEN2='2025-03-01 10:00:00'
WHEN3='2025-03-01 11:00:00'
OUT=pdf/variety
BASE=pdf/unsigned-fields.pdf
rm -rf "$OUT"
mkdir -p "$OUT"

NSS="$WORK/nss"
mkdir -p "$NSS"
certutil -N -d "sql:$NSS" --empty-password
for who in person organization; do
  openssl pkcs12 -export -in "ca/$who.pem" -inkey "ca/$who.key" -name "$who" -passout pass: -out "$WORK/$who.p12"
  pk12util -i "$WORK/$who.p12" -d "sql:$NSS" -W '' >/dev/null
done
certutil -A -d "sql:$NSS" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$NSS" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem

# pdfsign IN OUT FIELD NICK TIME DIGEST: pdfsig signs an existing empty field, and must then say
# the new signature is valid (a base pdfsig cannot read makes no genuine sample).
pdfsign() {
  local in=$1 out=$2 field=$3 nick=$4 when=$5 digest=$6
  # poppler hashes the input's path into the new /ID: sign a fixed name in the work folder.
  cp "$in" "$WORK/to-sign.pdf"
  (cd "$WORK" && faketime -f "$when" pdfsig -sign "$field" -nssdir "sql:$NSS" -nick "$nick" -digest "$digest" \
    to-sign.pdf signed.pdf) 2>"$WORK/pdfsig.err" || { cat "$WORK/pdfsig.err" >&2; exit 1; }
  mv "$WORK/signed.pdf" "$out"
  [[ -s $out ]] || { echo "pdfsig wrote nothing for $out" >&2; exit 1; }
  pdfsig -nocert "$out" > "$WORK/pdfsig.out" 2>&1 || true
  local valid
  valid=$(grep -c 'Signature is Valid' "$WORK/pdfsig.out" || true)
  local count
  count=$(grep -c 'Signature Validation:' "$WORK/pdfsig.out" || true)
  [[ $valid == "$count" && $count -ge 1 ]] || { echo "pdfsig does not find $out valid:" >&2; cat "$WORK/pdfsig.out" >&2; exit 1; }
}

# variant NAME BASE_FILE: NAME-signed.pdf (SigPerson, SHA-256) and NAME-signed-twice.pdf (+ SigOrganization).
variant() {
  local name=$1 base=$2
  pdfsign "$base" "$OUT/$name-signed.pdf" SigPerson person "$WHEN" SHA256
  pdfsign "$OUT/$name-signed.pdf" "$OUT/$name-signed-twice.pdf" SigOrganization organization "$WHEN2" SHA256
}

# addfields IN OUT: writers that drop the form (pdftocairo, pdfwrite) get the two empty signature
# fields back through qpdf's JSON update (pdf-variety-fields.py only writes the JSON qpdf applies).
addfields() {
  qpdf --json=2 --json-key=pages --json-key=qpdf "$1" > "$WORK/fields.in.json"
  python3 pdf-variety-fields.py "$WORK/fields.in.json" "$WORK/fields.json"
  qpdf --deterministic-id "$1" --update-from-json="$WORK/fields.json" "$2"
}

# qpdf rewrites.
qv() { local name=$1; shift; qpdf --deterministic-id "$@" "$BASE" "$WORK/$name.pdf"; variant "$name" "$WORK/$name.pdf"; }
qv qpdf-rewrite --object-streams=disable
qv qpdf-object-streams --object-streams=generate
qv qpdf-linearized --linearize
qv qpdf-linearized-object-streams --linearize --object-streams=generate
qv qpdf-qdf --qdf
qv qpdf-uncompressed --stream-data=uncompress --compress-streams=n
qv qpdf-newline-before-endstream --newline-before-endstream --compress-streams=n
qv qpdf-pdf-1.3 --force-version=1.3
qv qpdf-pdf-2.0 --force-version=2.0 --object-streams=generate

# mutool clean (mupdf's writer).
mv_() { local name=$1; shift; faketime -f "$WHEN" mutool clean "$@" "$BASE" "$WORK/$name.pdf" >/dev/null; variant "$name" "$WORK/$name.pdf"; }
mv_ mutool-clean
mv_ mutool-compressed -z
mv_ mutool-ascii-hex -a -z
mv_ mutool-linearized -l -gg

# Other writers: cairo (pdftocairo -pdf) and Ghostscript's pdfwrite drop the form; qpdf adds it back.
faketime -f "$WHEN" pdftocairo -pdf "$BASE" "$WORK/cairo.pdf"
addfields "$WORK/cairo.pdf" "$WORK/pdftocairo.pdf"
variant pdftocairo "$WORK/pdftocairo.pdf"
# Ghostscript hashes the output path into /ID: write a fixed name in the work folder.
cp "$BASE" "$WORK/gs-in.pdf"
(cd "$WORK" && faketime -f "$WHEN" gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile=gs.pdf gs-in.pdf)
addfields "$WORK/gs.pdf" "$WORK/ghostscript.pdf"
variant ghostscript "$WORK/ghostscript.pdf"

# Byte layouts no tool here writes on request. With leading junk (offsets counted from the start
# of the file), pdfsig copies the file from its %PDF- header on, so the signed file loses the junk
# and its first revision's offsets are 1000 bytes off (poppler rebuilds them); junk put before a
# signed file would move every /ByteRange offset (pdfsig then says "Digest Mismatch").
for layout in crlf cr trailing-junk generations hybrid startxref-off leading-junk; do
  python3 pdf-variety-layout.py "$layout" "$BASE" "$WORK/$layout.pdf"
  variant "layout-$layout" "$WORK/$layout.pdf"
done
# mupdf's writer keeps generation numbers above 0 (qpdf renumbers every object to generation 0).
faketime -f "$WHEN" mutool clean "$WORK/generations.pdf" "$WORK/mutool-generations.pdf" >/dev/null
variant mutool-generations "$WORK/mutool-generations.pdf"
# Leading junk kept: pdf-incremental.py writes the signature dictionary (its /ByteRange counts from
# the first byte of the file, junk included) and openssl signs, as in make.sh's certified samples.
python3 pdf-incremental.py prepare "$WORK/leading-junk.pdf" "$OUT/layout-leading-junk-kept-signed.pdf" "$WORK/junk.tbs" \
  --field SigPerson --time "$WHEN" --name 'Nguyen Van An'
faketime -f "$WHEN" openssl cms -sign -binary -outform DER -in "$WORK/junk.tbs" -signer ca/person.pem -inkey ca/person.key \
  -certfile ca/intermediate.pem -out "$WORK/junk.p7s"
python3 pdf-incremental.py embed "$OUT/layout-leading-junk-kept-signed.pdf" "$WORK/junk.p7s"
pdfsig -nocert "$OUT/layout-leading-junk-kept-signed.pdf" 2>/dev/null | grep -q 'Signature is Valid' \
  || { echo "pdfsig does not find layout-leading-junk-kept-signed.pdf valid" >&2; exit 1; }

# After signing: bytes a server or portal appends after the last %%EOF (white space and NULs; a
# repeated %%EOF comment), which no reader takes as part of the document.
{ cat "$OUT/qpdf-object-streams-signed.pdf"; printf '\r\n\000\000\000   \n'; } > "$OUT/qpdf-object-streams-signed-then-padded.pdf"
{ cat "$OUT/layout-crlf-signed-twice.pdf"; printf '\r\n%%%%EOF\r\n'; } > "$OUT/layout-crlf-signed-twice-then-eof-comment.pdf"

# After signing: incremental updates by mupdf (mutool run, PDFDocument.save "incremental").
cat > "$WORK/info.js" <<'JS'
// A new document information dictionary naming the producer, as an archive stamps a file.
var doc = new PDFDocument(scriptArgs[0]);
var info = doc.addObject(doc.newDictionary());
info.put("Producer", doc.newString("mutool incremental"));
doc.getTrailer().put("Info", info);
doc.save(scriptArgs[1], "incremental");
JS
cat > "$WORK/note.js" <<'JS'
// A sticky note (Text annotation with its popup and appearance) on page 1.
var doc = new PDFDocument(scriptArgs[0]);
var note = doc.loadPage(0).createAnnotation("Text");
note.setRect([500, 780, 520, 800]);
note.setContents("Da nhan ban goc");
note.update();
doc.save(scriptArgs[1], "incremental");
JS
# mupdfupdate SCRIPT IN OUT [TIME]: run from the work folder on a fixed name, as pdfsign does.
mupdfupdate() {
  cp "$2" "$WORK/to-update.pdf"
  (cd "$WORK" && faketime -f "${4:-$WHEN3}" mutool run "$1" to-update.pdf updated.pdf)
  mv "$WORK/updated.pdf" "$3"
}
for name in qpdf-rewrite-signed qpdf-object-streams-signed-twice pdftocairo-signed; do
  mupdfupdate "$WORK/info.js" "$OUT/$name.pdf" "$OUT/$name-then-mutool-info.pdf"
done
mupdfupdate "$WORK/note.js" "$OUT/qpdf-rewrite-signed.pdf" "$OUT/qpdf-rewrite-signed-then-mutool-note.pdf"

# Before signing: a base that already has an incremental update, itself a cross-reference stream
# (mupdf's save of the object-stream base with a new /Info), as a document system stamps a file.
mupdfupdate "$WORK/info.js" "$WORK/qpdf-object-streams.pdf" "$WORK/mutool-updated-object-streams.pdf" "$WHEN"
variant mutool-updated-object-streams "$WORK/mutool-updated-object-streams.pdf"

echo "make-pdf-variety.sh: PDF structure variety done"
