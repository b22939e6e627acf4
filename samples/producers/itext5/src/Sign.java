// Signs a PDF with iText 5 the way the Vietnamese signing tools built on it do (VGCA signer,
// VNPT-CA / Viettel-CA PDF signers): PdfStamper.createSignature, then MakeSignature.signDetached
// with BouncyCastleDigest and PrivateKeySignature.
// Usage: java Sign key=value...   in= out= p12= [std=CMS|CADES] [digest=SHA-256|SHA-1]
//        [append=true|false] [visible=true] [field=NAME] [page=N] [rect=x1,y1,x2,y2]
//        [certify=form-filling|no-changes] [tsa=URL] [font=TTF] [text=...] [crl=DER,...]
//        [time=YYYY-MM-DDThh:mm:ssZ] [existing=true] [ocsp=DER] [mode=detached|sha1|deferred]
// mode=sha1: the old iText "adbe.pkcs7.sha1" container (PdfPKCS7 with the SHA-1 digest of the byte
// range encapsulated), still written by VN tools built on iTextSharp 5 with the pre-5.3 habits.
// mode=deferred: the remote-signing flow (VNPT SmartCA, Viettel MySign): a blank container
// first (signExternalContainer), then the CMS built apart and put in with signDeferred.
import com.itextpdf.text.Font;
import com.itextpdf.text.Rectangle;
import com.itextpdf.text.pdf.BaseFont;
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.PdfSignatureAppearance;
import com.itextpdf.text.pdf.PdfStamper;
import com.itextpdf.text.pdf.security.BouncyCastleDigest;
import com.itextpdf.text.pdf.security.CrlClient;
import com.itextpdf.text.pdf.security.ExternalDigest;
import com.itextpdf.text.pdf.security.ExternalSignature;
import com.itextpdf.text.pdf.security.MakeSignature;
import com.itextpdf.text.pdf.security.MakeSignature.CryptoStandard;
import com.itextpdf.text.pdf.security.PrivateKeySignature;
import com.itextpdf.text.pdf.security.TSAClient;
import com.itextpdf.text.pdf.security.TSAClientBouncyCastle;
import com.itextpdf.text.pdf.PdfDictionary;
import com.itextpdf.text.pdf.PdfName;
import com.itextpdf.text.pdf.PdfSigLockDictionary;
import com.itextpdf.text.pdf.security.DigestAlgorithms;
import com.itextpdf.text.pdf.security.ExternalBlankSignatureContainer;
import com.itextpdf.text.pdf.security.ExternalSignatureContainer;
import com.itextpdf.text.pdf.security.OcspClient;
import com.itextpdf.text.pdf.security.PdfPKCS7;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class Sign {
  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      int i = a.indexOf('=');
      o.put(a.substring(0, i), a.substring(i + 1));
    }
    Security.addProvider(new BouncyCastleProvider());
    char[] pass = "kyso".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(o.get("p12"))) {
      ks.load(in, pass);
    }
    String alias = ks.aliases().nextElement();
    PrivateKey key = (PrivateKey) ks.getKey(alias, pass);
    Certificate[] chain = ks.getCertificateChain(alias);

    // An owner-password-only encrypted base: the VN tools open it the way iText's FAQ says.
    PdfReader.unethicalreading = "true".equals(o.get("unethical"));
    PdfReader reader = o.containsKey("owner")
        ? new PdfReader(o.get("in"), o.get("owner").getBytes("ISO-8859-1")) : new PdfReader(o.get("in"));
    FileOutputStream os = new FileOutputStream(o.get("out"));
    boolean append = !"false".equals(o.get("append"));
    PdfStamper stamper = PdfStamper.createSignature(reader, os, '\0', null, append);
    PdfSignatureAppearance ap = stamper.getSignatureAppearance();
    ap.setReason(o.getOrDefault("reason", "Phê duyệt văn bản"));
    ap.setLocation(o.getOrDefault("location", "Hà Nội"));
    if (o.containsKey("time")) {
      // The signing tools put the PC clock in /M; fixed here so that rebuilds agree.
      // In the zone of the signer's PC (Asia/Ho_Chi_Minh): /M reads D:...+07'00'.
      Calendar cal = Calendar.getInstance(TimeZone.getTimeZone(o.getOrDefault("tz", "Asia/Ho_Chi_Minh")));
      cal.setTime(java.util.Date.from(java.time.Instant.parse(o.get("time"))));
      ap.setSignDate(cal);
    }
    if ("form-filling".equals(o.get("certify"))) {
      ap.setCertificationLevel(PdfSignatureAppearance.CERTIFIED_FORM_FILLING);
    } else if ("no-changes".equals(o.get("certify"))) {
      ap.setCertificationLevel(PdfSignatureAppearance.CERTIFIED_NO_CHANGES_ALLOWED);
    }
    String field = o.getOrDefault("field", "Signature1");
    if ("all".equals(o.get("lock"))) {
      // A field lock (/Lock, FieldMDP over every field) with the document left open to form filling.
      ap.setFieldLockDict(new PdfSigLockDictionary(PdfSigLockDictionary.LockAction.ALL,
          PdfSigLockDictionary.LockPermissions.FORM_FILLING));
    }
    if ("true".equals(o.get("existing"))) {
      // An empty signature field the author placed in the document ("ô ký").
      ap.setVisibleSignature(field);
      if (o.containsKey("font")) {
        BaseFont bf = BaseFont.createFont(o.get("font"), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        ap.setLayer2Font(new Font(bf, 9));
      }
      if (o.containsKey("text")) ap.setLayer2Text(o.get("text"));
    } else if ("true".equals(o.get("visible"))) {
      String[] r = o.getOrDefault("rect", "330,60,560,150").split(",");
      ap.setVisibleSignature(new Rectangle(Float.parseFloat(r[0]), Float.parseFloat(r[1]),
          Float.parseFloat(r[2]), Float.parseFloat(r[3])), Integer.parseInt(o.getOrDefault("page", "1")), field);
      BaseFont bf = BaseFont.createFont(o.get("font"), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      ap.setLayer2Font(new Font(bf, 9));
      if (o.containsKey("text")) ap.setLayer2Text(o.get("text"));
      ap.setRenderingMode(PdfSignatureAppearance.RenderingMode.DESCRIPTION);
    } else {
      // Invisible: a zero-size widget, as the VN tools do for "chữ ký ẩn".
      ap.setVisibleSignature(new Rectangle(0, 0, 0, 0), 1, field);
    }
    ExternalDigest digest = new BouncyCastleDigest();
    ExternalSignature signature = new PrivateKeySignature(key, o.getOrDefault("digest", "SHA-256"), "BC");
    TSAClient tsa = o.containsKey("tsa")
        ? new TSAClientBouncyCastle(o.get("tsa"), null, null, 4096,
            o.getOrDefault("tsadigest", o.getOrDefault("digest", "SHA-256"))) : null;
    List<CrlClient> crls = null;
    if (o.containsKey("crl")) {
      // Embedded in the CMS (adbe-revocationInfoArchival), as the VN tools do when they fetched a CRL.
      final List<byte[]> bytes = new ArrayList<>();
      for (String p : o.get("crl").split(",")) bytes.add(Files.readAllBytes(Paths.get(p)));
      crls = new ArrayList<>();
      crls.add(new CrlClient() {
        public Collection<byte[]> getEncoded(X509Certificate c, String url) {
          return c == chain[0] ? bytes : null;
        }
      });
    }
    OcspClient ocsp = null;
    if (o.containsKey("ocsp")) {
      // iText's OcspClientBouncyCastle hands over the BasicOCSPResponse of a fetched reply.
      final byte[] basic = ((BasicOCSPResp) new OCSPResp(Files.readAllBytes(Paths.get(o.get("ocsp"))))
          .getResponseObject()).getEncoded();
      ocsp = new OcspClient() {
        public byte[] getEncoded(X509Certificate c, X509Certificate issuer, String url) {
          return basic;
        }
      };
    }
    String mode = o.getOrDefault("mode", "detached");
    CryptoStandard std = CryptoStandard.valueOf(o.getOrDefault("std", "CMS"));
    if (mode.equals("detached")) {
      MakeSignature.signDetached(ap, digest, signature, chain, crls, ocsp, tsa, 0, std);
    } else if (mode.equals("sha1")) {
      ap.setCertificate(chain[0]);
      MakeSignature.signExternalContainer(ap, new ExternalSignatureContainer() {
        public byte[] sign(InputStream data) throws GeneralSecurityException {
          try {
            PdfPKCS7 p7 = new PdfPKCS7(key, chain, "SHA1", "BC", digest, true);
            byte[] buf = new byte[8192];
            int n;
            while ((n = data.read(buf)) > 0) p7.update(buf, 0, n);
            return p7.getEncodedPKCS7();
          } catch (IOException e) {
            throw new GeneralSecurityException(e);
          }
        }
        public void modifySigningDictionary(PdfDictionary d) {
          d.put(PdfName.FILTER, PdfName.ADOBE_PPKLITE);
          d.put(PdfName.SUBFILTER, PdfName.ADBE_PKCS7_SHA1);
        }
      }, 8192);
    } else if (mode.equals("deferred")) {
      ap.setCertificate(chain[0]);
      MakeSignature.signExternalContainer(ap,
          new ExternalBlankSignatureContainer(PdfName.ADOBE_PPKLITE,
              std == CryptoStandard.CADES ? PdfName.ETSI_CADES_DETACHED : PdfName.ADBE_PKCS7_DETACHED), 8192);
      // Phase 2, as the remote signer's callback: hash the byte range, have the CMS made, insert it.
      PdfReader prepared = new PdfReader(o.get("out"));
      java.io.ByteArrayOutputStream done = new java.io.ByteArrayOutputStream();
      MakeSignature.signDeferred(prepared, field, done, new ExternalSignatureContainer() {
        public byte[] sign(InputStream data) throws GeneralSecurityException {
          try {
            String alg = signature.getHashAlgorithm();
            byte[] hash = DigestAlgorithms.digest(data, digest.getMessageDigest(alg));
            PdfPKCS7 p7 = new PdfPKCS7(null, chain, alg, null, digest, false);
            byte[] attrs = p7.getAuthenticatedAttributeBytes(hash, null, null, std);
            p7.setExternalDigest(signature.sign(attrs), null, signature.getEncryptionAlgorithm());
            return p7.getEncodedPKCS7(hash, null, null, null, std);
          } catch (IOException e) {
            throw new GeneralSecurityException(e);
          }
        }
        public void modifySigningDictionary(PdfDictionary d) {}
      });
      prepared.close();
      Files.write(Paths.get(o.get("out")), done.toByteArray());
    }
  }
}
