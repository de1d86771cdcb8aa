package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.spi.AttributeDefinitionStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Attribute definitions in {@code attribute_definitions}, one JSON document per key. */
final class JdbcAttributeDefinitionStore implements AttributeDefinitionStore {

    private final JdbcSession session;

    JdbcAttributeDefinitionStore(JdbcSession session) {
        this.session = session;
    }

    @Override
    public List<AttributeDefinition> list() {
        Sql sql = session.tenantSql("SELECT definition FROM attribute_definitions WHERE tenant_id = ?")
                .append(" ORDER BY attr_key");
        return session.query(sql, "listing attribute definitions", rows -> read(rows.getString(1)));
    }

    @Override
    public Optional<AttributeDefinition> get(String key) {
        Objects.requireNonNull(key, "key");
        Sql sql = session.tenantSql("SELECT definition FROM attribute_definitions WHERE tenant_id = ?")
                .append(" AND attr_key = ?")
                .bindString(key);
        return session.queryOne(sql, "reading attribute definition " + key, rows -> read(rows.getString(1)));
    }

    @Override
    public void put(AttributeDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        session.checkWritable();
        Sql sql = new Sql()
                .append(session.dialect().upsertAttributeDefinitionSql())
                .bind(session.tenantBinder())
                .bindString(definition.key())
                .bindString(CrmJson.write(definition));
        session.update(sql, "storing attribute definition " + definition.key());
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        session.checkWritable();
        session.update(
                session.tenantSql("DELETE FROM attribute_definitions WHERE tenant_id = ?")
                        .append(" AND attr_key = ?")
                        .bindString(key),
                "removing attribute definition " + key);
    }

    @Override
    public long countCustomersWithValue(String key) {
        Objects.requireNonNull(key, "key");
        Sql sql = session.tenantSql("SELECT COUNT(*) FROM customers c WHERE c.tenant_id = ?")
                .append(" AND ")
                .append(session.dialect().criteria().where(new CustomerCriteria.AttributePresent(key)));
        return session.count(sql, "counting values of attribute " + key);
    }

    private static AttributeDefinition read(String json) {
        return CrmJson.read(json, AttributeDefinition.class);
    }
}
