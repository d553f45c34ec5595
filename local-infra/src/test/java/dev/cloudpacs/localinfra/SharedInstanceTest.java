package dev.cloudpacs.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The per-JVM test instance: one start, the same handle for every caller, data under target/. */
class SharedInstanceTest {

    @Test
    void sharedStartsOnceAndServes() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        assertSame(infra, LocalInfra.shared());
        assertEquals(Path.of("target/local-infra-test").toAbsolutePath().normalize(), infra.dataDir());
        assertTrue(infra.status().up());
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_user")) {
            assertTrue(rs.next());
            assertEquals("pacs", rs.getString(1));
            assertEquals("pacs", rs.getString(2));
        }
        // Stopped by the shutdown hook when this test JVM exits.
    }
}
