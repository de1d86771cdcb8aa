package dev.rapport.crm.customers.internal;

import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.And;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import dev.rapport.crm.query.CustomerCriteria.Not;
import dev.rapport.crm.query.CustomerCriteria.Or;
import dev.rapport.crm.query.CustomerCriteria.StageIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a criteria tree against the tenant's attribute definitions and rewrites it into the form
 * stores receive: attribute values converted to the defined type, tags normalised. Refuses unknown
 * attributes, comparisons a type has no order for, and trees too large to translate safely.
 */
public final class CriteriaRules {
    /** Deepest nesting allowed. */
    public static final int MAX_DEPTH = 32;
    /** Most nodes allowed in one tree. */
    public static final int MAX_NODES = 256;

    private final Map<String, AttributeDefinition> definitions;
    private final Violations violations = new Violations();
    private int nodes;

    private CriteriaRules(Map<String, AttributeDefinition> definitions) {
        this.definitions = definitions;
    }

    /**
     * @param criteria the tree as the user built it
     * @param definitions the tenant's definitions by key
     * @return the tree stores receive
     * @throws dev.rapport.crm.model.ValidationException listing every problem
     */
    public static CustomerCriteria check(CustomerCriteria criteria, Map<String, AttributeDefinition> definitions) {
        CriteriaRules rules = new CriteriaRules(definitions);
        if (criteria == null) {
            rules.violations.add("criteria", "must not be null");
            rules.violations.throwIfAny();
        }
        CustomerCriteria checked = rules.visit(criteria, "criteria", 1);
        rules.violations.throwIfAny();
        return checked;
    }

    /**
     * @param criteria a tree
     * @return true if it compares any custom attribute, so that checking it needs the definitions
     */
    public static boolean comparesAttributes(CustomerCriteria criteria) {
        if (criteria instanceof And and) {
            return and.parts().stream().anyMatch(p -> p == null || comparesAttributes(p));
        }
        if (criteria instanceof Or or) {
            return or.parts().stream().anyMatch(p -> p == null || comparesAttributes(p));
        }
        if (criteria instanceof Not not) {
            return comparesAttributes(not.part());
        }
        return criteria instanceof AttributeCompare
                || criteria instanceof AttributeIn
                || criteria instanceof AttributePresent;
    }

    private CustomerCriteria visit(CustomerCriteria c, String path, int depth) {
        if (++nodes > MAX_NODES) {
            violations.add("criteria", "at most " + MAX_NODES + " nodes");
            return c;
        }
        if (depth > MAX_DEPTH) {
            violations.add(path, "nested deeper than " + MAX_DEPTH);
            return c;
        }
        if (c instanceof And and) {
            return new And(children(and.parts(), path + ".and", depth));
        }
        if (c instanceof Or or) {
            return new Or(children(or.parts(), path + ".or", depth));
        }
        if (c instanceof Not not) {
            return new Not(visit(not.part(), path + ".not", depth + 1));
        }
        if (c instanceof StageIn s) {
            return s;
        }
        if (c instanceof CustomerCriteria.HasTag t) {
            return CustomerRules.tag(t.tag(), path + ".hasTag", violations)
                    .<CustomerCriteria>map(CustomerCriteria.HasTag::new)
                    .orElse(t);
        }
        if (c instanceof CustomerCriteria.NamePrefix p) {
            if (p.prefix().length() > CustomerRules.MAX_DISPLAY_NAME) {
                violations.add(
                        path + ".namePrefix", "must be at most " + CustomerRules.MAX_DISPLAY_NAME + " characters");
            }
            return p;
        }
        if (c instanceof CustomerCriteria.CreatedBetween b) {
            return b;
        }
        if (c instanceof AttributeCompare a) {
            String at = path + ".attribute(" + safeKey(a.key()) + ")";
            Optional<AttributeDefinition> d = definition(a.key(), at);
            if (d.isEmpty()) {
                return a;
            }
            AttributeType type = d.get().type();
            if (a.op() == Comparison.CONTAINS) {
                if (type != AttributeType.TEXT_LIST) {
                    violations.add(at, "contains applies only to text list attributes");
                }
                return a;
            }
            if (type == AttributeType.TEXT_LIST) {
                violations.add(at, "a text list attribute supports only contains");
                return a;
            }
            boolean ordering = a.op() != Comparison.EQ && a.op() != Comparison.NE;
            if (ordering && !type.ordered()) {
                violations.add(
                        at, lower(a.op().name()) + " needs an ordered type; " + lower(type.name()) + " has no order");
                return a;
            }
            return convert(type, a.value(), at)
                    .<CustomerCriteria>map(v -> new AttributeCompare(a.key(), a.op(), v))
                    .orElse(a);
        }
        if (c instanceof AttributeIn in) {
            String at = path + ".attribute(" + safeKey(in.key()) + ")";
            Optional<AttributeDefinition> d = definition(in.key(), at);
            if (d.isEmpty()) {
                return in;
            }
            if (d.get().type() == AttributeType.TEXT_LIST) {
                violations.add(at, "a text list attribute supports only contains");
                return in;
            }
            List<AttributeValue> converted = new ArrayList<>();
            for (AttributeValue v : in.values()) {
                convert(d.get().type(), v, at).ifPresent(converted::add);
            }
            return new AttributeIn(in.key(), converted);
        }
        if (c instanceof AttributePresent p) {
            definition(p.key(), path + ".attribute(" + safeKey(p.key()) + ")");
            return p;
        }
        return c;
    }

    private List<CustomerCriteria> children(List<CustomerCriteria> parts, String path, int depth) {
        List<CustomerCriteria> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            CustomerCriteria part = parts.get(i);
            if (part == null) {
                violations.add(path + "[" + i + "]", "must not be null");
            } else {
                out.add(visit(part, path + "[" + i + "]", depth + 1));
            }
        }
        return out;
    }

    private Optional<AttributeDefinition> definition(String key, String path) {
        AttributeDefinition d = definitions.get(key);
        if (d == null) {
            violations.add(path, "no attribute is defined with this key");
        }
        return Optional.ofNullable(d);
    }

    private Optional<AttributeValue> convert(AttributeType type, AttributeValue value, String path) {
        Optional<AttributeValue> v = AttributeRules.toType(type, value);
        if (v.isEmpty()) {
            violations.add(path, "value does not fit type " + lower(type.name()));
        }
        return v;
    }

    private static String safeKey(String key) {
        return AttributeRules.KEY.matcher(key).matches() ? key : "?";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
