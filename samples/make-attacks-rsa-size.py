"""RSA keys larger than any mainstream verifier accepts (modulus over 16384 bits, public
exponent over 64 bits), put into genuine openssl-made CMS signatures of samples/cms/ and
the xmlsec1-made XML signature samples/xml/enveloped-rsa-sha256-exc-c14n.xml.
Verifying such keys by hand costs one squaring of the modulus per exponent bit (red team:
n = e = 2^32768 - 1 took 33 s per signature); kyso must refuse them before any maths, as
INDETERMINATE. The keys are deterministic (all-ones moduli), so the files rebuild byte for
byte. usage: make-attacks-rsa-size.py OUT_DIR"""
import copy
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import der  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)


def integer(v: int) -> der.Node:
    return der.Node(b'\x02', value=v.to_bytes((v.bit_length() + 8) // 8, 'big'))


def rsa_key_bits(n: int, e: int) -> der.Node:
    return der.Node(b'\x03', value=b'\x00' + der.Node(b'\x30', children=[integer(n), integer(e)]).encode())


def load(name: str):
    ci = der.parse_one(open(os.path.join(HERE, 'cms', name), 'rb').read())
    sd = ci.children[1].children[0]
    certs = [c for c in sd.children if c.tag == b'\xa0'][0]
    si = der.signer_infos(ci)[0]
    serial = si.children[1].children[1].value
    leaf = [c for c in certs.children if c.children[0].children[1].value == serial][0]
    return ci, certs, si, leaf


def write(ci, name: str, content: str) -> None:
    open(os.path.join(out_dir, name), 'wb').write(ci.encode())
    shutil.copyfile(os.path.join(HERE, 'cms', content), os.path.join(out_dir, name[: -len('.p7s')]))


def signer_key(source: str, content: str, out: str, n: int, e: int) -> None:
    """The signer certificate's key replaced (its issuer's signature over it no longer
    matters: kyso refuses the key before it looks at the path), and a signature value of
    the modulus's length."""
    ci, _, si, leaf = load(source)
    leaf.children[0].children[6].children[1] = rsa_key_bits(n, e)
    k = (n.bit_length() + 7) // 8
    der.signature_field(si).value = b'\x7f' + b'\xa5' * (k - 1)
    write(ci, out, content)


# SHA-256 signer (engine / WebCrypto path): modulus of 16416 bits, e = 65537.
signer_key('rsa-sha256.txt.p7s', 'rsa-sha256.txt', 'rsa-modulus-16416.txt.p7s', (1 << 16416) - 1, 65537)
# SHA-256 signer: 2048-bit modulus, 65-bit exponent (OpenSSL itself takes it at this size).
signer_key('rsa-sha256.txt.p7s', 'rsa-sha256.txt', 'rsa-exponent-65-bit.txt.p7s', (1 << 2048) - 1, (1 << 64) + 1)
# SHA3-256 signer (checked by hand, RSAVP1 in BigInt): e = n of 4096 bits.
signer_key('extra/sha3-256.txt.p7s', 'extra/sha3-256.txt', 'rsa-e-equals-n-4096.txt.p7s', (1 << 4096) - 1, (1 << 4096) - 1)

# Path building: the signer's issuer (the embedded intermediate) given a 2048-bit key with a
# 65-bit exponent; the SignerInfo is untouched, so only the certificate check meets the key.
ci, certs, si, leaf = load('rsa-sha256.txt.p7s')
issuer = leaf.children[0].children[3].encode()
inter = [c for c in certs.children if c.children[0].children[5].encode() == issuer][0]
inter.children[0].children[6].children[1] = rsa_key_bits((1 << 2048) - 1, (1 << 64) + 1)
write(ci, 'rsa-issuer-exponent-65-bit.txt.p7s', 'rsa-sha256.txt')

# XML signatures (xmlsec1's samples/xml/enveloped-rsa-sha256-exc-c14n.xml): the signer
# certificate in KeyInfo carries the oversized key. KeyInfo is not signed, so the document's
# references still hold; only the signature value check meets the key.
import base64  # noqa: E402
import re  # noqa: E402

XML_SAMPLE = open(os.path.join(HERE, 'xml', 'enveloped-rsa-sha256-exc-c14n.xml'), encoding='utf-8').read()


def xml_signer_key(out: str, n: int, e: int) -> None:
    def replace(match: re.Match) -> str:
        cert = der.parse_one(base64.b64decode(match.group(1)))
        if cert.children[0].children[1].value != bytes.fromhex('3001'):
            return match.group(0)
        cert.children[0].children[6].children[1] = rsa_key_bits(n, e)
        text = base64.b64encode(cert.encode()).decode()
        return '<X509Certificate>' + '\n'.join(text[i:i + 64] for i in range(0, len(text), 64)) + '</X509Certificate>'
    xml, count = re.subn(r'<X509Certificate>([^<]*)</X509Certificate>', replace, XML_SAMPLE)
    assert count == 2 and xml != XML_SAMPLE
    open(os.path.join(out_dir, out), 'w', encoding='utf-8').write(xml)


xml_signer_key('xml-rsa-modulus-16416.xml', (1 << 16416) - 1, 65537)
xml_signer_key('xml-rsa-exponent-65-bit.xml', (1 << 2048) - 1, (1 << 64) + 1)

# The control: a genuine 16384-bit key (at the bound, e = 65537) issued by the test
# intermediate and signing with SHA-256 (engine / WebCrypto) and SHA3-256 (by hand), which
# must still pass. `openssl genrsa 16384` takes minutes, so the key is kept and reused.
import subprocess  # noqa: E402
import tempfile  # noqa: E402

key = os.path.join(out_dir, 'genuine-16384.key')
if not os.path.exists(key):
    subprocess.run(['openssl', 'genrsa', '-out', key, '16384'], check=True, capture_output=True)
CA = os.path.join(HERE, 'ca')
with tempfile.TemporaryDirectory() as work:
    ext = os.path.join(work, 'ext.cnf')
    open(ext, 'w').write('basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n'
                         'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n')
    csr, leaf = os.path.join(work, 'leaf.csr'), os.path.join(work, 'leaf.pem')
    frozen = ['faketime', '-f', '2025-03-01 09:00:00']
    subprocess.run(['openssl', 'req', '-new', '-key', key, '-subj', '/CN=RSA 16384 genuine/O=kyso test', '-out', csr], check=True, capture_output=True)
    subprocess.run(frozen + ['openssl', 'x509', '-req', '-in', csr, '-CA', os.path.join(CA, 'intermediate.pem'), '-CAkey',
                             os.path.join(CA, 'intermediate.key'), '-set_serial', '0x16384', '-days', '1000', '-sha256',
                             '-extfile', ext, '-out', leaf], check=True, capture_output=True)
    for md in ('sha256', 'sha3-256'):
        name = f'rsa-genuine-16384-{md}.txt'
        doc = os.path.join(out_dir, name)
        open(doc, 'w').write(f'A genuine signature by a 16384-bit RSA key ({md}).\n')
        subprocess.run(frozen + ['openssl', 'cms', '-sign', '-binary', '-in', doc, '-signer', leaf, '-inkey', key, '-certfile',
                                 os.path.join(CA, 'intermediate.pem'), '-md', md, '-outform', 'DER', '-out', doc + '.p7s'],
                       check=True, capture_output=True)
    # The XML control: the sample's template (values and certificates emptied) signed again by
    # xmlsec1 with the genuine 16384-bit key.
    template = re.sub(r'<(DigestValue|SignatureValue)>[^<]*</\1>', r'<\1></\1>', XML_SAMPLE)
    template = re.sub(r'<X509Data>.*?</X509Data>', '<X509Data><X509Certificate/></X509Data>', template, flags=re.S)
    tpl = os.path.join(work, 'template.xml')
    open(tpl, 'w', encoding='utf-8').write(template)
    subprocess.run(['xmlsec1', '--sign', '--privkey-pem', f"{key},{leaf},{os.path.join(CA, 'intermediate.pem')}",
                    '--output', os.path.join(out_dir, 'xml-rsa-genuine-16384.xml'), tpl], check=True, capture_output=True)
