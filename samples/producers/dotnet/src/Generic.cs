// Generic enveloped signatures (Reference URI="" with XmlDsigEnvelopedSignatureTransform) as .NET
// document-management code makes them, over an official letter in Vietnamese, and the ways such
// code writes the result: the signature string-inserted into the original bytes (BOM, CRLF kept),
// XmlWriter with Windows line ends, and the PreserveWhitespace = false pitfall.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

static class Generic
{
    const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    // An official letter (công văn) as an XML record, with the shapes that stress canonicalisation:
    // diacritics, an attribute with quotes, a comment, namespaces declared on the root and used lower
    // down, a processing instruction before the root, multi-line text; with characterReferences, a tab
    // (&#9;) in an attribute and a carriage return (&#13;) in text, which SignedXml does not sign as written.
    static string Letter(string nl, bool characterReferences = false) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + nl +
        "<?xml-stylesheet type=\"text/xsl\" href=\"congvan.xsl\"?>" + nl +
        "<VanBan xmlns=\"urn:kyso:test:vanban\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:dm=\"urn:kyso:test:danhmuc\" PhienBan=\"1.0\">" + nl +
        "  <!-- Văn bản mẫu, không có giá trị pháp lý -->" + nl +
        "  <ThongTin>" + nl +
        "    <CoQuan dm:Ma=\"000.00.11.H99\">UBND Tỉnh Thử Nghiệm</CoQuan>" + nl +
        "    <SoKyHieu>123/UBND-VP</SoKyHieu>" + nl +
        "    <NgayBanHanh>2025-03-01</NgayBanHanh>" + nl +
        "    <TrichYeu GhiChu=\"“V/v” thử &quot;ký số&quot;" + (characterReferences ? "&#9;tab" : "") + "\">V/v triển khai ứng dụng chữ ký số trong văn bản điện tử</TrichYeu>" + nl +
        "    <NguoiKy xsi:nil=\"false\">Nguyễn Văn An</NguoiKy>" + nl +
        "    <TepDinhKem xsi:nil=\"true\" />" + nl +
        "  </ThongTin>" + nl +
        "  <NoiDung>Kính gửi: Các sở, ban, ngành." + nl +
        "Đề nghị các đơn vị triển khai &amp; báo cáo kết quả trước ngày 15/3/2025 (&lt; 2 tuần) &gt; " + (characterReferences ? "&#13; " : "") + "hết.</NoiDung>" + nl +
        "</VanBan>" + nl;

    static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    static byte[] Utf8(string text, bool bom)
    {
        var body = Encoding.UTF8.GetBytes(text);
        if (!bom) return body;
        var all = new byte[Bom.Length + body.Length];
        Bom.CopyTo(all, 0);
        body.CopyTo(all, Bom.Length);
        return all;
    }

    static XmlDocument Load(byte[] bytes, bool preserveWhitespace)
    {
        var doc = new XmlDocument { PreserveWhitespace = preserveWhitespace };
        doc.Load(new MemoryStream(bytes));
        return doc;
    }

    /// Reference URI="" with the enveloped transform and `transform` after it (when given).
    static XmlElement Sign(XmlDocument doc, X509Certificate2 cert, string canonicalization, Transform transform = null, string uri = "", bool sha1 = false)
    {
        var signed = new SignedXml(doc) { SigningKey = cert.PrivateKey };
        signed.SignedInfo.CanonicalizationMethod = canonicalization;
        signed.SignedInfo.SignatureMethod = sha1 ? SignedXml.XmlDsigRSASHA1Url : RsaSha256;
        var reference = new Reference(uri) { DigestMethod = sha1 ? SignedXml.XmlDsigSHA1Url : Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        if (transform != null) reference.AddTransform(transform);
        signed.AddReference(reference);
        signed.KeyInfo = Pki.KeyInfoFor(cert, withSubjectName: false);
        signed.ComputeSignature();
        return signed.GetXml();
    }

    public static void Run()
    {
        var person = Pki.Signer("person");
        var organization = Pki.Signer("organization");

        // 1. The original file (BOM, CRLF) is signed as loaded, and the Signature's OuterXml is inserted
        //    into the original text before the root's end tag: the bytes around it stay as they were.
        string crlf = Letter("\r\n");
        var doc = Load(Utf8(crlf, true), true);
        string signature = Sign(doc, person, SignedXml.XmlDsigC14NTransformUrl).OuterXml;
        int end = crlf.LastIndexOf("</VanBan>", StringComparison.Ordinal);
        Output.SaveBytes(Utf8(crlf.Substring(0, end) + signature + crlf.Substring(end), true), "letter-c14n-bom-crlf-inserted.xml");

        // 2. Signed with LF line ends, exclusive C14N for SignedInfo and as the Reference's last transform
        //    (with an InclusiveNamespaces PrefixList), the Signature appended to the root, and the document
        //    written by XmlWriter.Create with Windows settings: NewLineChars "\r\n", NewLineHandling.Replace
        //    turns the LF in text into CRLF, which a parser reads back as LF.
        doc = Load(Utf8(Letter("\n"), false), true);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, organization, SignedXml.XmlDsigExcC14NTransformUrl, new XmlDsigExcC14NTransform("xsi")), true));
        var windows = new XmlWriterSettings { Encoding = new UTF8Encoding(true), NewLineChars = "\r\n", NewLineHandling = NewLineHandling.Replace };
        using (var writer = XmlWriter.Create(Path.Combine(Output.Dir, "letter-exc-c14n-xmlwriter-crlf.xml"), windows)) doc.Save(writer);
        Console.WriteLine("wrote letter-exc-c14n-xmlwriter-crlf.xml");

        // 2b. The same with a tab in an attribute and a carriage return in text, as character references.
        //    SignedXml digests URI="" through a reparse of doc.OuterXml (Utils.PreProcessDocumentInput),
        //    which writes both characters raw, so the parser turns the tab into a space (attribute-value
        //    normalisation) and the CR into LF: the digest covers values the document does not hold.
        //    XmlWriter's NewLineHandling.Replace then writes the attribute's tab back as &#x9;. .NET
        //    verifies it (same reparse); by XMLDSig the signed data is not the document's: HASH_FAILURE.
        doc = Load(Utf8(Letter("\n", true), false), true);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, organization, SignedXml.XmlDsigExcC14NTransformUrl, new XmlDsigExcC14NTransform("xsi")), true));
        using (var writer = XmlWriter.Create(Path.Combine(Output.Dir, "letter-character-references-dotnet-only.xml"), windows)) doc.Save(writer);
        Console.WriteLine("wrote letter-character-references-dotnet-only.xml");

        // 3. C14N with comments for SignedInfo and as the Reference's transform. For URI="" the comments are
        //    removed before the transforms run (XMLDSig 4.3.3.2; SignedXml does so too), so the letter's
        //    comment is not signed; saved with XmlDocument.Save (PreserveWhitespace: not indented, BOM).
        doc = Load(Utf8(Letter("\n"), false), true);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, person, SignedXml.XmlDsigC14NWithCommentsTransformUrl, new XmlDsigC14NWithCommentsTransform()), true));
        Output.Save(doc, "letter-c14n-with-comments.xml");

        // 4. URI="#xpointer(/)": the whole document with its comments, through C14N with comments.
        doc = Load(Utf8(Letter("\n"), false), true);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, person, SignedXml.XmlDsigC14NTransformUrl, new XmlDsigC14NWithCommentsTransform(), "#xpointer(/)"), true));
        Output.SaveOuterXml(doc, "letter-xpointer-root-with-comments.xml");

        // 5-6. The PreserveWhitespace = false pitfall: the indented letter loses its indentation when
        //    loaded, is signed so, and then either written compactly (doc.OuterXml: valid) or with
        //    XmlDocument.Save, which indents when PreserveWhitespace is false: whitespace the signature
        //    did not cover is added inside the signed content and inside SignedInfo. .NET's own verifier
        //    (loading with PreserveWhitespace = false) drops it again and accepts; by XMLDSig the
        //    document was changed after signing and must fail.
        doc = Load(Utf8(Letter("\n"), false), false);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, organization, SignedXml.XmlDsigC14NTransformUrl), true));
        Output.SaveOuterXml(doc, "letter-no-whitespace-compact.xml");
        Output.Save(doc, "letter-no-whitespace-saved-indented.xml");

        // 7. A Reference to an element by a lower-case "id" attribute: SignedXml.GetIdElement looks up
        //    Id, id and ID alike.
        doc = Load(Utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><HoSo><DuLieu id=\"du-lieu-1\"><Ten>Hồ sơ thử nghiệm</Ten></DuLieu></HoSo>", false), true);
        doc.DocumentElement.AppendChild(doc.ImportNode(Sign(doc, person, SignedXml.XmlDsigC14NTransformUrl, null, "#du-lieu-1"), true));
        Output.SaveOuterXml(doc, "record-lowercase-id.xml");

        // 8. Transforms in the order some field code adds them: C14N first, then the enveloped transform.
        //    SignedXml parses the canonical octets again and drops the Signature found at the same position;
        //    XMLDSig's enveloped transform (defined by here()) has no Signature to drop in a reparsed
        //    document, and xmlsec1 refuses the order. Valid to .NET only.
        doc = Load(Utf8(Letter("\n"), false), true);
        var signed8 = new SignedXml(doc) { SigningKey = organization.PrivateKey };
        signed8.SignedInfo.SignatureMethod = RsaSha256;
        var reference8 = new Reference("") { DigestMethod = Sha256 };
        reference8.AddTransform(new XmlDsigC14NTransform());
        reference8.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed8.AddReference(reference8);
        signed8.KeyInfo = Pki.KeyInfoFor(organization, withSubjectName: false);
        signed8.ComputeSignature();
        doc.DocumentElement.AppendChild(doc.ImportNode(signed8.GetXml(), true));
        Output.SaveOuterXml(doc, "letter-c14n-before-enveloped.xml");

        // 9. An enveloping signature: the letter inside the Signature's ds:Object, referenced by its Id
        //    (new SignedXml() with a DataObject, as some invoice exporters do).
        doc = Load(Utf8(Letter("\n"), false), true);
        var signed9 = new SignedXml { SigningKey = organization.PrivateKey };
        signed9.SignedInfo.SignatureMethod = RsaSha256;
        signed9.AddObject(new DataObject { Id = "VanBan", Data = doc.SelectNodes("/*") });
        signed9.AddReference(new Reference("#VanBan") { DigestMethod = Sha256 });
        signed9.KeyInfo = Pki.KeyInfoFor(organization, withSubjectName: false);
        signed9.ComputeSignature();
        var enveloping = new XmlDocument { PreserveWhitespace = true };
        enveloping.AppendChild(enveloping.CreateXmlDeclaration("1.0", "utf-8", null));
        enveloping.AppendChild(enveloping.ImportNode(signed9.GetXml(), true));
        Output.Save(enveloping, "letter-enveloping-object.xml");

        // 10. ECDSA: an XML signature with the P-256 key, if this runtime can sign with it.
        try
        {
            var ecdsa = Pki.Signer("ecdsa-p256");
            var key = ecdsa.GetECDsaPrivateKey();
            if (key == null) throw new NotSupportedException("no ECDsa private key");
            doc = Load(Utf8(Letter("\n"), false), true);
            var signed = new SignedXml(doc) { SigningKey = key };
            signed.SignedInfo.SignatureMethod = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
            var reference = new Reference("") { DigestMethod = Sha256 };
            reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
            signed.AddReference(reference);
            signed.KeyInfo = Pki.KeyInfoFor(ecdsa, withSubjectName: false);
            signed.ComputeSignature();
            doc.DocumentElement.AppendChild(doc.ImportNode(signed.GetXml(), true));
            Output.SaveOuterXml(doc, "letter-ecdsa-p256.xml");
        }
        catch (Exception e)
        {
            Console.WriteLine("skipped ECDSA: " + e.GetType().Name + ": " + e.Message);
        }
    }
}
