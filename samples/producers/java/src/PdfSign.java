import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF the way PDFBox 2's examples do (CreateSignatureBase, CreateSignature,
 * CreateVisibleSignature2, SigUtils.setMDPPermission, ValidationTimeStamp): a PDSignature
 * added with addSignature, saved incrementally, the CMS SignedData made by BouncyCastle's
 * CMSSignedDataGenerator over the ByteRange bytes (detached), with the signer's chain.
 *
 * Usage: PdfSign IN.pdf OUT.pdf p12=FILE pass=PW [alg=SHA256withRSA] [subfilter=adbe|cades]
 *        [visible=TEXT] [field=NAME [acroform=fixup]] [certify=P] [tsa=CONFIG tsatime=TIME] [external=1] [name= reason= location=]
 *        PdfSign IN.pdf OUT.pdf doctimestamp=1 tsa=CONFIG tsatime=TIME
 */
public final class PdfSign implements SignatureInterface {
    private final Keys keys;
    private final String algorithm;
    private final boolean cades;
    private final Tsa tsa;

    private PdfSign(Keys keys, String algorithm, boolean cades, Tsa tsa) {
        this.keys = keys;
        this.algorithm = algorithm;
        this.cades = cades;
        this.tsa = tsa;
    }

    @Override
    public byte[] sign(InputStream content) throws IOException {
        try {
            X509Certificate cert = keys.chain[0];
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(algorithm);
            // The JDK names RSA-PSS differently (RSASSA-PSS + parameters): BouncyCastle's provider takes "…andMGF1".
            if (algorithm.endsWith("andMGF1")) signerBuilder.setProvider(BouncyCastleProvider.PROVIDER_NAME);
            ContentSigner signer = signerBuilder.build(keys.key);
            JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
            if (cades) builder.setSignedAttributeGenerator(padesAttributes(cert));
            gen.addSignerInfoGenerator(builder.build(signer, cert));
            gen.addCertificates(new JcaCertStore(keys.chainList()));
            CMSSignedData signedData = gen.generate(new CMSProcessableByteArray(IOUtils.toByteArray(content)), false);
            if (tsa != null) signedData = tsa.addSignedTimeStamp(signedData);
            return signedData.getEncoded();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * ETSI.CAdES.detached (PAdES baseline B, ETSI EN 319 142-1 §6.3): an ESS
     * signing-certificate-v2 attribute, and no signing-time attribute (the claimed time is
     * the signature dictionary's /M), as PAdES signers built on BouncyCastle write it.
     */
    private static CMSAttributeTableGenerator padesAttributes(X509Certificate cert) throws Exception {
        byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash, issuerSerial);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(certId))));
        DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(new AttributeTable(v));
        return parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
    }

    public static void main(String[] argv) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Args args = new Args(argv);
        File in = new File(args.positional.get(0));
        File out = new File(args.positional.get(1));
        Keys keys = args.has("p12") ? Keys.load(args.require("p12"), args.require("pass")) : null;
        Tsa tsa = args.has("tsa") ? new Tsa(args.require("tsa"), args.require("tsatime")) : null;
        boolean cades = "cades".equals(args.get("subfilter", "adbe"));
        PdfSign signing = new PdfSign(keys, args.get("alg", "SHA256withRSA"), cades, tsa);

        try (PDDocument doc = PDDocument.load(in); OutputStream output = new FileOutputStream(out)) {
            if (args.has("doctimestamp")) {
                documentTimestamp(doc, tsa, output);
                return;
            }
            PDSignature signature = new PDSignature();
            if (args.has("field")) {
                // CreateVisibleSignature2.findExistingSignature: sign into the template's field.
                // The example opens the form with getAcroForm(null); code that calls the
                // no-argument getAcroForm() (acroform=fixup) lets PDFBox's AcroFormDefaultFixup
                // add /Helv and /ZaDb to the form's default resources, which this save then writes.
                PDAcroForm acroForm = "fixup".equals(args.get("acroform", ""))
                        ? doc.getDocumentCatalog().getAcroForm()
                        : doc.getDocumentCatalog().getAcroForm(null);
                PDSignatureField signatureField = (PDSignatureField) acroForm.getField(args.require("field"));
                signatureField.getCOSObject().setItem(COSName.V, signature);
            }
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(cades ? COSName.getPDFName("ETSI.CAdES.detached") : PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(args.get("name", null));
            signature.setLocation(args.get("location", "Ha Noi"));
            signature.setReason(args.get("reason", "Phe duyet van ban"));
            signature.setSignDate(Calendar.getInstance());
            if (args.has("certify")) setMDPPermission(doc, signature, Integer.parseInt(args.require("certify")));

            SignatureOptions options = new SignatureOptions();
            // Room for the chain and a timestamp token (PDFBox's examples use 32 KB with a TSA).
            options.setPreferredSignatureSize(tsa != null ? 16384 : 8192);
            if (args.has("visible")) {
                PDRectangle rect = new PDRectangle(330, 560, 220, 60);
                options.setVisualSignature(visualSignatureTemplate(doc, 0, rect, args.require("visible")));
                options.setPage(0);
            }
            if (args.has("external")) {
                // Remote or token signing (a signing service returns the CMS for the bytes it got).
                doc.addSignature(signature, options);
                ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(output);
                external.setSignature(signing.sign(external.getContent()));
            } else {
                doc.addSignature(signature, signing, options);
                doc.saveIncremental(output);
            }
            options.close();
        }
    }

    /**
     * CreateSignedTimeStamp from PDFBox's examples: a document timestamp (/Type /DocTimeStamp,
     * /SubFilter /ETSI.RFC3161) whose /Contents is the TSA's token over the ByteRange bytes.
     */
    private static void documentTimestamp(PDDocument doc, Tsa tsa, OutputStream output) throws IOException {
        PDSignature signature = new PDSignature();
        signature.setType(COSName.DOC_TIME_STAMP);
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
        SignatureOptions options = new SignatureOptions();
        options.setPreferredSignatureSize(16384);
        doc.addSignature(signature, content -> {
            try {
                return tsa.getTimeStampToken(IOUtils.toByteArray(content));
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }, options);
        doc.saveIncremental(output);
        options.close();
    }

    /** SigUtils.setMDPPermission from PDFBox's examples: a DocMDP certification signature. */
    static void setMDPPermission(PDDocument doc, PDSignature signature, int accessPermissions) {
        COSDictionary sigDict = signature.getCOSObject();
        COSDictionary transformParameters = new COSDictionary();
        transformParameters.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        transformParameters.setInt(COSName.P, accessPermissions);
        transformParameters.setName(COSName.V, "1.2");
        transformParameters.setNeedToBeUpdated(true);
        COSDictionary referenceDict = new COSDictionary();
        referenceDict.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        referenceDict.setItem("TransformMethod", COSName.DOCMDP);
        referenceDict.setItem("DigestMethod", COSName.getPDFName("SHA1"));
        referenceDict.setItem("TransformParams", transformParameters);
        referenceDict.setNeedToBeUpdated(true);
        COSArray referenceArray = new COSArray();
        referenceArray.add(referenceDict);
        sigDict.setItem("Reference", referenceArray);
        referenceArray.setNeedToBeUpdated(true);
        COSDictionary catalogDict = doc.getDocumentCatalog().getCOSObject();
        COSDictionary permsDict = new COSDictionary();
        catalogDict.setItem(COSName.PERMS, permsDict);
        permsDict.setItem(COSName.DOCMDP, signature);
        catalogDict.setNeedToBeUpdated(true);
        permsDict.setNeedToBeUpdated(true);
    }

    /** CreateVisibleSignature2.createVisualSignatureTemplate, with a text-only appearance. */
    private static InputStream visualSignatureTemplate(PDDocument srcDoc, int pageNum, PDRectangle rect, String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(srcDoc.getPage(pageNum).getMediaBox());
            doc.addPage(page);
            PDAcroForm acroForm = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(acroForm);
            PDSignatureField signatureField = new PDSignatureField(acroForm);
            PDAnnotationWidget widget = signatureField.getWidgets().get(0);
            List<PDField> acroFormFields = acroForm.getFields();
            acroForm.setSignaturesExist(true);
            acroForm.setAppendOnly(true);
            acroForm.getCOSObject().setDirect(true);
            acroFormFields.add(signatureField);
            widget.setRectangle(rect);

            PDStream stream = new PDStream(doc);
            PDFormXObject form = new PDFormXObject(stream);
            PDResources res = new PDResources();
            form.setResources(res);
            form.setFormType(1);
            PDRectangle bbox = new PDRectangle(rect.getWidth(), rect.getHeight());
            form.setBBox(bbox);
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream appearanceStream = new PDAppearanceStream(form.getCOSObject());
            appearance.setNormalAppearance(appearanceStream);
            widget.setAppearance(appearance);

            try (PDPageContentStream cs = new PDPageContentStream(doc, appearanceStream)) {
                cs.setStrokingColor(0.8f, 0f, 0f);
                cs.setLineWidth(1.5f);
                cs.addRect(1, 1, rect.getWidth() - 2, rect.getHeight() - 2);
                cs.stroke();
                cs.beginText();
                cs.setFont(PDType1Font.HELVETICA, 9);
                cs.setNonStrokingColor(0.8f, 0f, 0f);
                cs.setLeading(12);
                cs.newLineAtOffset(6, rect.getHeight() - 15);
                for (String line : text.split("\\|")) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }
            ByteArrayOutputStream baos = new ByteArrayOutputStream();
            doc.save(baos);
            return new ByteArrayInputStream(baos.toByteArray());
        }
    }
}
