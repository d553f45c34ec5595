package dev.cloudpacs.dicom.net.assoc;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * DICOM TLS (PS3.15 Annex B, the BCP 195 profiles) with JSSE: key and trust stores from PKCS#12 or
 * JKS files, TLS 1.2 and 1.3, optional or required client certificates.
 */
public final class Tls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final boolean requireClientCertificate;

    private Tls(SSLContext context, boolean requireClientCertificate) {
        this.context = context;
        this.requireClientCertificate = requireClientCertificate;
    }

    /**
     * @param keyStore   our certificate and key (null for a client without a certificate)
     * @param trustStore the certificates we trust (null = the JDK's default trust)
     */
    public static Tls of(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                         boolean requireClientCertificate) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore, keyStorePassword), keyStorePassword);
            }
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore, trustStorePassword));
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return new Tls(ctx, requireClientCertificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    public SocketFactory socketFactory() {
        SocketFactory base = context.getSocketFactory();
        return new SocketFactory() {
            @Override
            public java.net.Socket createSocket() throws IOException {
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) base.createSocket();
                s.setEnabledProtocols(PROTOCOLS);
                return s;
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws IOException {
                return base.createSocket(host, port);
            }

            @Override
            public java.net.Socket createSocket(String host, int port, InetAddress local, int localPort)
                    throws IOException {
                return base.createSocket(host, port, local, localPort);
            }

            @Override
            public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
                return base.createSocket(host, port);
            }

            @Override
            public java.net.Socket createSocket(InetAddress a, int p, InetAddress l, int lp) throws IOException {
                return base.createSocket(a, p, l, lp);
            }
        };
    }

    public ServerSocketFactory serverSocketFactory() {
        SSLServerSocketFactory base = context.getServerSocketFactory();
        boolean need = requireClientCertificate;
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return configure((SSLServerSocket) base.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return configure((SSLServerSocket) base.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return configure((SSLServerSocket) base.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress addr) throws IOException {
                return configure((SSLServerSocket) base.createServerSocket(port, backlog, addr));
            }

            private ServerSocket configure(SSLServerSocket s) {
                s.setEnabledProtocols(PROTOCOLS);
                if (need) {
                    s.setNeedClientAuth(true);
                } else {
                    s.setWantClientAuth(true);
                }
                return s;
            }
        };
    }
}
