// E-invoice messages (Decree 123/2020, Circular 78/2021) signed the way Vietnamese .NET e-invoice
// software signs them with System.Security.Cryptography.Xml.SignedXml: a Reference "#<Id>" to the
// data element (DLHDon, DLTBao), a second one to a ds:Object holding
// SignatureProperties/SignatureProperty/SigningTime (local time, no zone), KeyInfo/X509Data with
// X509SubjectName and the certificate, the Signature imported into DSCKS/<role>.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using System.Xml.Serialization;

static class EInvoice
{
    const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    /// Local time in Vietnam, as the signing tools write it (make.sh runs this under faketime, TZ=Asia/Ho_Chi_Minh).
    static string Now() => DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss");

    public class Options
    {
        public string SignatureId = "";
        public string ObjectId = "";
        public string[] References = new string[0];
        public bool Enveloped;                 // the seller's tools add it; the tax authority's do not
        public bool Sha1;                      // invoices signed before SHA-256 tools were the rule
        public bool PropertiesInDsNamespace;   // false: CreateElement("SignatureProperties") with no namespace, serialised xmlns=""
        public string Target = "";             // SignatureProperty/@Target
        public string SigningTime;             // as written; default: Now() in the tools' usual form
    }

    /// Signs the elements named by o.References (Ids) and the SigningTime object, and returns the
    /// Signature element imported into doc, ready to be appended where the role says.
    public static XmlElement Sign(XmlDocument doc, X509Certificate2 cert, Options o)
    {
        var signed = new SignedXml(doc) { SigningKey = cert.PrivateKey };
        signed.Signature.Id = o.SignatureId;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = o.Sha1 ? SignedXml.XmlDsigRSASHA1Url : RsaSha256;
        foreach (var id in o.References)
        {
            var reference = new Reference("#" + id) { DigestMethod = o.Sha1 ? SignedXml.XmlDsigSHA1Url : Sha256 };
            if (o.Enveloped) reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
            signed.AddReference(reference);
        }
        string ns = o.PropertiesInDsNamespace ? SignedXml.XmlDsigNamespaceUrl : "";
        var properties = doc.CreateElement("SignatureProperties", ns);
        var property = doc.CreateElement("SignatureProperty", ns);
        property.SetAttribute("Target", o.Target);
        var time = doc.CreateElement("SigningTime", ns);
        time.InnerText = o.SigningTime ?? Now();
        property.AppendChild(time);
        properties.AppendChild(property);
        signed.AddObject(new DataObject(o.ObjectId, null, null, properties));
        signed.AddReference(new Reference("#" + o.ObjectId) { DigestMethod = o.Sha1 ? SignedXml.XmlDsigSHA1Url : Sha256 });
        signed.KeyInfo = Pki.KeyInfoFor(cert);
        signed.ComputeSignature();
        return (XmlElement)doc.ImportNode(signed.GetXml(), true);
    }

    static XmlElement Place(XmlDocument doc, string path)
    {
        var place = (XmlElement)doc.SelectSingleNode(path);
        if (place == null) throw new InvalidOperationException("no " + path);
        return place;
    }

    static string Invoice(string id, string number, string buyer, string sellerMst = "0101234567") =>
        "<DLHDon Id=\"" + id + "\"><TTChung><PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon>" +
        "<KHHDon>C25TDN</KHHDon><SHDon>" + number + "</SHDon><NLap>2025-03-01</NLap><DVTTe>VND</DVTTe><TGia>1</TGia>" +
        "<HTTToan>Tiền mặt/Chuyển khoản</HTTToan><MSTTCGP>0309777777</MSTTCGP></TTChung>" +
        "<NDHDon><NBan><Ten>UBND Tỉnh Thử Nghiệm</Ten><MST>" + sellerMst + "</MST><DChi>Số 1 Đường Thử, Phường Hoàn Kiếm, Hà Nội</DChi>" +
        "<SDThoai>0241234567</SDThoai></NBan>" + buyer +
        "<DSHHDVu><HHDVu><TChat>1</TChat><STT>1</STT><MHHDVu>VPP-01</MHHDVu><THHDVu>Giấy in A4 định lượng 70g/m² — “loại 1”</THHDVu>" +
        "<DVTinh>Ram</DVTinh><SLuong>10</SLuong><DGia>100000</DGia><ThTien>1000000</ThTien><TSuat>10%</TSuat></HHDVu></DSHHDVu>" +
        "<TToan><THTTLTSuat><LTSuat><TSuat>10%</TSuat><ThTien>1000000</ThTien><TThue>100000</TThue></LTSuat></THTTLTSuat>" +
        "<TgTCThue>1000000</TgTCThue><TgTThue>100000</TgTThue><TgTTTBSo>1100000</TgTTTBSo>" +
        "<TgTTTBChu>Một triệu một trăm nghìn đồng chẵn</TgTTTBChu></TToan></NDHDon></DLHDon>";

    const string CompanyBuyer = "<NMua><Ten>Công ty TNHH Mua Hàng Thử Nghiệm</Ten><MST>0309999999</MST><DChi>12 Lê Lợi, Quận 1, TP. Hồ Chí Minh</DChi></NMua>";
    const string PersonBuyer = "<NMua><HVTNMHang>Nguyễn Văn An</HVTNMHang><DChi>Hoàn Kiếm, Hà Nội</DChi><CCCDan>001090012345</CCCDan></NMua>";

    static XmlDocument Load(string xml)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(xml);
        return doc;
    }

    static Options Seller(string dataId, bool sha1 = false, bool enveloped = true) => new Options
    {
        SignatureId = "NBan-" + dataId, ObjectId = "Obj-NBan-" + dataId, References = new[] { dataId },
        Enveloped = enveloped, Sha1 = sha1, PropertiesInDsNamespace = false, Target = "#NBan-" + dataId,
    };

    public static void Run()
    {
        var seller = Pki.Signer("organization");
        var person = Pki.Signer("person");
        var tax = Pki.Signer("tax-authority");

        // 1. An invoice with the seller's signature (RSA-SHA256, enveloped transform on the "#Id" Reference,
        //    SignatureProperties in no namespace), saved with XmlDocument.Save: UTF-8 BOM, no indentation.
        var doc = Load("<?xml version=\"1.0\" encoding=\"utf-8\"?><HDon>" + Invoice("_100201", "201", CompanyBuyer) + "<DSCKS><NBan /><NMua /><CQT /></DSCKS></HDon>");
        Place(doc, "/HDon/DSCKS/NBan").AppendChild(Sign(doc, seller, Seller("_100201")));
        Output.Save(doc, "einvoice-seller-rsa-sha256.xml");

        // 2. An old invoice: RSA-SHA1 and SHA-1 digests, no transform at all, written as doc.OuterXml (no BOM).
        doc = Load("<?xml version=\"1.0\" encoding=\"UTF-8\"?><HDon>" + Invoice("_100202", "202", CompanyBuyer) + "<DSCKS><NBan /><NMua /><CQT /></DSCKS></HDon>");
        Place(doc, "/HDon/DSCKS/NBan").AppendChild(Sign(doc, seller, Seller("_100202", sha1: true, enveloped: false)));
        Output.SaveOuterXml(doc, "einvoice-seller-rsa-sha1.xml");

        // 3. An invoice to a person, signed by the seller and then by the buyer (DSCKS/NMua; the buyer's
        //    citizen ID is NMua/CCCDan). The invoice comes from XmlSerializer (xmlns:xsi and xmlns:xsd on the
        //    root, indented with CRLF), loaded with PreserveWhitespace = true and saved with XmlDocument.Save.
        doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Serialized("_100203", "203"));
        Place(doc, "/HDon/DSCKS/NBan").AppendChild(Sign(doc, seller, Seller("_100203")));
        var buyer = Seller("_100203");
        buyer.SignatureId = "NMua-_100203"; buyer.ObjectId = "Obj-NMua-_100203"; buyer.Target = "#NMua-_100203";
        Place(doc, "/HDon/DSCKS/NMua").AppendChild(Sign(doc, person, buyer));
        Output.Save(doc, "einvoice-seller-buyer-xmlserializer.xml");

        // 4. The same seller's invoice coded by the tax authority: TDiep 202 wrapping the HDon the seller
        //    signed, MCCQT Id="..." after DLHDon, and DSCKS/CQT signing DLHDon, the SigningTime object and
        //    MCCQT with no transform (as the real tax authority's signatures in shared/real-world/vn do).
        doc = Load("<?xml version=\"1.0\" encoding=\"utf-8\"?><HDon>" + Invoice("_100204", "204", CompanyBuyer) + "<DSCKS><NBan /><NMua /><CQT /></DSCKS></HDon>");
        Place(doc, "/HDon/DSCKS/NBan").AppendChild(Sign(doc, seller, Seller("_100204")));
        string signedInvoice = doc.DocumentElement.OuterXml;
        doc = Load("<?xml version=\"1.0\" encoding=\"UTF-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui><MNNhan>V0309777777</MNNhan>" +
                   "<MLTDiep>202</MLTDiep><MTDiep>TCT0000000000000000000000000000204</MTDiep><MTDTChieu>V03097777770000000000000000000000204</MTDTChieu>" +
                   "<MST>0101234567</MST><SLuong>1</SLuong></TTChung><DLieu>" + signedInvoice + "</DLieu></TDiep>");
        var code = doc.CreateElement("MCCQT");
        code.SetAttribute("Id", "Id-0000000000000000000000000000204a");
        code.InnerText = "00A1B2C3D4E5F60718293A4B5C6D7E8F90";
        var data = Place(doc, "/TDiep/DLieu/HDon/DLHDon");
        data.ParentNode.InsertAfter(code, data);
        Place(doc, "/TDiep/DLieu/HDon/DSCKS/CQT").AppendChild(Sign(doc, tax, new Options
        {
            SignatureId = "Tct-00000000000000000000000000000204", ObjectId = "SigningTime-00000000000000000000000000000204",
            References = new[] { "_100204", "Id-0000000000000000000000000000204a" }, PropertiesInDsNamespace = true, Target = "signatureProperties",
        }));
        Output.SaveOuterXml(doc, "einvoice-202-coded-by-tax-authority.xml");

        // 5. The tax office's notice of the result of checking invoice data (TDiep 204, TBao/DLTBao), signed in DSCKS/CQT.
        doc = Load("<?xml version=\"1.0\" encoding=\"UTF-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui><MNNhan>V0309777777</MNNhan>" +
                   "<MLTDiep>204</MLTDiep><MTDiep>TCT0000000000000000000000000000205</MTDiep><MTDTChieu>V03097777770000000000000000000000205</MTDTChieu>" +
                   "<MST>0101234567</MST><SLuong>1</SLuong></TTChung><DLieu><TBao><DLTBao Id=\"Id-00000000000000000000000000000205\"><PBan>2.0.1</PBan>" +
                   "<MSo>01/TB-KTDL</MSo><Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten><So>250000000205</So><DDanh>Hà Nội</DDanh>" +
                   "<NTBao>2025-03-01</NTBao><MST>0101234567</MST><TNNT>UBND Tỉnh Thử Nghiệm</TNNT><TGGui>2025-03-01T16:00:00</TGGui><LTBao>1</LTBao>" +
                   "<CCu>Thông điệp chuyển dữ liệu hóa đơn điện tử để được cấp mã đến CQT</CCu><MGDDTu>V03097777770000000000000000000000205</MGDDTu>" +
                   "<SLuong>1</SLuong><LCMa><KHMSHDon>1</KHMSHDon><KHHDon>C25TDN</KHHDon><SHDon>205</SHDon><NLap>2025-03-01</NLap><DSLDo><LDo>" +
                   "<MLoi>20001</MLoi><MTLoi>Sai định dạng dữ liệu\nHDon/DLHDon/NDHDon/NMua/CCCDan : định dạng CCCD không hợp lệ</MTLoi>" +
                   "<HDXLy>Kiểm tra lại định dạng dữ liệu</HDXLy></LDo></DSLDo></LCMa></DLTBao><DSCKS><CQT /></DSCKS></TBao></DLieu></TDiep>");
        Place(doc, "/TDiep/DLieu/TBao/DSCKS/CQT").AppendChild(Sign(doc, tax, new Options
        {
            SignatureId = "Tct-00000000000000000000000000000205", ObjectId = "SigningTime-00000000000000000000000000000205",
            References = new[] { "Id-00000000000000000000000000000205" }, PropertiesInDsNamespace = true, Target = "signatureProperties",
        }));
        Output.SaveOuterXml(doc, "notice-204-tax-authority.xml");

        // 6. The taxpayer's notice of erroneous invoices (form 04/SS-HĐĐT, TDiep 300) signed in DSCKS/NNT by the
        //    seller: its DLTBao lists the invoices concerned as DSHDon/HDon (references, not invoices).
        doc = Load("<?xml version=\"1.0\" encoding=\"UTF-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>V0309777777</MNGui><MNNhan>TCT</MNNhan>" +
                   "<MLTDiep>300</MLTDiep><MTDiep>V03097777770000000000000000000000206</MTDiep><MST>0101234567</MST><SLuong>1</SLuong></TTChung>" +
                   "<DLieu><TBao><DLTBao Id=\"_100206\"><PBan>2.1.0</PBan><MSo>04/SS-HĐĐT</MSo><Ten>Thông báo hóa đơn điện tử có sai sót</Ten><Loai>1</Loai>" +
                   "<MCQT>10100</MCQT><TCQT>Thuế thành phố Hà Nội</TCQT><TNNT>UBND Tỉnh Thử Nghiệm</TNNT><MST>0101234567</MST><DDanh>Hà Nội</DDanh>" +
                   "<NTBao>2025-03-02</NTBao><DSHDon><HDon><STT>1</STT><MCQTCap>00A1B2C3D4E5F60718293A4B5C6D7E8F90</MCQTCap><KHMSHDon>1</KHMSHDon>" +
                   "<KHHDon>C25TDN</KHHDon><SHDon>204</SHDon><Ngay>2025-03-01</Ngay><LADHDDT>1</LADHDDT><TCTBao>1</TCTBao>" +
                   "<LDo>Sai địa chỉ người mua</LDo></HDon></DSHDon></DLTBao><DSCKS><NNT /></DSCKS></TBao></DLieu></TDiep>");
        Place(doc, "/TDiep/DLieu/TBao/DSCKS/NNT").AppendChild(Sign(doc, seller, new Options
        {
            SignatureId = "NNT-_100206", ObjectId = "Obj-NNT-_100206", References = new[] { "_100206" }, Enveloped = true, Target = "#NNT-_100206",
        }));
        Output.Save(doc, "notice-04ss-taxpayer.xml");

        Batch(seller);
    }

    // 7. A batch message (TDiep 200: invoices sent to the tax authority) with three invoices, each signed
    //    by the seller in its own DSCKS/NBan, in one XmlDocument whose root is TDiep. The Ids are NCNames
    //    (SignedXml refuses others: "Malformed reference element"), and SigningTime is written three ways
    //    seen in .NET code: DateTime.ToString() in the vi-VN culture, ToString("o"), and with a space.
    public static void Batch(X509Certificate2 seller)
    {
        var ids = new[] { "Id-2c1f0a4e-8a4b-4b7e-9d2a-0d5c1b7e3f11", "id100302", "_100303" };
        var now = DateTime.Now;
        var times = new[] { now.ToString(new System.Globalization.CultureInfo("vi-VN")), now.ToString("o"), now.ToString("yyyy-MM-dd HH:mm:ss") };
        var body = new StringBuilder();
        for (int i = 0; i < ids.Length; i++)
            body.Append("<HDon>" + Invoice(ids[i], "30" + (i + 1), CompanyBuyer, i == 1 ? "0101234567-001" : "0101234567") + "<DSCKS><NBan /><NMua /><CQT /></DSCKS></HDon>");
        var doc = Load("<?xml version=\"1.0\" encoding=\"UTF-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>V0309777777</MNGui><MNNhan>TCT</MNNhan>" +
                       "<MLTDiep>200</MLTDiep><MTDiep>V03097777770000000000000000000000300</MTDiep><MST>0101234567</MST><SLuong>3</SLuong></TTChung><DLieu>" + body + "</DLieu></TDiep>");
        var places = doc.SelectNodes("/TDiep/DLieu/HDon/DSCKS/NBan");
        for (int i = 0; i < ids.Length; i++)
        {
            var o = Seller(ids[i]);
            o.SigningTime = times[i];
            ((XmlElement)places[i]).AppendChild(Sign(doc, seller, o));
        }
        Output.SaveOuterXml(doc, "einvoice-200-batch.xml");
    }

    // The invoice as XmlSerializer writes it from the software's own classes.
    static string Serialized(string id, string number)
    {
        // The invoice body comes from the same template; XmlSerializer writes the envelope (root
        // namespaces, indentation, CRLF) around it as XmlElement members.
        var template = new XmlDocument();
        template.LoadXml(Invoice(id, number, PersonBuyer));
        var root = new HDon { DLHDon = template.DocumentElement, DSCKS = new Dscks() };
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\r\n", Encoding = new UTF8Encoding(false) };
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings)) new XmlSerializer(typeof(HDon)).Serialize(writer, root);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public class HDon { [XmlAnyElement] public XmlElement DLHDon; public Dscks DSCKS; }
    public class Dscks { public string NBan = "", NMua = "", CQT = ""; }
}
