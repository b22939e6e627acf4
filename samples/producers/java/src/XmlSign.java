import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilter2ParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilterParameterSpec;
import javax.xml.crypto.dsig.spec.XPathType;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Signs XML with the JDK's XML Digital Signature API (javax.xml.crypto.dsig), following
 * the JDK tutorial's GenEnveloped: an enveloped Signature appended to a parent element,
 * the DOM written back with a javax.xml.transform Transformer.
 *
 * Usage: XmlSign IN.xml OUT.xml p12=FILE pass=PW
 *        [uri=""|#id|#xpointer(id('id'))] [id=ELEMENT:ATTR] [c14n=URI] [reftransform=URI]
 *        [sigalg=URI] [digest=URI] [keyinfo=x509|keyvalue|both] [parent=ELEMENT]
 *        [envelope=enveloped|xpath|xpath2] [prefixlist="p q"] [prefix=ds]
 *        [signingtime=1 sigid=ID objid=ID [nsfix=0]]
 */
public final class XmlSign {
    /** PARENT/NAME: the first NAME element whose parent is PARENT (DSCKS/NBan, not NDHDon/NBan). */
    private static Element findParent(Document doc, String path) {
        String[] names = path.split("/");
        NodeList elements = doc.getElementsByTagName(names[1]);
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.getParentNode().getNodeName().equals(names[0])) return element;
        }
        throw new IllegalArgumentException("no " + path);
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Keys keys = Keys.load(args.require("p12"), args.require("pass"));

        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new File(args.positional.get(0)));

        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        String uri = args.get("uri", "");
        DigestMethod digest = fac.newDigestMethod(args.get("digest", DigestMethod.SHA256), null);

        List<Transform> transforms = new ArrayList<>();
        Map<String, String> dsPrefix = Collections.singletonMap("ds", XMLSignature.XMLNS);
        switch (args.get("envelope", "enveloped")) {
            case "enveloped":
                transforms.add(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null));
                break;
            case "xpath":
                // The XPath 1.0 filter older Java signers use instead of the enveloped transform.
                transforms.add(fac.newTransform(Transform.XPATH, new XPathFilterParameterSpec("not(ancestor-or-self::ds:Signature)", dsPrefix)));
                break;
            case "xpath2":
                transforms.add(fac.newTransform(Transform.XPATH2, new XPathFilter2ParameterSpec(
                        Collections.singletonList(new XPathType("//ds:Signature", XPathType.Filter.SUBTRACT, dsPrefix)))));
                break;
            default:
                throw new IllegalArgumentException("envelope=" + args.get("envelope", ""));
        }
        if (args.has("reftransform")) {
            TransformParameterSpec spec = args.has("prefixlist") ? new ExcC14NParameterSpec(Arrays.asList(args.require("prefixlist").split(" "))) : null;
            transforms.add(fac.newTransform(args.require("reftransform"), spec));
        }
        List<Reference> references = new ArrayList<>();
        references.add(fac.newReference(uri, digest, transforms, null, null));

        List<XMLObject> objects = null;
        String sigId = args.get("sigid", null);
        if (args.has("signingtime")) {
            // The e-invoice signing time: a ds:Object holding SignatureProperties, signed by its own Reference.
            String objId = args.require("objid");
            Element signingTime = doc.createElementNS(null, "SigningTime");
            // The JDK canonicalises the DOM as it is: an element in no namespace under the
            // default-namespace ds:Object needs its xmlns="" written out, or the digest is taken
            // over <SigningTime> in the XMLDSig namespace while the file says otherwise.
            // nsfix=0 leaves it out, as a producer that missed this does.
            if (!"0".equals(args.get("nsfix", "1"))) signingTime.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", "");
            signingTime.setTextContent(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            SignatureProperty property = fac.newSignatureProperty(Collections.singletonList(new DOMStructure(signingTime)), "#" + sigId, null);
            SignatureProperties properties = fac.newSignatureProperties(Collections.singletonList(property), null);
            objects = Collections.singletonList(fac.newXMLObject(Collections.singletonList(properties), objId, null, null));
            references.add(fac.newReference("#" + objId, digest));
        }

        SignedInfo si = fac.newSignedInfo(
                fac.newCanonicalizationMethod(args.get("c14n", CanonicalizationMethod.INCLUSIVE), (C14NMethodParameterSpec) null),
                fac.newSignatureMethod(args.get("sigalg", SignatureMethod.RSA_SHA256), null),
                references);

        KeyInfoFactory kif = fac.getKeyInfoFactory();
        List<Object> x509Content = new ArrayList<>();
        X509Certificate leaf = keys.chain[0];
        x509Content.add(leaf.getSubjectX500Principal().getName());
        for (X509Certificate cert : keys.chain) x509Content.add(cert);
        String keyInfoKind = args.get("keyinfo", "x509");
        List<Object> keyInfoContent = new ArrayList<>();
        if (!keyInfoKind.equals("x509")) keyInfoContent.add(kif.newKeyValue(leaf.getPublicKey()));
        if (!keyInfoKind.equals("keyvalue")) keyInfoContent.add(kif.newX509Data(x509Content));
        @SuppressWarnings("unchecked")
        KeyInfo ki = kif.newKeyInfo((List) keyInfoContent);

        Element parent = doc.getDocumentElement();
        if (args.has("parent")) parent = findParent(doc, args.require("parent"));
        DOMSignContext dsc = new DOMSignContext(keys.key, parent);
        if (args.has("prefix")) dsc.putNamespacePrefix(XMLSignature.XMLNS, args.require("prefix"));
        if (args.has("id")) {
            String[] spec = args.require("id").split(":");
            NodeList elements = doc.getElementsByTagName(spec[0]);
            for (int i = 0; i < elements.getLength(); i++) dsc.setIdAttributeNS((Element) elements.item(i), null, spec[1]);
        }
        XMLSignature signature = fac.newXMLSignature(si, ki, objects, sigId, null);
        signature.sign(dsc);

        Transformer trans = TransformerFactory.newInstance().newTransformer();
        trans.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        try (OutputStream os = new FileOutputStream(args.positional.get(1))) {
            trans.transform(new DOMSource(doc), new StreamResult(os));
        }
    }
}
