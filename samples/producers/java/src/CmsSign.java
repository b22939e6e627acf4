import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaCRLStore;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A CMS SignedData over a file, made with BouncyCastle as its documentation shows: one
 * SignerInfo, the signer's chain in `certificates`, signed attributes by default
 * (content-type, signing-time, message-digest, CMS algorithm protection) or none
 * (setDirectSignature: the signature is over the content). Detached (.p7s) unless attached=1
 * (.p7m). stream=1 uses CMSSignedDataStreamGenerator, the streaming generator for large
 * files, which writes BER with indefinite lengths. ski=1 names the signer by its subject key
 * identifier (SignerInfo version 3). crl=/ocsp= carry revocation data in the SignedData.
 *
 * Usage: CmsSign CONTENT OUT p12=FILE pass=PW [alg=SHA256withRSA] [direct=1] [attached=1]
 *        [stream=1] [ski=1] [crl=DER,DER] [ocsp=DER] [tsa=CONFIG tsatime=TIME]
 */
public final class CmsSign {
    public static void main(String[] argv) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Args args = new Args(argv);
        Keys keys = Keys.load(args.require("p12"), args.require("pass"));
        byte[] content = Files.readAllBytes(new File(args.positional.get(0)).toPath());
        boolean attached = args.has("attached");

        ContentSigner signer = new JcaContentSignerBuilder(args.get("alg", "SHA256withRSA")).setProvider("BC").build(keys.key);
        JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build());
        if (args.has("direct")) builder.setDirectSignature(true);
        SignerInfoGenerator signerInfo;
        if (args.has("ski")) {
            byte[] extension = keys.chain[0].getExtensionValue(Extension.subjectKeyIdentifier.getId());
            byte[] ski = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getKeyIdentifier();
            signerInfo = builder.build(signer, ski);
        } else {
            signerInfo = builder.build(signer, keys.chain[0]);
        }
        JcaCertStore certs = new JcaCertStore(keys.chainList());
        List<X509CRL> crls = new ArrayList<>();
        if (args.has("crl")) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String path : args.require("crl").split(",")) {
                crls.add((X509CRL) factory.generateCRL(Files.newInputStream(new File(path).toPath())));
            }
        }
        ASN1Primitive ocsp = args.has("ocsp") ? ASN1Primitive.fromByteArray(Files.readAllBytes(new File(args.require("ocsp")).toPath())) : null;

        byte[] out;
        if (args.has("stream")) {
            CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(signerInfo);
            gen.addCertificates(certs);
            if (!crls.isEmpty()) gen.addCRLs(new JcaCRLStore(crls));
            if (ocsp != null) gen.addOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response, ocsp);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream sigOut = gen.open(bytes, attached)) {
                sigOut.write(content);
            }
            out = bytes.toByteArray();
        } else {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(signerInfo);
            gen.addCertificates(certs);
            if (!crls.isEmpty()) gen.addCRLs(new JcaCRLStore(crls));
            if (ocsp != null) gen.addOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response, ocsp);
            CMSSignedData signed = gen.generate(new CMSProcessableByteArray(content), attached);
            if (args.has("tsa")) signed = new Tsa(args.require("tsa"), args.require("tsatime")).addSignedTimeStamp(signed);
            out = signed.getEncoded();
        }
        Files.write(new File(args.positional.get(1)).toPath(), out);
    }
}
