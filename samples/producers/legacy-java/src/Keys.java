import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Loads a signer's key and chain from a PKCS#12 file, as PDFBox's CreateSignatureBase and
 * most Java signing services do (KeyStore.getInstance("PKCS12")). The chain is what the
 * PKCS#12 holds: the leaf and the intermediate CA, never the root.
 */
final class Keys {
    final PrivateKey key;
    final X509Certificate[] chain;

    private Keys(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    static Keys load(String path, String password) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            keystore.load(in, password.toCharArray());
        }
        for (String alias : Collections.list(keystore.aliases())) {
            if (!keystore.isKeyEntry(alias)) continue;
            PrivateKey key = (PrivateKey) keystore.getKey(alias, password.toCharArray());
            Certificate[] chain = keystore.getCertificateChain(alias);
            return new Keys(key, Arrays.copyOf(chain, chain.length, X509Certificate[].class));
        }
        throw new IllegalArgumentException("no key entry in " + path);
    }

    List<X509Certificate> chainList() {
        return Arrays.asList(chain);
    }
}
