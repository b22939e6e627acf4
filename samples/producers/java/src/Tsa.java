import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.Attributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * PDFBox's example TSAClient + ValidationTimeStamp, with the HTTP POST replaced by the
 * test TSA (`openssl ts -reply`) run as a child process: the request and the response are
 * the same RFC 3161 messages a TSA URL would exchange. FAKETIME in the child's environment
 * sets the token's genTime (the JVM itself runs under libfaketime, which the child inherits).
 */
final class Tsa {
    private final String config;
    private final String time;

    Tsa(String config, String time) {
        this.config = config;
        this.time = time;
    }

    /** ValidationTimeStamp.addSignedTimeStamp: one signatureTimeStampToken per SignerInfo. */
    CMSSignedData addSignedTimeStamp(CMSSignedData signedData) throws Exception {
        List<SignerInformation> signers = new ArrayList<>();
        for (SignerInformation signer : signedData.getSignerInfos().getSigners()) {
            signers.add(signTimeStamp(signer));
        }
        return CMSSignedData.replaceSigners(signedData, new SignerInformationStore(signers));
    }

    private SignerInformation signTimeStamp(SignerInformation signer) throws Exception {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        ASN1EncodableVector vector = unsigned == null ? new ASN1EncodableVector() : unsigned.toASN1EncodableVector();
        byte[] token = getTimeStampToken(signer.getSignature());
        ASN1ObjectIdentifier oid = PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;
        vector.add(new Attribute(oid, new DERSet(ASN1Primitive.fromByteArray(token))));
        return SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(new Attributes(vector)));
    }

    byte[] getTimeStampToken(byte[] data) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        // PDFBox's TSAClient draws a random nonce; a fixed one keeps rebuilds comparable.
        BigInteger nonce = BigInteger.valueOf(0x6b79736fL);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, hash, nonce);
        File query = File.createTempFile("kyso-tsq", ".der");
        File reply = File.createTempFile("kyso-tsr", ".der");
        try {
            Files.write(query.toPath(), request.getEncoded());
            ProcessBuilder pb = new ProcessBuilder("openssl", "ts", "-reply", "-config", config,
                    "-queryfile", query.getPath(), "-out", reply.getPath());
            pb.environment().put("FAKETIME", time);
            pb.redirectErrorStream(true);
            Process process = pb.start();
            String log = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) throw new IllegalStateException("openssl ts -reply failed: " + log);
            TimeStampResponse response = new TimeStampResponse(Files.readAllBytes(reply.toPath()));
            response.validate(request);
            return response.getTimeStampToken().getEncoded();
        } finally {
            query.delete();
            reply.delete();
        }
    }
}
