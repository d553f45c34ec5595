package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.Tls;
import dev.cloudpacs.dicom.net.pdu.UserInformation;
import picocli.CommandLine.Option;

import javax.net.SocketFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Network options shared by the SCU tools; names follow DCMTK where it has them. */
public final class NetOptions {
    @Option(names = {"-aet", "--calling-ae"}, paramLabel = "AE", description = "our AE title (default: ${DEFAULT-VALUE})",
            defaultValue = "CLOUDPACS")
    public String callingAe;

    @Option(names = {"-aec", "--called-ae"}, paramLabel = "AE", description = "the peer's AE title (default: ${DEFAULT-VALUE})",
            defaultValue = "ANY-SCP")
    public String calledAe;

    @Option(names = {"-v", "--verbose"}, description = "print the association negotiation and each message")
    public boolean verbose;

    @Option(names = {"-to", "--connect-timeout"}, paramLabel = "S", defaultValue = "10", description = "TCP connect timeout in seconds")
    public int connectTimeout;

    @Option(names = {"-ta", "--acse-timeout"}, paramLabel = "S", defaultValue = "30",
            description = "timeout for association negotiation (ARTIM) in seconds")
    public int acseTimeout;

    @Option(names = {"-td", "--dimse-timeout"}, paramLabel = "S", defaultValue = "60",
            description = "timeout for each DIMSE response in seconds (0 = none)")
    public int dimseTimeout;

    @Option(names = {"-pdu", "--max-pdu"}, paramLabel = "N", defaultValue = "116794", description = "maximum PDU length we receive")
    public int maxPdu;

    @Option(names = "--tls", description = "use DICOM TLS")
    public boolean tls;

    @Option(names = "--key-store", paramLabel = "FILE", description = "PKCS#12 key store with our certificate (TLS)")
    public Path keyStore;

    @Option(names = "--key-store-pass", paramLabel = "PASS", description = "key store password", arity = "0..1",
            interactive = true)
    public char[] keyStorePass;

    @Option(names = "--trust-store", paramLabel = "FILE", description = "PKCS#12 trust store with the certificates we trust (TLS)")
    public Path trustStore;

    @Option(names = "--trust-store-pass", paramLabel = "PASS", description = "trust store password", arity = "0..1",
            interactive = true)
    public char[] trustStorePass;

    @Option(names = "--user", paramLabel = "NAME", description = "user identity: username")
    public String user;

    @Option(names = "--password", paramLabel = "PASS", description = "user identity: passcode (with --user)", arity = "0..1",
            interactive = true)
    public char[] password;

    @Option(names = "--jwt", paramLabel = "TOKEN", description = "user identity: JSON Web Token")
    public String jwt;

    public AssociationOptions associationOptions() {
        return AssociationOptions.DEFAULT.withMaxPduLength(maxPdu).withConnectTimeout(connectTimeout * 1000)
                .withArtim(acseTimeout * 1000L).withDimseTimeout(dimseTimeout * 1000L);
    }

    public SocketFactory socketFactory() throws IOException {
        if (!tls) {
            return null;
        }
        return Tls.of(keyStore, keyStorePass, trustStore, trustStorePass, false).socketFactory();
    }

    /** The user identity sub-item to propose, or null. */
    public UserInformation.UserIdentityRq identity() {
        if (jwt != null) {
            return new UserInformation.UserIdentityRq(UserInformation.UserIdentityRq.JWT, true,
                    jwt.getBytes(StandardCharsets.UTF_8), new byte[0]);
        }
        if (user != null && password != null) {
            return UserInformation.UserIdentityRq.usernameAndPasscode(user, new String(password), true);
        }
        if (user != null) {
            return UserInformation.UserIdentityRq.username(user, true);
        }
        return null;
    }
}
