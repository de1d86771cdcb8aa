package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a {@link CustomerCriteria} tree to a parameterised SQL condition over the customers
 * table aliased {@code c}. User values are always bound; the SQL text holds only what the
 * translator chose.
 *
 * <p>The translation keeps the tree's two-valued logic: every leaf yields TRUE or FALSE, never
 * NULL, so that {@code NOT} of a leaf matches exactly the customers the leaf does not. An attribute
 * leaf matches only customers holding a value of the same type as the compared value (the engine
 * has converted it to the attribute's defined type); a customer without the attribute, or with a
 * value of another type, does not match it. Comparisons follow the type: text and choice by Unicode
 * code point, integer and decimal numerically, date and timestamp chronologically, boolean by
 * equality; a text list supports {@code EQ}/{@code NE} (the whole list, in order) and {@code
 * CONTAINS} (an element equals the text).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CriteriaTranslator {

    private static final TypeReference<Map<String, AttributeValue>> ATTRIBUTES = new TypeReference<>() {};

    private final BaseDialect dialect;

    CriteriaTranslator(BaseDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param criteria the criteria
     * @return a condition over the customers table aliased {@code c}, without the tenant filter
     * @throws IllegalArgumentException if a comparison does not apply to its value's type (an
     *     order on a boolean or text list, {@code CONTAINS} of something other than text)
     */
    public Sql where(CustomerCriteria criteria) {
        Sql out = new Sql();
        translate(out, criteria);
        return out;
    }

    private void translate(Sql out, CustomerCriteria criteria) {
        if (criteria instanceof CustomerCriteria.All) {
            out.append("TRUE");
        } else if (criteria instanceof CustomerCriteria.And and) {
            junction(out, and.parts(), " AND ", "TRUE");
        } else if (criteria instanceof CustomerCriteria.Or or) {
            junction(out, or.parts(), " OR ", "FALSE");
        } else if (criteria instanceof CustomerCriteria.Not not) {
            out.append("(NOT ");
            translate(out, not.part());
            out.append(")");
        } else if (criteria instanceof CustomerCriteria.StageIn stageIn) {
            stages(out, stageIn);
        } else if (criteria instanceof CustomerCriteria.NamePrefix prefix) {
            out.append("(c.sort_name LIKE ? ESCAPE '!')").bindString(likePrefix(prefix.prefix()));
        } else if (criteria instanceof CustomerCriteria.HasTag tag) {
            out.append("EXISTS (SELECT 1 FROM customer_tags t WHERE t.tenant_id = c.tenant_id"
                            + " AND t.customer_id = c.id AND t.tag = ?)")
                    .bindString(tag.tag());
        } else if (criteria instanceof CustomerCriteria.CreatedBetween between) {
            out.append("(c.created_at >= ? AND c.created_at < ?)")
                    .bind((ps, i) -> dialect.setInstant(ps, i, between.from()))
                    .bind((ps, i) -> dialect.setInstant(ps, i, between.to()));
        } else if (criteria instanceof AttributeCompare compare) {
            compare(out, compare);
        } else if (criteria instanceof AttributeIn in) {
            if (in.values().isEmpty()) {
                out.append("FALSE");
            } else {
                out.append("(");
                for (int i = 0; i < in.values().size(); i++) {
                    if (i > 0) {
                        out.append(" OR ");
                    }
                    compare(
                            out,
                            new AttributeCompare(
                                    in.key(), Comparison.EQ, in.values().get(i)));
                }
                out.append(")");
            }
        } else if (criteria instanceof AttributePresent present) {
            if (dialect.supportsContainment()) {
                ObjectNode json = CrmJson.mapper().createObjectNode();
                json.set(present.key(), CrmJson.mapper().createObjectNode());
                dialect.attributeContainment(out, CrmJson.mapper().writeValueAsString(json));
            } else {
                dialect.attributePresent(out, present.key());
            }
        } else {
            throw new IllegalArgumentException(
                    "unknown criteria " + criteria.getClass().getName());
        }
    }

    private void junction(Sql out, List<CustomerCriteria> parts, String operator, String empty) {
        if (parts.isEmpty()) {
            out.append(empty);
            return;
        }
        out.append("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(operator);
            }
            translate(out, parts.get(i));
        }
        out.append(")");
    }

    private static void stages(Sql out, CustomerCriteria.StageIn stageIn) {
        List<LifecycleStage> stages = stageIn.stages().stream().sorted().toList();
        if (stages.isEmpty()) {
            out.append("FALSE");
            return;
        }
        out.append("c.stage IN (");
        for (int i = 0; i < stages.size(); i++) {
            out.append(i > 0 ? ", " : "").param(stages.get(i).name());
        }
        out.append(")");
    }

    private void compare(Sql out, AttributeCompare leaf) {
        String key = leaf.key();
        AttributeValue value = leaf.value();
        Comparison op = leaf.op();
        if (op == Comparison.CONTAINS) {
            String element = scalarText(value);
            if (value.type() != AttributeType.TEXT && value.type() != AttributeType.CHOICE) {
                throw new IllegalArgumentException("CONTAINS compares with a text, not a " + typeName(value.type()));
            }
            if (dialect.supportsContainment()) {
                dialect.attributeContainment(out, attributesJson(key, new AttributeValue.TextList(List.of(element))));
            } else {
                guarded(out, key, AttributeType.TEXT_LIST, s -> dialect.attributeListContains(s, key, element));
            }
            return;
        }
        if (value instanceof AttributeValue.TextList list) {
            if (op != Comparison.EQ && op != Comparison.NE) {
                throw new IllegalArgumentException("a text list supports EQ, NE and CONTAINS, not " + op);
            }
            String json = jsonArray(list.value());
            guarded(out, key, AttributeType.TEXT_LIST, s -> {
                s.append(op == Comparison.NE ? "(NOT (" : "((");
                dialect.attributeListEquals(s, key, json);
                s.append("))");
            });
            return;
        }
        if (op != Comparison.EQ && op != Comparison.NE && !value.type().ordered()) {
            throw new IllegalArgumentException("a " + typeName(value.type()) + " attribute has no order for " + op);
        }
        if (op == Comparison.EQ && dialect.supportsContainment()) {
            dialect.attributeContainment(out, attributesJson(key, value));
            return;
        }
        guarded(out, key, value.type(), s -> {
            s.append("(");
            dialect.attributeValue(s, key, value.type());
            s.append(" " + operator(op) + " ");
            dialect.attributeParameter(s, value);
            s.append(")");
        });
    }

    /**
     * {@code CASE WHEN type = 'x' THEN condition ELSE FALSE END}: the condition is evaluated (and
     * its casts run) only on values of the right type, and the result is never NULL.
     */
    private void guarded(Sql out, String key, AttributeType type, Consumer<Sql> condition) {
        out.append("(CASE WHEN ");
        dialect.attributeType(out, key);
        out.append(" = '" + typeName(type) + "' THEN ");
        condition.accept(out);
        out.append(" ELSE FALSE END)");
    }

    private static String operator(Comparison op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case CONTAINS -> throw new IllegalArgumentException("CONTAINS is not a scalar comparison");
        };
    }

    /** The {@code LIKE} pattern matching sort names starting with the prefix; escape character {@code !}. */
    static String likePrefix(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder(lower.length() + 8);
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            if (ch == '!' || ch == '%' || ch == '_') {
                pattern.append('!');
            }
            pattern.append(ch);
        }
        return pattern.append('%').toString();
    }

    private static String attributesJson(String key, AttributeValue value) {
        return CrmJson.mapper().writerFor(ATTRIBUTES).writeValueAsString(Map.of(key, value));
    }

    /**
     * @param type an attribute type
     * @return its name in the JSON mapping ({@code "text_list"}...)
     */
    static String typeName(AttributeType type) {
        return switch (type) {
            case TEXT -> "text";
            case INTEGER -> "integer";
            case DECIMAL -> "decimal";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case CHOICE -> "choice";
            case TEXT_LIST -> "text_list";
        };
    }

    /** The text of a text, choice or boolean value, as SQL compares it. */
    static String scalarText(AttributeValue value) {
        if (value instanceof AttributeValue.Text v) {
            return v.value();
        }
        if (value instanceof AttributeValue.Choice v) {
            return v.value();
        }
        if (value instanceof AttributeValue.Bool v) {
            return Boolean.toString(v.value());
        }
        throw new IllegalArgumentException("not a text value: " + typeName(value.type()));
    }

    static String jsonArray(List<String> values) {
        return CrmJson.write(values);
    }
}
