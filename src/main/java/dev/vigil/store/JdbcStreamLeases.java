package dev.vigil.store;

import dev.vigil.stream.StreamLeases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream leases in the shared database: a row per stream naming its server and when its lease ends. A server renews
 * its rows and takes rows that are missing or expired in one statement per stream, so two servers can never both
 * hold one. A server that cannot renew (database gone) gives up everything at once, before its leases could expire
 * and be taken: that is the order that keeps a stream from running twice. Servers' clocks must agree to well within
 * the lease (NTP).
 */
public final class JdbcStreamLeases implements StreamLeases {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStreamLeases.class);

    private final Database db;
    private final String server;
    private final Duration lease;
    private final Clock clock;

    public JdbcStreamLeases(Database db, String server, Duration lease, Clock clock) {
        this.db = db;
        this.server = server;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public Set<String> claim(Set<String> wanted) {
        long now = clock.millis();
        try {
            return db.write(c -> {
                Set<String> held = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream_leases (stream_id, owner, expires_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET owner = excluded.owner, "
                        + "expires_at = excluded.expires_at WHERE stream_leases.owner = excluded.owner "
                        + "OR stream_leases.expires_at < ?")) {
                    for (String id : wanted) {
                        ps.setString(1, id);
                        ps.setString(2, server);
                        ps.setLong(3, now + lease.toMillis());
                        ps.setLong(4, now);
                        if (ps.executeUpdate() > 0) held.add(id);
                    }
                }
                return held;
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot renew stream leases; stopping this server's streams until the database answers: {}", e.getMessage());
            return Set.of();
        }
    }

    @Override
    public Map<String, String> owners() {
        long now = clock.millis();
        return db.read(c -> {
            Map<String, String> owners = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, owner FROM stream_leases WHERE expires_at >= ?")) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) owners.put(rs.getString(1), rs.getString(2));
                }
            }
            return owners;
        });
    }

    @Override
    public void release(Set<String> streamIds) {
        if (streamIds.isEmpty()) return;
        try {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_leases WHERE stream_id = ? AND owner = ?")) {
                    for (String id : streamIds) {
                        ps.setString(1, id);
                        ps.setString(2, server);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot release stream leases (they expire by themselves): {}", e.getMessage());
        }
    }
}
