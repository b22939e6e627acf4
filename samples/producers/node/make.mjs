#!/usr/bin/env node
// Genuine documents from the JavaScript signing libraries that Node-based document and
// e-invoice systems use, signed with the kyso test PKI (samples/ca, trust anchor samples/pki).
// Each is made the way the library's README shows its users doing it; see README.md here for
// the list, the library versions and the verdicts. Not run by CI: it installs the producers
// (pinned below) into a temporary folder, never into kyso's package.json.
//
// usage: node samples/producers/node/make.mjs            (npm install into a temp dir)
//        NODE_PRODUCER_DEPS=/dir node .../make.mjs       (a folder whose node_modules has them)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CA = join(HERE, '../../ca');
const OUT = join(HERE, 'out');

// The versions the outputs were made with (README.md). Old xml-crypto lines are installed under
// aliases: real systems still run them, and their API and output differ from the current one.
const PACKAGES = [
  'xml-crypto@6.3.2', 'xml-crypto-2@npm:xml-crypto@2.1.6', 'xml-crypto-3@npm:xml-crypto@3.2.1',
  'xadesjs@2.6.8', '@peculiar/webcrypto@1.7.2', 'node-forge@1.4.4', '@xmldom/xmldom@0.9.12', 'xpath@0.0.34',
  '@signpdf/signpdf@3.3.0', '@signpdf/placeholder-plain@3.3.0', '@signpdf/placeholder-pdf-lib@3.3.0',
  '@signpdf/signer-p12@3.3.0', 'pdf-lib@1.17.1',
];

let depsDir = process.env.NODE_PRODUCER_DEPS;
let cleanup = null;
if (!depsDir) {
  depsDir = mkdtempSync(join(tmpdir(), 'kyso-node-producers-'));
  cleanup = depsDir;
  writeFileSync(join(depsDir, 'package.json'), '{"name":"kyso-node-producers","private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES], { cwd: depsDir, stdio: 'inherit' });
}
const require = createRequire(join(depsDir, 'package.json'));

// samples/ca/*.key start with openssl's "Key is valid" line: keep the PEM block only.
const pemBlock = (text) => text.slice(text.indexOf('-----BEGIN'));
// NAME is a file in samples/ca, or 'pki-edge/NAME' for samples/pki-edge.
const file = (name, ext) => (name.startsWith('pki-edge/') ? join(CA, '..', `${name}.${ext}`) : join(CA, `${name}.${ext}`));
const key = (name) => pemBlock(readFileSync(file(name, 'key'), 'utf8'));
const cert = (name) => pemBlock(readFileSync(file(name, 'pem'), 'utf8'));
// The CA certificate each signer's certificate is issued by, sent along with it.
const issuerOf = (name) => cert(name.startsWith('pki-edge/') ? 'pki-edge/ca' : 'intermediate');
const b64 = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const INTERMEDIATE = cert('intermediate');

// Fixed times, so reruns give the same bytes where the algorithm is deterministic (RSA PKCS#1 v1.5).
const SIGNING_TIME = new Date('2026-03-02T02:30:00Z');
const SIGNING_TIME_LOCAL = '2026-03-02T09:30:00'; // Vietnamese e-invoices: local time, no zone

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

mkdirSync(OUT, { recursive: true });
const write = (name, data) => { writeFileSync(join(OUT, name), data); console.log(`wrote out/${name}`); };

// An invoice in the shape of Circular 78/2021 (what samples/make-attacks-einvoice.py builds for
// kyso's own e-invoice samples): the seller is samples/ca/organization.pem, whose UID carries
// MST:0101234567, so its signature in DSCKS/NBan speaks for the seller the invoice names.
function invoice(dataId) {
  return DECL + `<HDon><DLHDon Id="${dataId}"><TTChung><PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon>`
    + '<KHMSHDon>1</KHMSHDon><KHHDon>C26TNN</KHHDon><SHDon>42</SHDon><NLap>2026-03-02</NLap><DVTTe>VND</DVTTe><TGia>1</TGia>'
    + '<HTTToan>TM/CK</HTTToan></TTChung><NDHDon><NBan><Ten>UBND Tỉnh Thử Nghiệm</Ten><MST>0101234567</MST>'
    + '<DChi>1 Phố Thử, Hà Nội</DChi></NBan><NMua><Ten>Công ty Mua Thử</Ten><MST>0309999999</MST><DChi>2 Đường Thử, TP Hồ Chí Minh</DChi></NMua>'
    + '<DSHHDVu><HHDVu><TChat>1</TChat><STT>1</STT><THHDVu>Dịch vụ tư vấn</THHDVu><DVTinh>Gói</DVTinh><SLuong>1</SLuong>'
    + '<DGia>1000000</DGia><ThTien>1000000</ThTien><TSuat>10%</TSuat></HHDVu></DSHHDVu><TToan><TgTCThue>1000000</TgTCThue>'
    + '<TgTThue>100000</TgTThue><TgTTTBSo>1100000</TgTTTBSo><TgTTTBChu>Một triệu một trăm nghìn đồng chẵn</TgTTTBChu></TToan>'
    + '</NDHDon></DLHDon><DSCKS><NBan/><NMua/></DSCKS></HDon>\n';
}

// A generic document with a default namespace, a prefixed one and Vietnamese text, so that the
// canonicalisations have namespaces to carry.
const GENERIC = DECL + '<VanBan xmlns="urn:example:vanban" xmlns:m="urn:example:meta" so="12/2026/QĐ-UBND">\n'
  + '  <m:ThongTin m:ngay="2026-03-02"><m:CoQuan>UBND Tỉnh Thử Nghiệm</m:CoQuan></m:ThongTin>\n'
  + '  <NoiDung Id="noidung-1">\n    <TrichYeu>Về việc thử nghiệm chữ ký số &amp; xác thực</TrichYeu>\n'
  + '    <DieuKhoan so="1">Quyết định này có hiệu lực kể từ ngày ký.</DieuKhoan>\n  </NoiDung>\n</VanBan>\n';

// ---------------------------------------------------------------- xml-crypto 6 (current API)
function xmlCrypto6() {
  const { SignedXml } = require('xml-crypto');

  // Enveloped, URI="", exclusive C14N, RSA-SHA256, KeyInfo/X509Data with the chain.
  {
    const sig = new SignedXml({
      privateKey: key('person'), publicCert: cert('person') + INTERMEDIATE,
      canonicalizationAlgorithm: EXC_C14N, signatureAlgorithm: RSA_SHA256,
    });
    sig.addReference({ xpath: '/*', isEmptyUri: true, digestAlgorithm: SHA256, transforms: [ENVELOPED, EXC_C14N] });
    sig.computeSignature(GENERIC);
    write('xmlcrypto6-enveloped-exc-c14n-rsa-sha256.xml', sig.getSignedXml());
  }

  // Reference by Id, inclusive C14N, RSA-SHA1/SHA-1, ds: prefix, signature after the element.
  {
    const sig = new SignedXml({
      privateKey: key('person'), publicCert: cert('person') + INTERMEDIATE,
      canonicalizationAlgorithm: C14N, signatureAlgorithm: RSA_SHA1,
    });
    sig.addReference({ xpath: "//*[@Id='noidung-1']", digestAlgorithm: SHA1, transforms: [C14N] });
    sig.computeSignature(GENERIC, { prefix: 'ds', location: { reference: "//*[@Id='noidung-1']", action: 'after' } });
    write('xmlcrypto6-id-c14n-rsa-sha1.xml', sig.getSignedXml());
  }

  // E-invoice: DLHDon by Id, the signature in DSCKS/NBan, a signed Object with SigningTime,
  // inclusive C14N, RSA-SHA256, the seller's certificate and the intermediate in X509Data.
  {
    const sig = new SignedXml({
      privateKey: key('organization'), publicCert: cert('organization') + INTERMEDIATE,
      canonicalizationAlgorithm: C14N, signatureAlgorithm: RSA_SHA256,
      objects: [{
        content: `<SignatureProperties><SignatureProperty Target="#seller"><SigningTime>${SIGNING_TIME_LOCAL}</SigningTime>`
          + '</SignatureProperty></SignatureProperties>',
        attributes: { Id: 'SigningTime-seller' },
      }],
    });
    sig.addReference({ xpath: "//*[local-name(.)='DLHDon']", digestAlgorithm: SHA256, transforms: [ENVELOPED, C14N] });
    sig.addReference({ xpath: "//*[@Id='SigningTime-seller']", digestAlgorithm: SHA256, transforms: [C14N] });
    sig.computeSignature(invoice('_42'), {
      attrs: { Id: 'seller' },
      location: { reference: "/HDon/DSCKS/NBan", action: 'append' },
    });
    write('xmlcrypto6-einvoice-hdon.xml', sig.getSignedXml());
  }

  // The SAML shape node-saml / passport-saml write through xml-crypto: the Assertion referenced by
  // its ID attribute, enveloped + exclusive C14N with an InclusiveNamespaces PrefixList, the
  // ds:-prefixed signature inside the Assertion right after its Issuer.
  {
    const assertion = DECL + '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_resp1" Version="2.0" '
      + 'IssueInstant="2026-03-02T02:30:00Z"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.thunghiem.gov.vn</saml:Issuer>'
      + '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
      + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_a1" Version="2.0" IssueInstant="2026-03-02T02:30:00Z">'
      + '<saml:Issuer>https://idp.thunghiem.gov.vn</saml:Issuer><saml:Subject><saml:NameID>001090012345</saml:NameID></saml:Subject>'
      + '<saml:AttributeStatement><saml:Attribute Name="hoTen"><saml:AttributeValue xsi:type="xs:string">Nguyễn Văn An</saml:AttributeValue>'
      + '</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>\n';
    const sig = new SignedXml({
      privateKey: key('person'), publicCert: cert('person') + INTERMEDIATE, idAttribute: 'ID',
      canonicalizationAlgorithm: EXC_C14N, signatureAlgorithm: RSA_SHA256, inclusiveNamespacesPrefixList: ['xs', 'xsi'],
    });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']", digestAlgorithm: SHA256, transforms: [ENVELOPED, EXC_C14N],
      inclusiveNamespacesPrefixList: ['xs', 'xsi'],
    });
    sig.computeSignature(assertion, {
      prefix: 'ds', location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
    });
    write('xmlcrypto6-saml-assertion-exc-c14n-prefixlist.xml', sig.getSignedXml());
  }
}

// ---------------------------------------------------------------- xml-crypto 2.x and 3.x
// The old API: properties on the instance and a keyInfoProvider. Their stock providers write an
// empty <X509Data/>, so users wrote their own, as the READMEs of the time show (MyKeyInfo).
function keyInfoProvider(pems) {
  return {
    getKeyInfo: (_key, prefix) => {
      const p = prefix ? `${prefix}:` : '';
      return `<${p}X509Data>${pems.map((pem) => `<${p}X509Certificate>${b64(pem)}</${p}X509Certificate>`).join('')}</${p}X509Data>`;
    },
    getKey: () => Buffer.from(pems[0]),
  };
}

function xmlCryptoOld(pkg, tag) {
  const { SignedXml } = require(pkg);

  // E-invoice the 2.x/3.x way: DLHDon by Id, inclusive C14N, RSA-SHA256, in DSCKS/NBan.
  {
    const sig = new SignedXml();
    sig.signingKey = key('organization');
    sig.keyInfoProvider = keyInfoProvider([cert('organization'), INTERMEDIATE]);
    sig.canonicalizationAlgorithm = C14N;
    sig.signatureAlgorithm = RSA_SHA256;
    sig.addReference("//*[local-name(.)='DLHDon']", [ENVELOPED, C14N], SHA256);
    sig.computeSignature(invoice('_42'), { attrs: { Id: 'seller' }, location: { reference: '/HDon/DSCKS/NBan', action: 'append' } });
    write(`${tag}-einvoice-hdon.xml`, sig.getSignedXml());
  }

  // Enveloped URI="" with the library defaults (exclusive C14N, RSA-SHA1, SHA-1 digest); 3.x
  // writes the same bytes, so only 2.x's is kept.
  if (tag === 'xmlcrypto2') {
    const sig = new SignedXml();
    sig.signingKey = key('person');
    sig.keyInfoProvider = keyInfoProvider([cert('person'), INTERMEDIATE]);
    sig.addReference('/*', [ENVELOPED, EXC_C14N], SHA1, '', '', '', true);
    sig.computeSignature(GENERIC);
    write(`${tag}-enveloped-defaults.xml`, sig.getSignedXml());
  }
}

// ---------------------------------------------------------------- xadesjs (XAdES-BES)
async function xades() {
  const xadesjs = require('xadesjs');
  const { Crypto } = require('@peculiar/webcrypto');
  const crypto = new Crypto();
  xadesjs.Application.setEngine('NodeJS', crypto);
  const xmldom = require('@xmldom/xmldom');
  xadesjs.setNodeDependencies({
    XMLSerializer: xmldom.XMLSerializer, DOMParser: xmldom.DOMParser, DOMImplementation: xmldom.DOMImplementation, xpath: require('xpath'),
  });
  const der = (pem) => Buffer.from(b64(pem), 'base64');

  const cases = [
    { name: 'xadesjs-bes-rsa-sha256.xml', signer: 'person', alg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, v2: false },
    { name: 'xadesjs-bes-ecdsa-p256.xml', signer: 'ecdsa-p256', alg: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }, v2: true },
  ];
  for (const c of cases) {
    const privateKey = await crypto.subtle.importKey('pkcs8', der(key(c.signer)), c.alg, false, ['sign']);
    const doc = xadesjs.Parse(GENERIC);
    const signed = new xadesjs.SignedXml();
    const certB64 = b64(cert(c.signer));
    await signed.Sign({ name: c.alg.name, hash: c.alg.hash }, privateKey, doc, {
      references: [{ hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
      x509: [certB64, b64(INTERMEDIATE)],
      ...(c.v2 ? { signingCertificateV2: certB64 } : { signingCertificate: certB64 }),
      signingTime: { value: SIGNING_TIME },
      productionPlace: { city: 'Hà Nội', country: 'VN' },
    });
    doc.documentElement.appendChild(signed.GetXml());
    write(c.name, new (require('@xmldom/xmldom').XMLSerializer)().serializeToString(doc));
  }
}

// ---------------------------------------------------------------- node-forge (detached PKCS#7)
function forgeDetached() {
  const forge = require('node-forge');
  const content = 'Văn bản thử nghiệm ký số bằng node-forge.\nSố: 12/2026/QĐ-UBND\n';
  const attrs = {
    contentType: { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
    messageDigest: { type: forge.pki.oids.messageDigest },
    signingTime: { type: forge.pki.oids.signingTime, value: SIGNING_TIME },
  };
  // forge's README order (contentType, messageDigest, signingTime), and the order @signpdf uses.
  const orders = {
    'forge-readme-order': ['contentType', 'messageDigest', 'signingTime'],
    'forge-signpdf-order': ['contentType', 'signingTime', 'messageDigest'],
  };
  // forge re-encodes the issuer name it writes into the SignerInfo and encodes a UTF8String value
  // it had kept as UTF-8 bytes a second time: under samples/ca (issuer O=Cơ quan chứng thực …)
  // the SignerInfo names an issuer no certificate has. pki-edge/good's issuer is ASCII.
  const signers = { person: 'person', 'edge-good': 'pki-edge/good' };
  for (const [signerTag, signer] of Object.entries(signers)) for (const [orderTag, order] of Object.entries(orders)) {
    const name = `${orderTag}-${signerTag}`;
    // Under samples/ca the issuer name already stops every verifier: one order is enough there.
    if (name === 'forge-readme-order-person') continue;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(Buffer.from(content, 'utf8').toString('binary'));
    p7.addCertificate(forge.pki.certificateFromPem(cert(signer)));
    p7.addCertificate(forge.pki.certificateFromPem(issuerOf(signer)));
    p7.addSigner({
      key: forge.pki.privateKeyFromPem(key(signer)),
      certificate: forge.pki.certificateFromPem(cert(signer)),
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: order.map((a) => ({ ...attrs[a] })),
    });
    p7.sign({ detached: true });
    write(`${name}.txt`, content);
    write(`${name}.txt.p7s`, Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary'));
  }
}


// ---------------------------------------------------------------- @signpdf (PDF, adbe.pkcs7.detached)
// A Node system makes its PDF with pdf-lib and signs it with @signpdf and a .p12, as @signpdf's
// README shows. The .p12 is made here with forge from the test key (its salt is random; it is not
// an output). @signpdf's P12Signer signs through node-forge.
async function signpdf() {
  const forge = require('node-forge');
  const { PDFDocument, StandardFonts } = require('pdf-lib');
  const { SignPdf } = require('@signpdf/signpdf');
  const { P12Signer } = require('@signpdf/signer-p12');
  const { plainAddPlaceholder } = require('@signpdf/placeholder-plain');
  const { pdflibAddPlaceholder } = require('@signpdf/placeholder-pdf-lib');

  const p12 = (signer) => Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(key(signer)),
    [forge.pki.certificateFromPem(cert(signer)), forge.pki.certificateFromPem(issuerOf(signer))],
    'kyso', { algorithm: '3des' },
  )).getBytes(), 'binary');

  async function basePdf() {
    const doc = await PDFDocument.create();
    doc.setTitle('Quyet dinh 12/2026/QD-UBND');
    doc.setCreationDate(SIGNING_TIME);
    doc.setModificationDate(SIGNING_TIME);
    doc.setProducer('pdf-lib (https://github.com/Hopding/pdf-lib)');
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawText('UBND TINH THU NGHIEM', { x: 60, y: 780, size: 12, font });
    page.drawText('Quyet dinh so 12/2026/QD-UBND ve viec thu nghiem chu ky so.', { x: 60, y: 740, size: 11, font });
    return doc;
  }

  // A P12Signer reads its .p12 buffer once (forge consumes it): one signer per document.
  const signer = (name) => new P12Signer(p12(name), { passphrase: 'kyso' });
  const signPdf = new SignPdf();
  const meta = { reason: 'Ky duyet', contactInfo: 'vanthu@thunghiem.gov.vn', name: 'Nguyen Van An', location: 'Ha Noi', signingTime: SIGNING_TIME };

  for (const [tag, name] of Object.entries({ person: 'person', 'edge-good': 'pki-edge/good' })) {
    // placeholder-plain on a PDF saved with a classic cross-reference table.
    {
      const doc = await basePdf();
      const pdfBuffer = Buffer.from(await doc.save({ useObjectStreams: false }));
      const withPlaceholder = plainAddPlaceholder({ pdfBuffer, ...meta });
      write(`signpdf-plain-${tag}.pdf`, await signPdf.sign(withPlaceholder, signer(name), SIGNING_TIME));
    }
    // placeholder-pdf-lib: the placeholder added through pdf-lib, then saved (object streams
    // off, so that @signpdf finds the placeholder in the bytes). Its CMS is the plain one's.
    if (tag === 'edge-good') {
      const doc = await basePdf();
      pdflibAddPlaceholder({ pdfDoc: doc, ...meta });
      const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
      write(`signpdf-pdflib-${tag}.pdf`, await signPdf.sign(withPlaceholder, signer(name), SIGNING_TIME));
    }
  }
}

await (async () => {
  try {
    xmlCrypto6();
    xmlCryptoOld('xml-crypto-2', 'xmlcrypto2');
    xmlCryptoOld('xml-crypto-3', 'xmlcrypto3');
    await xades();
    forgeDetached();
    await signpdf();
  } finally {
    if (cleanup) rmSync(cleanup, { recursive: true, force: true });
  }
})();
