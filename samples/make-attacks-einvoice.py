#!/usr/bin/env python3
"""E-invoice red-team inputs (test/fixtures/attacks/einvoice/), called by make-attacks.sh.

Invoices in the shape of Circular 78/2021 (HDon/DLHDon Id, DSCKS/<role>/Signature with a
second Reference to a ds:Object holding SigningTime) signed by xmlsec1 with the test keys
in samples/ca; the attacks are then byte edits of those signed files (a signature copied
into another role, a tax-authority code slipped in, signed data changed where a transform
left it out). RSA PKCS#1 v1.5 is deterministic, so the files rebuild byte for byte.

usage: make-attacks-einvoice.py OUT_DIR   (run from samples/)
"""
import os
import re
import subprocess
import sys
import tempfile

OUT = sys.argv[1]
DS = 'http://www.w3.org/2000/09/xmldsig#'
C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'
RSA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'
XPATH = 'http://www.w3.org/TR/1999/REC-xpath-19991116'
XF2 = 'http://www.w3.org/2002/06/xmldsig-filter2'
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def data(data_id='data', seller_mst='0101234567', number='123', total='1100000', issuer_mst=None, buyer_mst='0309999999'):
    # An invoice issued by an authorised issuer names it in TTChung (QĐ 1450/QĐ-TCT: MSTDVNUNLHDon,
    # TDVNUNLHDon, DCDVNUNLHDon, mandatory when the seller delegates issuance).
    issuer = (f'<MSTTCGP>0309777777</MSTTCGP><MSTDVNUNLHDon>{issuer_mst}</MSTDVNUNLHDon><TDVNUNLHDon>Công ty Dịch vụ Hóa đơn Thử Nghiệm</TDVNUNLHDon>'
              f'<DCDVNUNLHDon>1 Phố Thử, Hà Nội</DCDVNUNLHDon>') if issuer_mst else ''
    return (f'<DLHDon Id="{data_id}"><TTChung><PBan>2.0.1</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon>'
            f'<KHHDon>C25TAA</KHHDon><SHDon>{number}</SHDon><NLap>2025-03-01</NLap>{issuer}</TTChung>'
            f'<NDHDon><NBan><Ten>Công ty TNHH Thử Nghiệm</Ten><MST>{seller_mst}</MST></NBan><NMua><Ten>Công ty Mua</Ten><MST>{buyer_mst}</MST></NMua>'
            f'<TToan><TgTTTBSo>{total}</TgTTTBSo></TToan></NDHDon></DLHDon>')


def reference(uri, transforms=''):
    t = f'<Transforms>{transforms}</Transforms>' if transforms else ''
    return f'<Reference URI="{uri}">{t}<DigestMethod Algorithm="{SHA256}"/><DigestValue></DigestValue></Reference>'


def signature(sig_id, references, time_id=None):
    obj = ''
    if time_id:
        obj = (f'<Object Id="{time_id}"><SignatureProperties><SignatureProperty Target="#{sig_id}">'
               f'<SigningTime>2025-03-01T16:00:00</SigningTime></SignatureProperty></SignatureProperties></Object>')
        references = references + reference(f'#{time_id}')
    return (f'<Signature xmlns="{DS}" Id="{sig_id}"><SignedInfo><CanonicalizationMethod Algorithm="{C14N}"/>'
            f'<SignatureMethod Algorithm="{RSA256}"/>{references}</SignedInfo><SignatureValue/>'
            f'<KeyInfo><X509Data/></KeyInfo>{obj}</Signature>')


def sign(template, signer, node_id=None):
    """xmlsec1 signs the template's first (or the named) Signature with samples/ca/<signer>."""
    with tempfile.TemporaryDirectory() as work:
        tpl = os.path.join(work, 'tpl.xml')
        out = os.path.join(work, 'out.xml')
        with open(tpl, 'w', encoding='utf-8') as f:
            f.write(template)
        args = ['xmlsec1', '--sign', '--privkey-pem', f'ca/{signer}.key,ca/{signer}.pem,ca/intermediate.pem',
                '--id-attr:Id', 'DLHDon', '--id-attr:Id', 'Object', '--id-attr:Id', 'MCCQT', '--id-attr:Id', 'DLTBao']
        if node_id:
            args += ['--id-attr:Id', 'Signature', '--node-id', node_id]
        subprocess.run(args + ['--output', out, tpl], check=True)
        with open(out, encoding='utf-8') as f:
            return f.read()


def write(name, text):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        f.write(text)


def seller_signed(seller_mst='0101234567', signer='organization', references=None, data_id='data', number='123', **invoice):
    refs = references if references is not None else reference(f'#{data_id}')
    sig_id = f'sig-{data_id}'
    return sign(DECL + f'<HDon>{data(data_id, seller_mst, number, **invoice)}<DSCKS><NBan>{signature(sig_id, refs, f"st-{data_id}")}</NBan></DSCKS></HDon>\n', signer)


def tax_coded(signed, signer):
    """`signed` with the tax authority's code (MCCQT) and a DSCKS/CQT signature over DLHDon and MCCQT by `signer`."""
    code = '<MCCQT Id="mccqt">00ABCDEF0123456789ABCDEF0123456789</MCCQT>'
    template = signed.replace('</DLHDon>', f'</DLHDon>{code}').replace(
        '</NBan></DSCKS>', '</NBan><CQT>' + signature('sig-cqt', reference('#data') + reference('#mccqt'), 'st-cqt') + '</CQT></DSCKS>')
    return sign(template, signer, 'sig-cqt')


def only(pattern, text):
    found = re.findall(pattern, text, re.S)
    assert len(found) == 1, pattern
    return found[0]


def main():
    os.makedirs(OUT, exist_ok=True)

    # The control: the seller's own certificate (MST:0101234567) signs its invoice.
    control = seller_signed()
    write('control.xml', control)

    # The seller's signature copied byte for byte into another role, its ds:Object left out so
    # the copy's SigningTime Reference resolves to the original's.
    nban = only(r'<NBan>(<Signature .*?</Signature>)</NBan>', control)
    copy = re.sub(r'<Object .*?</Object>', '', nban, flags=re.S)
    write('seller-signature-copied-as-buyer.xml', control.replace('</NBan></DSCKS>', f'</NBan><NMua>{copy}</NMua></DSCKS>'))
    write('seller-signature-copied-as-tax-authority.xml', control.replace('</NBan></DSCKS>', f'</NBan><CQT>{copy}</CQT></DSCKS>'))

    # A private person's certificate (CCCD) signs DLHDon and MCCQT under DSCKS/CQT.
    code = '<MCCQT Id="mccqt">00ABCDEF0123456789ABCDEF0123456789</MCCQT>'
    coded = control.replace('</DLHDon>', f'</DLHDon>{code}').replace('</NBan></DSCKS>',
                                                                   '</NBan><CQT>' + signature('sig-cqt', reference('#data') + reference('#mccqt'), 'st-cqt') + '</CQT></DSCKS>')
    write('tax-authority-role-signed-by-person.xml', sign(coded, 'person', 'sig-cqt'))

    # The seller's place signed by someone else: a person with no tax code (cannot tell), another
    # organisation (MST:0101234567 for an invoice whose seller is 0309888888: proved wrong); a
    # branch (0101234567-001) signing with its enterprise's certificate is the same legal person.
    write('seller-signed-by-person.xml', seller_signed(signer='person'))
    write('seller-signed-by-other-organization.xml', seller_signed(seller_mst='0309888888'))
    write('seller-branch-signed-by-enterprise.xml', seller_signed(seller_mst='0101234567-001'))

    # A tax-authority code (MCCQT) slipped in after signing: no signature signs it.
    write('tax-authority-code-added.xml', control.replace('</DLHDon>', '</DLHDon><MCCQT>00ABCDEF0123456789ABCDEF0123456789</MCCQT>'))

    # The seller's Reference leaves part of DLHDon out by a transform, and that part is then changed.
    xpath = f'<Transform Algorithm="{XPATH}"><XPath>not(ancestor-or-self::TToan)</XPath></Transform><Transform Algorithm="{C14N}"/>'
    left_out = seller_signed(references=reference('#data', xpath))
    write('xpath-leaves-out-total-changed.xml', left_out.replace('<TgTTTBSo>1100000</TgTTTBSo>', '<TgTTTBSo>1</TgTTTBSo>'))
    filter2 = (f'<Transform Algorithm="{XF2}"><XPath xmlns="{XF2}" Filter="intersect">/HDon/DLHDon</XPath>'
               f'<XPath xmlns="{XF2}" Filter="subtract">//NDHDon</XPath></Transform>')
    left_out = seller_signed(references=reference('', filter2))
    write('xpath-filter2-leaves-out-content-changed.xml', left_out.replace('<MST>0309999999</MST>', '<MST>0300000001</MST>'))

    # The seller's Reference leaves out every element named Signature (the local-name XPath idiom), which
    # passes as it is; then an edXML-namespace <Signature> holding a digit is slipped into the invoice number
    # and the total after signing. Nothing verifies such an element in an e-invoice: it is content the
    # signature does not sign, not "a signature" left out.
    idiom = f"<Transform Algorithm=\"{XPATH}\"><XPath>not(ancestor-or-self::*[local-name()='Signature'])</XPath></Transform><Transform Algorithm=\"{C14N}\"/>"
    signatures_out = seller_signed(references=reference('#data', idiom))
    write('xpath-leaves-out-signatures.xml', signatures_out)
    edxml = 'http://www.mic.gov.vn/TBT/QCVN_102_2016'
    write('xpath-leaves-out-signatures-edxml-element-added.xml', signatures_out
          .replace('<SHDon>123</SHDon>', f'<SHDon>123<e:Signature xmlns:e="{edxml}">4</e:Signature></SHDon>')
          .replace('<TgTTTBSo>1100000</TgTTTBSo>', f'<TgTTTBSo><e:Signature xmlns:e="{edxml}">9</e:Signature>1100000</TgTTTBSo>'))

    # Signatures outside the invoice's own DSCKS: another company's certificate (MST:0101234567) over the
    # DLHDon of seller 0309888888, placed directly under HDon, or under a DSCKS/NBan nested in another
    # element; and the seller's own signature covering a tax-authority code (MCCQT) with no CQT signature.
    # The data is vouched for only by the signature in the invoice's own DSCKS place for it.
    loose = signature('sig-data', reference('#data'), 'st-data')
    write('signature-outside-dscks.xml', sign(DECL + f'<HDon>{data("data", "0309888888")}{loose}</HDon>\n', 'organization'))
    write('seller-place-nested-in-other-element.xml',
          sign(DECL + f'<HDon>{data("data", "0309888888")}<TTKhac><DSCKS><NBan>{loose}</NBan></DSCKS></TTKhac></HDon>\n', 'organization'))
    code = '<MCCQT Id="mccqt">00ABCDEF0123456789ABCDEF0123456789</MCCQT>'
    both = signature('sig-data', reference('#data') + reference('#mccqt'), 'st-data')
    write('tax-authority-code-signed-by-seller.xml', sign(DECL + f'<HDon>{data("data")}{code}<DSCKS><NBan>{both}</NBan></DSCKS></HDon>\n', 'organization'))

    # An invoice sent as its DLHDon alone (no HDon, no DSCKS) with an enveloped signature: by the seller's
    # own certificate (passes), and by another company's over seller 0309888888's data.
    enveloped = reference('', '<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>')
    for name, seller in (('root-dlhdon-signed-by-seller.xml', '0101234567'), ('root-dlhdon-signed-by-other-company.xml', '0309888888')):
        write(name, sign(DECL + data(seller_mst=seller).replace('</DLHDon>', signature('sig-x', enveloped) + '</DLHDon>') + '\n', 'organization'))
    # A tax-office notice (TDiep 204, TBao/DLTBao) signed by a company's certificate placed directly under TBao,
    # outside the DSCKS beside the notice (in DSCKS/CQT the same certificate fails the tax-authority check).
    notice = ('<DLTBao Id="tb"><PBan>2.0.1</PBan><MSo>01/TB-KTDL</MSo><Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten>'
              '<So>TB0001</So><DDanh>Hà Nội</DDanh><NTBao>2025-03-02</NTBao><MST>0309888888</MST><TNNT>Công ty TNHH Thử Nghiệm</TNNT>'
              '<LTBao>2</LTBao><CCu>Hóa đơn hợp lệ</CCu></DLTBao>')
    head = ('<TDiep><TTChung><PBan>2.0.1</PBan><MNGui>TCT</MNGui><MNNhan>V0309888888</MNNhan><MLTDiep>204</MLTDiep>'
            '<MTDiep>TCT0001</MTDiep><MST>0309888888</MST></TTChung><DLieu>')
    write('notice-signature-outside-dscks.xml', sign(DECL + head + '<TBao>' + notice + signature('sig-n', reference('#tb')) + '</TBao></DLieu></TDiep>\n', 'organization'))
    # The same certificate in the DSCKS beside the notice: in the taxpayer's place (NNT) of a notice about
    # 0309888888, in a place that checks nobody (TCT), and, as control, in NNT of a notice about its own
    # tax code 0101234567.
    for name, place, taxpayer in (('notice-taxpayer-place-other-company.xml', 'NNT', '0309888888'),
                                  ('notice-unknown-place.xml', 'TCT', '0309888888'),
                                  ('notice-taxpayer-place-own.xml', 'NNT', '0101234567')):
        own = notice.replace('<MST>0309888888</MST>', f'<MST>{taxpayer}</MST>')
        write(name, sign(DECL + head.replace('0309888888', taxpayer) + '<TBao>' + own + f'<DSCKS><{place}>' + signature('sig-n', reference('#tb')) + f'</{place}></DSCKS></TBao></DLieu></TDiep>\n', 'organization'))

    # A certificate NAMED like the tax authority's (CN=CỤC THUẾ, O=BỘ TÀI CHÍNH) but minted by the test CA
    # signs DSCKS/CQT: only the Government PKI issues the tax authority's certificates.
    write('tax-authority-named-by-test-ca.xml', tax_coded(control, 'tax-authority'))

    # Delegated issuance (ủy nhiệm lập hóa đơn, Circular 78/2021 Art. 3): the invoice names the authorised
    # issuer (MST 0309777777) and the issuer signs in the seller's place with its own certificate; then the
    # same coded by a tax-authority-named certificate of the test CA.
    delegated = seller_signed(signer='issuer', issuer_mst='0309777777')
    write('delegated-issuer.xml', delegated)
    write('delegated-issuer-coded-by-test-ca.xml', tax_coded(delegated, 'tax-authority'))
    # The issuer's certificate where the invoice names another issuer, or names the buyer as issuer.
    write('delegated-issuer-other-named.xml', seller_signed(signer='issuer', issuer_mst='0309888888'))
    write('delegated-issuer-is-buyer.xml', seller_signed(signer='issuer', issuer_mst='0309777777', buyer_mst='0309777777'))
    # The issuer's tax code outside what the signature signs: a transform leaves MSTDVNUNLHDon out, and it
    # is then changed to the signer's code.
    xpath_issuer = f'<Transform Algorithm="{XPATH}"><XPath>not(ancestor-or-self::MSTDVNUNLHDon)</XPath></Transform><Transform Algorithm="{C14N}"/>'
    left_out = seller_signed(signer='issuer', issuer_mst='0309888888', references=reference('#data', xpath_issuer))
    write('delegated-issuer-name-left-out-changed.xml', left_out.replace('<MSTDVNUNLHDon>0309888888<', '<MSTDVNUNLHDon>0309777777<'))

    # A batch message (TDiep MLTDiep 200) of 65 invoices, each signed by its seller (the tests derive the
    # one whose 65th invoice changed after signing).
    write('batch-65-invoices.xml', batch(65))


def batch(count):
    invoices = [re.sub(r'^<\?xml[^>]*>\s*', '', seller_signed(data_id=f'data-{i}', number=str(i + 1))).strip() for i in range(count)]
    return (DECL + '<TDiep><TTChung><PBan>2.0.1</PBan><MNGui>V0101234567</MNGui><MNNhan>TCT</MNNhan><MLTDiep>200</MLTDiep>'
            f'<MTDiep>V0101234567ABC</MTDiep><MST>0101234567</MST><SLuong>{count}</SLuong></TTChung><DLieu>' + ''.join(invoices) + '</DLieu></TDiep>\n')

if __name__ == '__main__':
    main()
