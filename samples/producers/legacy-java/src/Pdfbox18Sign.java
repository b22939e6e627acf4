import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.exceptions.SignatureException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.visible.PDVisibleSigProperties;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.visible.PDVisibleSignDesigner;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with Apache PDFBox 1.8 the way its CreateSignature and CreateVisibleSignature
 * examples did: a PDSignature (Adobe.PPKLite, adbe.pkcs7.detached, name, location, reason,
 * date), PDDocument.addSignature with a SignatureInterface whose sign(InputStream) returns a
 * detached CMS from BouncyCastle's CMSSignedDataGenerator, then the original copied to the output
 * and saveIncremental(copy, out) appending the update.
 *
 * PDFBox 1.8's addSignature always makes a new signature field unless the PDSignature already
 * is some field's value, so field=NAME signs a prepared empty field the way its users did it:
 * setSignature on that field first. image=PNG with page= and xy=X,Y makes the visible
 * signature of PDVisibleSignDesigner / PDVisibleSigProperties (CreateVisibleSignature).
 *
 * Usage: Pdfbox18Sign IN.pdf OUT.pdf p12=... pass=... [alg=SHA256withRSA] [field=NAME]
 *        [image=PNG page=N xy=X,Y]
 */
public final class Pdfbox18Sign implements SignatureInterface {
    private final Keys keys;
    private final String algorithm;

    private Pdfbox18Sign(Keys keys, String algorithm) {
        this.keys = keys;
        this.algorithm = algorithm;
    }

    @Override
    public byte[] sign(InputStream content) throws SignatureException, IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(keys.key);
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build()).build(signer, keys.chain[0]));
            generator.addCertificates(new JcaCertStore(Arrays.asList(keys.chain)));
            byte[] data = content.readAllBytes();
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(data), false);
            return signed.getEncoded();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Keys keys = Keys.load(args.require("p12"), args.require("pass"));
        File in = new File(args.positional.get(0));
        File out = new File(args.positional.get(1));
        PDDocument document = PDDocument.load(in);
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
        signature.setName(args.get("name", "kyso samples"));
        signature.setLocation(args.get("location", "Ha Noi"));
        signature.setReason(args.get("reason", "Ky duyet van ban"));
        signature.setSignDate(Calendar.getInstance());

        if (args.has("field")) {
            PDField field = document.getDocumentCatalog().getAcroForm().getField(args.get("field", null));
            ((PDSignatureField) field).setSignature(signature);
        }
        Pdfbox18Sign signer = new Pdfbox18Sign(keys, args.get("alg", "SHA256withRSA"));
        if (args.has("image")) {
            int page = Integer.parseInt(args.get("page", "1"));
            String[] xy = args.get("xy", "330,120").split(",");
            PDVisibleSignDesigner designer;
            try (InputStream image = new FileInputStream(args.get("image", null))) {
                designer = new PDVisibleSignDesigner(args.positional.get(0), image, page);
            }
            designer.xAxis(Float.parseFloat(xy[0])).yAxis(Float.parseFloat(xy[1])).zoom(-20).signatureFieldName("ChuKyCoQuan");
            PDVisibleSigProperties properties = new PDVisibleSigProperties();
            properties.signerName(signature.getName()).signerLocation(signature.getLocation())
                .signatureReason(signature.getReason()).preferredSize(0).page(page).visualSignEnabled(true)
                .setPdVisibleSignature(designer).buildSignature();
            SignatureOptions options = new SignatureOptions();
            options.setVisualSignature(properties);
            options.setPage(properties.getPage());
            document.addSignature(signature, signer, options);
        } else {
            document.addSignature(signature, signer);
        }
        // PDFBox 1.8's saveIncremental writes only the update: its example copies the original
        // to the output first, then hands saveIncremental that copy to read and the output to append to.
        try (FileOutputStream target = new FileOutputStream(out)) {
            target.write(java.nio.file.Files.readAllBytes(in.toPath()));
            try (FileInputStream copy = new FileInputStream(out)) {
                document.saveIncremental(copy, target);
            }
        }
        document.close();
    }
}
