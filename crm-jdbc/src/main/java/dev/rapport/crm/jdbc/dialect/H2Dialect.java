package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;

/**
 * H2 2.x: native {@code UUID} (ordered unsigned), {@code TIMESTAMP WITH TIME ZONE}, JSON kept as
 * text and read by the Java functions of {@link H2Functions} that the migration registers with
 * {@code CREATE ALIAS}; text is ordered by its UTF-8 bytes ({@code STRINGTOUTF8}) because H2
 * compares strings by UTF-16 code unit.
 */
final class H2Dialect extends BaseDialect {

    static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {}

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/rapport/h2";
    }

    @Override
    public String orderedText(String expression) {
        return "STRINGTOUTF8(" + expression + ")";
    }

    @Override
    public String upsertAttributeDefinitionSql() {
        return "MERGE INTO attribute_definitions (tenant_id, attr_key, definition) KEY (tenant_id, attr_key)"
                + " VALUES (?, ?, ?)";
    }

    /** Deadlock (40001), lock timeout (HYT00, 50200) and concurrent update (90131). */
    @Override
    boolean isRetryableCode(String sqlState, int errorCode) {
        return super.isRetryableCode(sqlState, errorCode)
                || errorCode == 50200
                || errorCode == 90131
                || "HYT00".equals(sqlState);
    }

    // --- timers ---

    /** {@code MERGE} is not atomic against a concurrent insert of the same key. */
    @Override
    public boolean timerUpsertMayRace() {
        return true;
    }

    @Override
    public String upsertTimerSql() {
        return "MERGE INTO timers (tenant_id, id, timer_key, kind, due_at, payload, attempts, available_at,"
                + " claim_token, claimed_by, parked_at) KEY (tenant_id, timer_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL)";
    }

    /**
     * H2 2.x has {@code FOR UPDATE SKIP LOCKED}, but with an {@code ORDER BY} it locks every row
     * the {@code WHERE} matches before sorting, so two claims would serialise on all available
     * timers. Without {@code ORDER BY}, and forced onto {@code timers_available_idx}, the scan
     * reads rows in {@code available_at} order and locks only the first {@code limit} it can.
     */
    @Override
    String claimSelectSql() {
        return "SELECT " + TIMER_COLUMNS + " FROM timers USE INDEX (timers_available_idx) WHERE available_at <= ?"
                + " FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
    }

    // --- criteria ---

    @Override
    void attributeType(Sql out, String key) {
        out.append("RAPPORT_ATTR_TYPE(" + ATTRIBUTES + ", ?)").bindString(key);
    }

    @Override
    void attributeValue(Sql out, String key, AttributeType type) {
        String function =
                switch (type) {
                    case INTEGER, DECIMAL -> "RAPPORT_ATTR_NUMBER";
                    case DATE -> "RAPPORT_ATTR_DATE";
                    case TIMESTAMP -> "RAPPORT_ATTR_TIMESTAMP";
                    case TEXT, CHOICE, BOOLEAN -> "RAPPORT_ATTR_TEXT";
                    case TEXT_LIST -> throw new IllegalArgumentException("a text list has no scalar value");
                };
        String call = function + "(" + ATTRIBUTES + ", ?)";
        out.append(type == AttributeType.TEXT || type == AttributeType.CHOICE ? orderedText(call) : call)
                .bindString(key);
    }

    @Override
    void attributeParameter(Sql out, AttributeValue value) {
        if (value instanceof AttributeValue.Int v) {
            out.append("?").bind((ps, i) -> ps.setBigDecimal(i, java.math.BigDecimal.valueOf(v.value())));
        } else if (value instanceof AttributeValue.Decimal v) {
            out.append("?").bind((ps, i) -> ps.setBigDecimal(i, v.value()));
        } else if (value instanceof AttributeValue.Date v) {
            out.append("?").bind((ps, i) -> ps.setObject(i, v.value()));
        } else if (value instanceof AttributeValue.Timestamp v) {
            out.append("?").bind((ps, i) -> setInstant(ps, i, v.value()));
        } else {
            String text = CriteriaTranslator.scalarText(value);
            out.append(value.type() == AttributeType.BOOLEAN ? "?" : orderedText("CAST(? AS VARCHAR)"))
                    .bindString(text);
        }
    }

    @Override
    void attributeListContains(Sql out, String key, String element) {
        out.append("RAPPORT_ATTR_LIST_CONTAINS(" + ATTRIBUTES + ", ?, ?)")
                .bindString(key)
                .bindString(element);
    }

    @Override
    void attributeListEquals(Sql out, String key, String jsonArray) {
        out.append("RAPPORT_ATTR_LIST_EQUALS(" + ATTRIBUTES + ", ?, ?)")
                .bindString(key)
                .bindString(jsonArray);
    }

    @Override
    void attributePresent(Sql out, String key) {
        out.append("(RAPPORT_ATTR_TYPE(" + ATTRIBUTES + ", ?) IS NOT NULL)").bindString(key);
    }
}
