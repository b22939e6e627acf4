#!/usr/bin/env bash
# Twelve signatures by pdfsig, each in its own incremental update, then updates that make
# every signature's "changes after signing" or path-validation candidates long (called by
# make-attacks.sh; run from samples/):
#   signatures-12-unused-2000.pdf               + one update of 2,000 new objects nothing uses
#   signatures-12-unused-2000-page-changed.pdf  + then one that rewrites the page (not allowed)
#   signatures-12-dss-junk-1200.pdf             + a DSS of 1,200 entries that are no certificates
# test/redteam/pdf-many-signatures.test.ts holds the reports to bounded lists per signature.
# The signatures rebuild byte for byte but for the random half of the /ID pdfsig writes.
set -euo pipefail
cd "$(dirname "$0")"
OUT=../test/fixtures/attacks/pdf
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
certutil -N -d "sql:$WORK" --empty-password
openssl pkcs12 -export -in ca/person.pem -inkey ca/person.key -name person -passout pass: -out "$WORK/person.p12"
pk12util -i "$WORK/person.p12" -d "sql:$WORK" -W '' >/dev/null
certutil -A -d "sql:$WORK" -n kyso-test-root -t "CT,C,C" -i pki/kyso-test-root.pem
certutil -A -d "sql:$WORK" -n kyso-test-intermediate -t ",," -i ca/intermediate.pem
N=12
python3 make-base-pdf.py "$WORK/s0.pdf" $(seq -f 'Sig%g' 1 $N)
for i in $(seq 1 $N); do
  faketime -f "2025-03-01 09:$(printf %02d "$i"):00" pdfsig -sign "Sig$i" -nssdir "sql:$WORK" -nick person -digest SHA256 \
    "$WORK/s$((i - 1)).pdf" "$WORK/s$i.pdf" 2>/dev/null
done
python3 - "$WORK/s$N.pdf" "$OUT" <<'PY'
import re, sys
src, out = sys.argv[1], sys.argv[2]
signed = open(src, "rb").read()

def update(data, objects):
    """Appends one incremental update (classic xref table) holding `objects` {number: body}."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    trailer = data[data.rindex(b"trailer"):]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))
    root = re.search(rb"/Root (\d+ \d+ R)", trailer).group(1)
    ident = re.search(rb"/ID\s*(\[.*?\])", trailer, re.S)
    body = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(body)
        body += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref = len(body)
    body += b"xref\n"
    nums = sorted(objects)
    start = 0
    while start < len(nums):  # one subsection per run of consecutive numbers
        end = start
        while end + 1 < len(nums) and nums[end + 1] == nums[end] + 1:
            end += 1
        body += b"%d %d\n" % (nums[start], end - start + 1)
        for num in nums[start:end + 1]:
            body += b"%010d 00000 n \n" % offsets[num]
        start = end + 1
    size = max(size, nums[-1] + 1)
    body += b"trailer\n<< /Size %d /Root %s /Prev %d" % (size, root, prev)
    if ident:
        body += b" /ID " + ident.group(1)
    body += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(body), size

size = int(re.search(rb"/Size (\d+)", signed[signed.rindex(b"trailer"):]).group(1))
unused, _ = update(signed, {size + i: b"null" for i in range(2000)})
open(f"{out}/signatures-12-unused-2000.pdf", "wb").write(unused)
# The page as the first revision wrote it, turned a quarter: a change no rule allows.
page = re.search(rb"\n3 0 obj\s*(<<.*?>>)\s*endobj", signed, re.S).group(1)
assert b"/Rotate" not in page
changed, _ = update(unused, {3: page[:-2].rstrip() + b" /Rotate 90 >>"})
open(f"{out}/signatures-12-unused-2000-page-changed.pdf", "wb").write(changed)
# A DSS whose /Certs lists 1,200 streams that are no certificates (DER INTEGERs 0..1199): the
# catalog as last written, with /DSS added.
catalog = re.findall(rb"\n1 0 obj\s*(<<.*?>>)\s*endobj", signed, re.S)[-1]
assert b"/DSS" not in catalog
junk = {size + i: b"<< /Length 4 >>\nstream\n\x02\x02%s\nendstream" % i.to_bytes(2, "big") for i in range(1200)}
junk[size + 1200] = b"<< /Certs [%s] >>" % b" ".join(b"%d 0 R" % (size + i) for i in range(1200))
junk[1] = catalog[:-2].rstrip() + b" /DSS %d 0 R >>" % (size + 1200)
dss, _ = update(signed, junk)
open(f"{out}/signatures-12-dss-junk-1200.pdf", "wb").write(dss)
PY
echo "make-attacks-pdf-many-signatures.sh: done"
