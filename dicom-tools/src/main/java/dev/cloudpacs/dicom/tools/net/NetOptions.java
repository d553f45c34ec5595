package dev.cloudpacs.dicom.tools.net;

import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.Tls;
import dev.cloudpacs.dicom.net.pdu.UserInformation;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;

import javax.net.SocketFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Network options shared by the SCU tools; names follow DCMTK where it has them. Each tool that uses
 * them adds them to its command line with {@link #register}.
 */
public final class NetOptions {
    public String host;
    public int port;
    public String callingAe;
    public String calledAe;
    public boolean verbose;
    public int connectTimeout;
    public int acseTimeout;
    public int dimseTimeout;
    public int maxPdu;
    public boolean tls;
    public Path keyStore;
    public char[] keyStorePass;
    public Path trustStore;
    public char[] trustStorePass;
    public String user;
    public char[] password;
    public String jwt;

    /** Adds the HOST and PORT of the peer to call as the command's first parameters. */
    public void registerPeer(CommandSpec spec) {
        spec.positional("HOST").value(Converters.STRING, v -> host = v);
        spec.positional("PORT").value(Converters.INT, v -> port = v);
    }

    /** Adds these options to a command's line, their values set on this object. */
    public void register(CommandSpec spec) {
        spec.option("-aet", "--calling-ae").label("AE").defaultValue("CLOUDPACS")
                .description("our AE title (default: ${DEFAULT-VALUE})").value(Converters.STRING, v -> callingAe = v);
        spec.option("-aec", "--called-ae").label("AE").defaultValue("ANY-SCP")
                .description("the peer's AE title (default: ${DEFAULT-VALUE})").value(Converters.STRING, v -> calledAe = v);
        spec.option("-v", "--verbose").description("print the association negotiation and each message")
                .flag(v -> verbose = v);
        spec.option("-to", "--connect-timeout").label("S").defaultValue("10")
                .description("TCP connect timeout in seconds").value(Converters.INT, v -> connectTimeout = v);
        spec.option("-ta", "--acse-timeout").label("S").defaultValue("30")
                .description("timeout for association negotiation (ARTIM) in seconds")
                .value(Converters.INT, v -> acseTimeout = v);
        spec.option("-td", "--dimse-timeout").label("S").defaultValue("60")
                .description("timeout for each DIMSE response in seconds (0 = none)")
                .value(Converters.INT, v -> dimseTimeout = v);
        spec.option("-pdu", "--max-pdu").label("N").defaultValue("116794")
                .description("maximum PDU length we receive").value(Converters.INT, v -> maxPdu = v);
        spec.option("--tls").description("use DICOM TLS").flag(v -> tls = v);
        spec.option("--key-store").label("FILE").description("PKCS#12 key store with our certificate (TLS)")
                .value(Converters.PATH, v -> keyStore = v);
        spec.option("--key-store-pass").label("PASS").description("key store password").password(v -> keyStorePass = v);
        spec.option("--trust-store").label("FILE").description("PKCS#12 trust store with the certificates we trust (TLS)")
                .value(Converters.PATH, v -> trustStore = v);
        spec.option("--trust-store-pass").label("PASS").description("trust store password")
                .password(v -> trustStorePass = v);
        spec.option("--user").label("NAME").description("user identity: username").value(Converters.STRING, v -> user = v);
        spec.option("--password").label("PASS").description("user identity: passcode (with --user)")
                .password(v -> password = v);
        spec.option("--jwt").label("TOKEN").description("user identity: JSON Web Token").value(Converters.STRING, v -> jwt = v);
        spec.option("--token").label("TOKEN").description("user identity: an access token of the identity provider"
                + " (a JWT, e.g. $(./pacs token))").value(Converters.STRING, v -> jwt = v);
    }

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
