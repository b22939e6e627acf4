import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Adds long-term validation data the way PDFBox's AddValidationInformation example does: a
 * /DSS in the catalog with /Certs, /CRLs and /OCSPs streams and a /VRI entry for the last
 * signature (keyed by the upper-case hex SHA-1 of its /Contents, with /TU), the catalog's
 * /Extensions /ADBE level 5 and /Version 1.7, saved incrementally. The revocation data comes
 * from files instead of the network.
 *
 * Usage: AddDss IN.pdf OUT.pdf cert=DER... crl=DER... ocsp=DER...   (repeat as cert=a,b)
 */
public final class AddDss {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        try (PDDocument document = PDDocument.load(new File(args.positional.get(0)));
             OutputStream output = new FileOutputStream(args.positional.get(1))) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            PDSignature signature = signatures.get(signatures.size() - 1);

            PDDocumentCatalog docCatalog = document.getDocumentCatalog();
            COSDictionary catalog = docCatalog.getCOSObject();
            catalog.setNeedToBeUpdated(true);
            COSDictionary dss = getOrCreate(COSDictionary.class, catalog, "DSS");
            addExtensions(docCatalog);
            COSDictionary vriBase = getOrCreate(COSDictionary.class, dss, "VRI");
            COSArray ocsps = getOrCreate(COSArray.class, dss, "OCSPs");
            COSArray crls = getOrCreate(COSArray.class, dss, "CRLs");
            COSArray certs = getOrCreate(COSArray.class, dss, "Certs");

            COSDictionary vri = new COSDictionary();
            COSArray vriCerts = new COSArray();
            COSArray vriCrls = new COSArray();
            COSArray vriOcsps = new COSArray();
            for (String path : list(args, "cert")) add(document, certs, vriCerts, path);
            for (String path : list(args, "crl")) add(document, crls, vriCrls, path);
            for (String path : list(args, "ocsp")) add(document, ocsps, vriOcsps, path);
            vri.setItem(COSName.getPDFName("Cert"), vriCerts);
            if (vriCrls.size() > 0) vri.setItem(COSName.getPDFName("CRL"), vriCrls);
            if (vriOcsps.size() > 0) vri.setItem(COSName.getPDFName("OCSP"), vriOcsps);
            vri.setDate(COSName.getPDFName("TU"), Calendar.getInstance());
            vriBase.setItem(COSName.getPDFName(hex(MessageDigest.getInstance("SHA-1").digest(signature.getContents()))), vri);

            document.saveIncremental(output);
        }
    }

    private static String[] list(Args args, String name) {
        return args.has(name) ? args.require(name).split(",") : new String[0];
    }

    private static void add(PDDocument document, COSArray dssArray, COSArray vriArray, String path) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
            os.write(Files.readAllBytes(new File(path).toPath()));
        }
        dssArray.add(stream);
        vriArray.add(stream);
    }

    private static <T extends COSBase & org.apache.pdfbox.cos.COSUpdateInfo> T getOrCreate(Class<T> clazz, COSDictionary parent, String name) throws Exception {
        COSBase element = parent.getDictionaryObject(name);
        T result;
        if (clazz.isInstance(element)) {
            result = clazz.cast(element);
            result.setNeedToBeUpdated(true);
        } else {
            result = clazz.getDeclaredConstructor().newInstance();
            result.setDirect(false);
            parent.setItem(COSName.getPDFName(name), result);
        }
        return result;
    }

    /** AddValidationInformation.addExtensions: the ADBE extension level that defines the DSS. */
    private static void addExtensions(PDDocumentCatalog catalog) {
        COSDictionary dssExtensions = new COSDictionary();
        dssExtensions.setDirect(true);
        catalog.getCOSObject().setItem("Extensions", dssExtensions);
        COSDictionary adbeExtension = new COSDictionary();
        adbeExtension.setDirect(true);
        dssExtensions.setItem("ADBE", adbeExtension);
        adbeExtension.setName("BaseVersion", "1.7");
        adbeExtension.setInt("ExtensionLevel", 5);
        catalog.setVersion("1.7");
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format("%02X", b));
        return sb.toString();
    }
}
