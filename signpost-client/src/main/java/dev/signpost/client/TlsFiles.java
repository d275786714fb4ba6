package dev.signpost.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Certificates and keys from PEM files, as Consul's {@code ca_file}, {@code ca_path}, {@code cert_file} and
 * {@code key_file} (and {@code CONSUL_CACERT} and friends) name them. Keys may be PKCS#8, PKCS#1 RSA or SEC1 EC, the
 * forms {@code openssl} and {@code consul tls cert create} write; BouncyCastle parses them, the JDK's factories build
 * the key and trust managers. Errors are {@link IllegalArgumentException}s worded as Consul's tlsutil words them.
 */
public final class TlsFiles {
    private TlsFiles() {
    }

    /** The SSL context of these key managers (null: none) and trust managers (null: the JDK's CAs). */
    public static SSLContext sslContext(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A key manager presenting the certificate chain of {@code certFile} with the key of {@code keyFile}. */
    public static KeyManager[] keyPair(Path certFile, Path keyFile) {
        try {
            List<X509Certificate> chain = certificates(certFile);
            if (chain.isEmpty()) {
                throw new IOException("tls: failed to find any PEM data in certificate input");
            }
            PrivateKey key = privateKey(keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", key, new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Failed to load cert/key pair: " + goMessage(e), e);
        }
    }

    /**
     * A trust manager for the certificate authorities of {@code caFile}, else of every file under {@code caPath}
     * (Consul's rule: the file wins); empty when neither is given.
     */
    public static Optional<X509TrustManager> authorities(Optional<Path> caFile, Optional<Path> caPath) {
        List<X509Certificate> cas = new ArrayList<>();
        if (caFile.isPresent()) {
            cas.addAll(readCas(caFile.get()));
        } else if (caPath.isPresent()) {
            try (Stream<Path> files = Files.walk(caPath.get())) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    cas.addAll(readCas(file));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("Error loading from " + caPath.get() + ": " + goMessage(e), e);
            }
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("Error loading from CAPath: no CAs found");
            }
        } else {
            return Optional.empty();
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Stream.of(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("failed to build a trust store: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCas(Path file) {
        try {
            List<X509Certificate> found = certificates(file);
            if (found.isEmpty()) {
                throw new IOException("no PEM certificate in it");
            }
            return found;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Error loading from " + file + ": " + goMessage(e), e);
        }
    }

    /** Every certificate in a PEM file (a chain, or a bundle of CAs), in file order. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(file)) {
            return factory.generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("tls: failed to find any PEM data in certificate input", e);
        }
    }

    /** A missing or unreadable file as Go's os.Open words it, which is what Consul prints. */
    private static String goMessage(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "open " + missing.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "open " + denied.getFile() + ": permission denied";
        }
        return e.getMessage();
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("tls: failed to find any PEM data in key input");
    }
}
