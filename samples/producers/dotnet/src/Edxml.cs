// An edXML package (QCVN 102:2016/BTTTT) signed as the .NET SDK of the national document axis
// signs it (shared/edxml-samples show the result: a Signature in edXMLHeader after TraceHeaderList,
// Reference URI="" with the enveloped transform and exclusive C14N, RSA-SHA1, X509SubjectName and
// X509Certificate in KeyInfo). The package carries one signed PDF (samples/pdf/person-signed.pdf).
using System;
using System.IO;
using System.Security.Cryptography.Xml;
using System.Xml;

static class Edxml
{
    const string Ns = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    static string Package(string attachment) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<edXML xmlns=\"" + Ns + "\">\n" +
        "  <edXML:edXMLEnvelope xmlns:edXML=\"" + Ns + "\">\n" +
        "    <edXML:edXMLHeader>\n" +
        "      <edXML:MessageHeader>\n" +
        "        <edXML:From><edXML:OrganId>000.00.00.H99</edXML:OrganId><edXML:OrganizationInCharge>Tỉnh Thử Nghiệm</edXML:OrganizationInCharge>" +
        "<edXML:OrganName>Ủy ban nhân dân tỉnh Thử Nghiệm</edXML:OrganName><edXML:OrganAdd>Số 1 đường Thử Nghiệm</edXML:OrganAdd>" +
        "<edXML:Email>vanthu@thunghiem.gov.vn</edXML:Email><edXML:Telephone /><edXML:Fax /><edXML:Website /></edXML:From>\n" +
        "        <edXML:To><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:OrganizationInCharge>Chính phủ</edXML:OrganizationInCharge>" +
        "<edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName><edXML:OrganAdd /><edXML:Email /><edXML:Telephone /><edXML:Fax /><edXML:Website /></edXML:To>\n" +
        "        <edXML:DocumentId>000.00.00.H99,2025/03/01,124/UBND-VP</edXML:DocumentId>\n" +
        "        <edXML:Code><edXML:CodeNumber>124</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>\n" +
        "        <edXML:PromulgationInfo><edXML:Place>Thử Nghiệm</edXML:Place><edXML:PromulgationDate>01/03/2025</edXML:PromulgationDate></edXML:PromulgationInfo>\n" +
        "        <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>\n" +
        "        <edXML:Subject>V/v gửi văn bản điện tử qua trục liên thông</edXML:Subject>\n" +
        "        <edXML:Content>V/v gửi văn bản điện tử qua trục liên thông</edXML:Content>\n" +
        "        <edXML:SignerInfo><edXML:Competence>KT. CHỦ TỊCH</edXML:Competence><edXML:Position>PHÓ CHỦ TỊCH</edXML:Position><edXML:FullName>Nguyễn Văn An</edXML:FullName></edXML:SignerInfo>\n" +
        "        <edXML:DueDate /><edXML:SteeringType>1</edXML:SteeringType>\n" +
        "      </edXML:MessageHeader>\n" +
        "      <edXML:TraceHeaderList>\n" +
        "        <edXML:TraceHeader><edXML:OrganId>000.00.00.H99</edXML:OrganId><edXML:Timestamp>2025/03/01 16:00:00</edXML:Timestamp></edXML:TraceHeader>\n" +
        "        <edXML:Bussiness><edXML:DocumentId>000.00.00.H99,2025/03/01,124/UBND-VP</edXML:DocumentId><edXML:BussinessDocType>0</edXML:BussinessDocType>" +
        "<edXML:BussinessDocReason>Văn bản điện tử mới</edXML:BussinessDocReason><edXML:Paper>0</edXML:Paper></edXML:Bussiness>\n" +
        "      </edXML:TraceHeaderList>\n" +
        "    </edXML:edXMLHeader>\n" +
        "    <edXML:edXMLBody>\n" +
        "      <edXML:edXMLManifest version=\"1.0\"><edXML:Reference><edXML:ContentId>cid:124</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType>" +
        "<edXML:Description>124-UBND-VP.pdf</edXML:Description><edXML:AttachmentName>124-UBND-VP.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest>\n" +
        "    </edXML:edXMLBody>\n" +
        "  </edXML:edXMLEnvelope>\n" +
        "  <AttachmentEncoded>\n" +
        "    <Attachment><ContentId>cid:124</ContentId><AttachmentName>124-UBND-VP.pdf</AttachmentName><Description>124-UBND-VP.pdf</Description>" +
        "<ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML=\"" + Ns + "\">" + attachment + "</edXML:ContentTransferEncoded></Attachment>\n" +
        "  </AttachmentEncoded>\n" +
        "</edXML>\n";

    /// Signs the package with SignedXml built on `context` and inserts the Signature after TraceHeaderList.
    /// SignedXml canonicalises SignedInfo (inclusive C14N) with the namespace declarations in scope at
    /// `context`, not at the place the Signature ends up: built on the document (the usual
    /// `new SignedXml(doc)`), it leaves out xmlns:edXML, which edXMLEnvelope declares around the
    /// Signature's final place. .NET verifies such a package (it recomputes the same way); XMLDSig
    /// verifiers canonicalise SignedInfo where it stands, and its SignatureValue does not verify.
    /// Built on edXMLHeader, the place's declarations are in scope and every verifier agrees.
    static void Sign(bool onHeader, string name)
    {
        var organization = Pki.Signer("organization");
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Package(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(Pki.Dir, "attachment.pdf")), Base64FormattingOptions.InsertLineBreaks)));
        var manager = new XmlNamespaceManager(doc.NameTable);
        manager.AddNamespace("e", Ns);
        var header = (XmlElement)doc.SelectSingleNode("/e:edXML/e:edXMLEnvelope/e:edXMLHeader", manager);
        var signed = onHeader ? new SignedXml(header) : new SignedXml(doc);
        signed.SigningKey = organization.PrivateKey;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA1Url;
        var reference = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA1Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.KeyInfo = Pki.KeyInfoFor(organization);
        signed.ComputeSignature();
        header.InsertAfter(doc.ImportNode(signed.GetXml(), true), header.SelectSingleNode("e:TraceHeaderList", manager));
        Output.Save(doc, name);
    }

    public static void Run()
    {
        Sign(false, "edxml-package-signed-out-of-place.edxml");
        Sign(true, "edxml-package-signed-in-place.edxml");
    }
}
