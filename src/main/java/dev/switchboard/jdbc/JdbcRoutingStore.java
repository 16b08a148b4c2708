package dev.switchboard.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.common.Json;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.AgentProfile;
import dev.switchboard.routing.Availability;
import dev.switchboard.routing.CustomerDetails;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.EntryState;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.RoutingStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RoutingStore} on the shared {@link Database}: tables {@code queue_entries} and
 * {@code agent_profiles}. Customer details, the agents who held a chat or declined it and an agent's
 * departments are stored as JSON text. Writes are update-or-insert by key inside one transaction; the routing
 * service serializes its writes, so two writers never race for one row.
 */
public final class JdbcRoutingStore implements RoutingStore {
    private static final String ENTRY_COLUMNS = "id, conversation_id, customer_id, department, details, state,"
            + " agent_id, held_by, declined_by, enqueued_at, assigned_at, waiting_since, queue_order, auto_route";
    /** An entry's insert: its columns, when it ended and was last written, one parameter each. */
    private static final String INSERT_ENTRY = insert("queue_entries", ENTRY_COLUMNS + ", ended_at, updated_at");
    private static final String INSERT_AGENT = insert("agent_profiles", "user_id, availability, max_chats, departments, updated_at");
    private static final String ACTIVE = "('waiting', 'offered', 'assigned')";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Jdbc jdbc;
    private final ObjectMapper json = Json.newMapper();

    public JdbcRoutingStore(Database database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public void sync() {
        jdbc.checkpoint();
    }

    @Override
    public void save(Collection<StoredEntry> entries, Collection<AgentProfile> agents, Instant at) {
        if (entries.isEmpty() && agents.isEmpty()) return;
        // durable at sync(): the embedded database's checkpoint, shared by the saves made meanwhile
        jdbc.inJournaledTransaction(c -> {
            for (StoredEntry e : entries) saveEntry(c, e, at);
            for (AgentProfile a : agents) saveAgent(c, a, at);
            return null;
        });
    }

    private void saveEntry(Connection c, StoredEntry stored, Instant at) throws SQLException {
        QueueEntry e = stored.entry();
        Instant endedAt = e.state().isActive() ? null : at;
        try (PreparedStatement ps = c.prepareStatement("UPDATE queue_entries SET state = ?, agent_id = ?, held_by = ?,"
                + " declined_by = ?, assigned_at = ?, waiting_since = ?, queue_order = ?, auto_route = ?, department = ?,"
                + " details = ?, ended_at = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, e.state().wire());
            ps.setString(2, e.agent() == null ? null : e.agent().value());
            ps.setString(3, ids(e.heldBy()));
            ps.setString(4, ids(e.declinedBy()));
            Rows.setInstant(ps, 5, e.assignedAt());
            Rows.setInstant(ps, 6, e.waitingSince());
            ps.setLong(7, e.queueOrder());
            ps.setBoolean(8, e.autoRoute());
            ps.setString(9, e.department().id());
            ps.setString(10, write(e.details()));
            Rows.setInstant(ps, 11, endedAt);
            Rows.setInstant(ps, 12, at);
            ps.setString(13, e.id().value());
            if (ps.executeUpdate() == 1) return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ENTRY)) {
            ps.setString(1, e.id().value());
            ps.setString(2, stored.conversation().value());
            ps.setString(3, e.customer().value());
            ps.setString(4, e.department().id());
            ps.setString(5, write(e.details()));
            ps.setString(6, e.state().wire());
            ps.setString(7, e.agent() == null ? null : e.agent().value());
            ps.setString(8, ids(e.heldBy()));
            ps.setString(9, ids(e.declinedBy()));
            Rows.setInstant(ps, 10, e.enqueuedAt());
            Rows.setInstant(ps, 11, e.assignedAt());
            Rows.setInstant(ps, 12, e.waitingSince());
            ps.setLong(13, e.queueOrder());
            ps.setBoolean(14, e.autoRoute());
            Rows.setInstant(ps, 15, endedAt);
            Rows.setInstant(ps, 16, at);
            ps.executeUpdate();
        }
    }

    private void saveAgent(Connection c, AgentProfile a, Instant at) throws SQLException {
        String departments = write(a.departments().stream().map(Department::id).sorted().toList());
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE agent_profiles SET availability = ?, max_chats = ?, departments = ?, updated_at = ? WHERE user_id = ?")) {
            ps.setString(1, a.availability().wire());
            ps.setInt(2, a.maxChats());
            ps.setString(3, departments);
            Rows.setInstant(ps, 4, at);
            ps.setString(5, a.id().value());
            if (ps.executeUpdate() == 1) return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_AGENT)) {
            ps.setString(1, a.id().value());
            ps.setString(2, a.availability().wire());
            ps.setInt(3, a.maxChats());
            ps.setString(4, departments);
            Rows.setInstant(ps, 5, at);
            ps.executeUpdate();
        }
    }

    @Override
    public List<StoredEntry> activeEntries() {
        return jdbc.read(c -> entries(c, "SELECT " + ENTRY_COLUMNS + " FROM queue_entries WHERE state IN " + ACTIVE
                + " ORDER BY queue_order, enqueued_at, id", null));
    }

    @Override
    public Optional<StoredEntry> find(QueueEntryId id) {
        return jdbc.read(c -> entries(c, "SELECT " + ENTRY_COLUMNS + " FROM queue_entries WHERE id = ?", id.value()))
                .stream().findFirst();
    }

    private List<StoredEntry> entries(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) ps.setString(1, parameter);
            List<StoredEntry> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(entry(rs));
            }
            return list;
        }
    }

    private StoredEntry entry(ResultSet rs) throws SQLException {
        String agent = rs.getString("agent_id");
        QueueEntry e = new QueueEntry(new QueueEntryId(rs.getString("id")), new UserId(rs.getString("customer_id")),
                read(rs.getString("details"), CustomerDetails.class), Department.of(rs.getString("department")),
                Rows.instant(rs, "enqueued_at"), EntryState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                agent == null ? null : new UserId(agent), null, Rows.instant(rs, "assigned_at"),
                users(rs.getString("held_by")), users(rs.getString("declined_by")),
                Rows.instant(rs, "waiting_since"), rs.getLong("queue_order"), rs.getBoolean("auto_route"));
        return new StoredEntry(e, new ConversationId(rs.getString("conversation_id")));
    }

    @Override
    public List<AgentProfile> agentProfiles() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.user_id, p.availability, p.max_chats,"
                    + " p.departments, u.name FROM agent_profiles p JOIN users u ON u.id = p.user_id ORDER BY p.user_id")) {
                List<AgentProfile> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Set<Department> departments = new LinkedHashSet<>();
                        for (String d : read(rs.getString("departments"), STRINGS)) departments.add(new Department(d));
                        list.add(new AgentProfile(new UserId(rs.getString("user_id")), rs.getString("name"),
                                Availability.fromWire(rs.getString("availability")), rs.getInt("max_chats"),
                                departments));
                    }
                }
                return list;
            }
        });
    }

    private static String insert(String table, String columns) {
        int count = columns.split(",").length;
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** Users as a JSON array of their ids. */
    private String ids(List<UserId> users) {
        return write(users.stream().map(UserId::value).toList());
    }

    private List<UserId> users(String json) {
        return read(json, STRINGS).stream().map(UserId::new).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write routing state as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routing state is not valid JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routing state is not valid JSON", e);
        }
    }
}
