package dev.cloudpacs.common.ae;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.assoc.Tls;

import javax.net.SocketFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** How the archive connects to a registered AE (C-MOVE destinations, storage commitment requesters). */
public final class PeerConnections {
    private PeerConnections() {
    }

    /**
     * The socket factory for {@code ae}: null (plain TCP) unless it is registered with TLS. Our key store
     * authenticates us to peers that ask; no trust store means the JDK's default trust.
     */
    public static SocketFactory socketFactory(PacsConfig config, ApplicationEntity ae) throws IOException {
        if (!ae.tls) {
            return null;
        }
        PacsConfig.Tls t = config.dimse().tls();
        return Tls.of(t.keyStore().map(Path::of).orElse(null), chars(t.keyStorePassword()),
                t.trustStore().map(Path::of).orElse(null), chars(t.trustStorePassword()), false).socketFactory();
    }

    private static char[] chars(Optional<String> s) {
        return s.map(String::toCharArray).orElse(null);
    }
}
