import java.io.FileOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Calendar;
import java.util.HashMap;
import com.lowagie.text.Image;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPKCS7;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfSignature;
import com.lowagie.text.pdf.PdfSignatureAppearance;
import com.lowagie.text.pdf.PdfStamper;
import com.lowagie.text.pdf.PdfString;

/**
 * Signs a PDF with iText 2.1.7 (com.lowagie), the two ways its users did:
 *
 * - mode=wincer|verisign|self: PdfSignatureAppearance.setCrypto with the private key, and iText
 *   builds the whole signature itself on close(): WINCER_SIGNED is adbe.pkcs7.sha1,
 *   VERISIGN_SIGNED is adbe.pkcs7.detached, SELF_SIGNED is adbe.x509.rsa_sha1, each with the
 *   digest iText picks for it;
 * - mode=external (default): the "external hash" recipe of iText 2.1.7's signing tutorial that
 *   most signing plugins of the time copied (the key lived on a USB token): setCrypto(null, chain),
 *   an adbe.pkcs7.detached dictionary, preClose with a reserved /Contents, the digest of
 *   getRangeStream(), PdfPKCS7.getAuthenticatedAttributeBytes signed, getEncodedPKCS7, close.
 *   hash=SHA-256 (default) or SHA1.
 *
 * Options: p12= pass= (signer), append=0 (a full rewrite instead of an incremental update),
 * field=NAME (sign this existing empty field), rect=PAGE,LLX,LLY,URX,URY (a new visible field),
 * text= (the appearance's description), image=PNG (a seal image beside it), certify=1|2|3,
 * reason=, location=.
 *
 * Usage: ItextSign IN.pdf OUT.pdf p12=... pass=... [options]
 */
public final class ItextSign {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Keys keys = Keys.load(args.require("p12"), args.require("pass"));
        Certificate[] chain = keys.chain;
        PdfReader reader = new PdfReader(args.positional.get(0));
        boolean append = !args.get("append", "1").equals("0");
        FileOutputStream out = new FileOutputStream(args.positional.get(1));
        PdfStamper stamper = PdfStamper.createSignature(reader, out, '\0', null, append);
        PdfSignatureAppearance appearance = stamper.getSignatureAppearance();
        appearance.setReason(args.get("reason", "Ky duyet van ban"));
        appearance.setLocation(args.get("location", "Ha Noi"));
        if (args.has("certify")) appearance.setCertificationLevel(Integer.parseInt(args.get("certify", "0")));

        if (args.has("field")) {
            appearance.setVisibleSignature(args.get("field", null));
        } else if (args.has("rect")) {
            String[] r = args.get("rect", null).split(",");
            appearance.setVisibleSignature(new Rectangle(Float.parseFloat(r[1]), Float.parseFloat(r[2]),
                Float.parseFloat(r[3]), Float.parseFloat(r[4])), Integer.parseInt(r[0]), null);
        }
        if (args.has("text")) appearance.setLayer2Text(args.get("text", null).replace('|', '\n'));
        if (args.has("image")) {
            appearance.setSignatureGraphic(Image.getInstance(args.get("image", null)));
            appearance.setRender(PdfSignatureAppearance.SignatureRenderGraphicAndDescription);
        }

        String mode = args.get("mode", "external");
        if (!mode.equals("external")) {
            PdfName filter = mode.equals("wincer") ? PdfSignatureAppearance.WINCER_SIGNED
                : mode.equals("verisign") ? PdfSignatureAppearance.VERISIGN_SIGNED
                : PdfSignatureAppearance.SELF_SIGNED;
            appearance.setCrypto(keys.key, chain, null, filter);
            stamper.close();
            return;
        }

        String hash = args.get("hash", "SHA-256");
        appearance.setCrypto(null, chain, null, PdfSignatureAppearance.WINCER_SIGNED);
        PdfSignature dictionary = new PdfSignature(PdfName.ADOBE_PPKLITE, new PdfName("adbe.pkcs7.detached"));
        dictionary.setReason(appearance.getReason());
        dictionary.setLocation(appearance.getLocation());
        dictionary.setName(commonName(keys.chain[0]));
        dictionary.setDate(new PdfDate(appearance.getSignDate()));
        appearance.setCryptoDictionary(dictionary);
        int reserved = 4096;
        HashMap<PdfName, Integer> exclusions = new HashMap<>();
        exclusions.put(PdfName.CONTENTS, Integer.valueOf(reserved * 2 + 2));
        appearance.preClose(exclusions);

        MessageDigest digest = MessageDigest.getInstance(hash);
        try (InputStream data = appearance.getRangeStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = data.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        byte[] documentHash = digest.digest();
        Calendar now = Calendar.getInstance();
        PdfPKCS7 pkcs7 = new PdfPKCS7(keys.key, chain, null, hash, null, false);
        byte[] attributes = pkcs7.getAuthenticatedAttributeBytes(documentHash, now, null);
        pkcs7.update(attributes, 0, attributes.length);
        byte[] encoded = pkcs7.getEncodedPKCS7(documentHash, now);
        byte[] contents = new byte[reserved];
        System.arraycopy(encoded, 0, contents, 0, encoded.length);
        PdfDictionary update = new PdfDictionary();
        update.put(PdfName.CONTENTS, new PdfString(contents).setHexWriting(true));
        appearance.close(update);
    }

    /** The signer's CN for /Name, as iText's own PdfPKCS7.getSubjectFields(cert).getField("CN") gives it. */
    private static String commonName(java.security.cert.X509Certificate certificate) throws Exception {
        for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
        }
        return null;
    }
}
