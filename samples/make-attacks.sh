#!/bin/sh
# Red-team inputs that are committed beside the tests that use them (not part of make.sh,
# which wipes the sample folders: these are kept in test/fixtures/attacks/). They derive
# from the deterministic test keys and a frozen clock; the CMS files rebuild byte for byte,
# the PDF differs only in the random half of the /ID pdfsig writes.
# Needs python3 with the `cryptography` package, poppler's pdfsig, NSS's certutil and
# pk12util, openssl and faketime.
set -eu
cd "$(dirname "$0")"
python3 make-attacks-cms.py ../test/fixtures/attacks/cms
python3 make-attacks-einvoice.py ../test/fixtures/attacks/einvoice
sh make-attacks-fixcms.sh

# A PDF whose first revision lists every object one byte past where it starts (a writer's
# off-by-one, which poppler, pdf.js and Acrobat repair), then signed by pdfsig in an
# incremental update over that revision.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p ../test/fixtures/attacks/pdf
certutil -N -d "sql:$WORK" --empty-password
openssl pkcs12 -export -in ca/person.pem -inkey ca/person.key -name person -passout pass: -out "$WORK/person.p12"
pk12util -i "$WORK/person.p12" -d "sql:$WORK" -W '' >/dev/null
certutil -A -d "sql:$WORK" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$WORK" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem
python3 - pdf/person-signed.pdf "$WORK/off-by-one.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
first = data[:data.index(b"%%EOF") + 6]  # the unsigned first revision
head, sep, tail = first.partition(b"\nxref\n")
tail = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 1), tail)
open(sys.argv[2], "wb").write(head + sep + tail)
PY
faketime -f '2025-03-01 09:00:00' pdfsig -sign SigPerson -nssdir "sql:$WORK" -nick person -digest SHA256 \
  "$WORK/off-by-one.pdf" ../test/fixtures/attacks/pdf/xref-offsets-off-by-one-signed.pdf 2>/dev/null
python3 make-attacks-pdf.py ../test/fixtures/attacks/pdf

# Bases for post-signing updates that readers see differently from what a diff by object
# number compares (a push button, a check box; an object listed under another generation
# than references name), signed by pdfsig; the updates themselves are appended by the tests
# (test/redteam/pdf-reader-differentials.test.ts).
python3 make-attacks-pdf-bases.py "$WORK"
for base in buttons hidden-generation; do
  faketime -f '2025-03-01 09:00:00' pdfsig -sign SigPerson -nssdir "sql:$WORK" -nick person -digest SHA256 \
    "$WORK/$base.pdf" "../test/fixtures/attacks/pdf/$base-signed.pdf" 2>/dev/null
done

# Hostile XML signatures (xmlsec1 signs; the attacks are byte edits afterwards).
python3 make-attacks-xml.py ../test/fixtures/attacks/xml
python3 make-attacks-xml-cost.py ../test/fixtures/attacks/xml
# Published XML signature attacks variant by variant (XSW, comments, KeyInfo, CRLs, Manifests ...).
python3 make-attacks-xml-suites.py ../test/fixtures/attacks/xml-suites

# PDF timestamps whose token carries no certificate (openssl ts without -cert).
bash make-attacks-pdf-timestamps.sh
bash make-attacks-timestamp-imprints.sh
bash make-attacks-detached-pairs.sh

# Signature dictionaries whose /Type, /Filter and /SubFilter are indirect (openssl signs).
bash make-attacks-pdf-indirect.sh

# A form with /NeedAppearances true signed twice by pdfsig (qpdf rewrites it first).
bash make-attacks-pdf-need-appearances.sh

# A PDF whose fields are read in turn across more object streams than a reader caches (hand-written).
python3 make-attacks-pdf-inflation.py ../test/fixtures/attacks/pdf
python3 make-attacks-pdf-fields.py ../test/fixtures/attacks/pdf

# Twelve pdfsig signatures, then updates that make each one's changes after signing long.
bash make-attacks-pdf-many-signatures.sh

# The published PDF signature attacks (USF, ISA, SWA, shadow, certification), variant by variant,
# as byte edits of pdfsig and openssl cms signatures.
python3 make-attacks-pdf-suites.py ../test/fixtures/attacks/pdf-suites

# Holes a review found (object stream indexes, actions of new widgets, indirect subtypes, rewritten
# replays, signed actions): byte edits of the pdf-suites signed files, one new P=3 certification.
python3 make-attacks-pdf-review.py ../test/fixtures/attacks/pdf-review

# Updates after the signature of encrypted PDFs (a stream's ciphertext moved, the key changed),
# and genuine updates by pdfsig and mutool: needs make-pdf-encrypted.sh's outputs.
bash make-attacks-pdf-encrypted.sh

# ZIP containers: nested amplification, Info-ZIP ZIP64 from standard input, macOS AppleDouble entries.
sh make-attacks-zip.sh

# Hostile edXML packages (xmlsec1 signs the package; attachments are samples/pdf PDFs).
python3 make-attacks-edxml.py ../test/fixtures/attacks/edxml

# RSA keys past 16384 bits or with exponents past 64 bits in genuine CMS signatures (hand-edited DER).
python3 make-attacks-rsa-size.py ../test/fixtures/attacks/rsa-size

# Serial numbers longer than any certificate: a CMS sid, CRL entries, an OCSP CertID (openssl).
sh make-attacks-serials.sh

# Revocation evidence that proves less or more than it seems (CRL scope, OCSP responders, critical extensions).
bash make-attacks-revocation.sh
# URLs a document makes kyso fetch online: into the verifier's network, refused shapes, many responders, an untrusted chain's.
bash make-attacks-online-fetch.sh
# Certificates kyso and OpenSSL could read differently (unused bits, extra fields, PSS key
# restrictions, ECDSA integers, names): crafted TBSCertificates signed again by the test CA keys.
python3 make-attacks-certificates.py ../test/fixtures/attacks/certificates

# Adoption counts gamed by those who are ranked: one signed document in many bytes (after %%EOF, an
# empty update, a ZIP, an edXML package, re-indented XML, a PEM CMS), its stages, a company's header
# naming a province, dates that have not come or that no signature covers (pdfsig, openssl, xmlsec1).
bash make-attacks-metrics.sh
