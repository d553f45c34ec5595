package dev.cloudpacs.testkit;

import dev.cloudpacs.localinfra.LocalInfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared index of an archive under test, reached over plain JDBC. */
public final class TestIndex {
    private final LocalInfra infra;

    public TestIndex(LocalInfra infra) {
        this.infra = infra;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
    }

    /** Empties every table, so each run starts from nothing (a no-op before the first migration). */
    public void empty() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('instance') IS NOT NULL THEN"
                    + " TRUNCATE instance, series, study, patient, outbox, retrieve_job, commitment_transaction,"
                    + " application_entity RESTART IDENTITY CASCADE; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test index: " + e.getMessage(), e);
        }
    }

    /** Registers (or replaces) a remote AE, as {@code ./pacs ae add} does. */
    public void registerAe(String title, String host, int port) {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO application_entity (ae_title, host, port)"
                     + " VALUES (?, ?, ?) ON CONFLICT (ae_title) DO UPDATE SET host = EXCLUDED.host,"
                     + " port = EXCLUDED.port, updated_at = now()")) {
            ps.setString(1, title);
            ps.setString(2, host);
            ps.setInt(3, port);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register AE " + title + ": " + e.getMessage(), e);
        }
    }
}
