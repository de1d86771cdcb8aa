package dev.rapport.crm.importer;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of an order file map to orders, one row per order line. The rows of one order
 * (same order id) must be consecutive; the importer groups them as it reads. Orders get the source
 * reference {@code (source, order id)}, so re-importing a file records nothing twice.
 *
 * <p>Customers are named by an external id ({@code Identity.external(customerSystem, id)}); when
 * {@link Builder#createCustomers} is on (the default), a customer not yet known is created with
 * that identity, named by the id, with the mapped attribute columns as attribute values. A known
 * customer only gets the attributes it has no value for: each row carries the values of its own
 * order, and a customer whose rows disagree (two countries) keeps the first value the store saw
 * rather than taking each row's in turn, so re-running a file changes nothing ({@link
 * dev.rapport.crm.bulk.ExistingAttributes#KEEP}). Import a customer file to change them.
 *
 * <p>Cancellations: when {@link Builder#cancellations} says an order id is a cancellation, each of
 * its rows (with a negative quantity) cancels that many units of the same product at the same unit
 * price in the latest earlier order of the same customer that still holds enough of it; a row for
 * which there is none is rejected with that reason. Each row is its own reversal, with the source
 * reference {@code (source, order id + "/" + row number within the order)}: the row's number among the
 * consecutive rows of its order id, refused rows included, so that a fixed row takes its own number.
 *
 * <p>Rows are refused one by one (the order is recorded from its other rows): an empty customer
 * id, an unparseable date, quantity or price, a quantity that is not positive outside a
 * cancellation, a negative price, a blank product code, an order id that cannot be a source
 * reference's external id ({@link dev.rapport.crm.model.activity.SourceRef#isExternalId}; a
 * cancellation's with {@code "/"} and the row's number), and a row naming another customer or
 * currency than the first row of its order (an order belongs to one customer and is in one
 * currency). An order id with more than {@value dev.rapport.crm.purchases.NewOrder#MAX_LINES}
 * rows in a row, more than an order holds, is refused whole as it is read, so that no order is
 * held in memory beyond that. Product codes are compared stripped, as the engine keeps them.
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class OrderMapping {
    final String source;
    final String orderId;
    final String customerSystem;
    final String customerId;
    final UnaryOperator<String> customerIdNormalizer;
    final boolean createCustomers;
    final Map<String, String> customerAttributes;
    final String occurredAt;
    final @Nullable DateTimeFormatter dateFormat;
    final ZoneId zone;
    final @Nullable String currency;
    final @Nullable String currencyColumn;
    final String productCode;
    final @Nullable String description;
    final String quantity;
    final String unitPrice;
    final Predicate<String> cancellation;
    final Channel channel;

    private OrderMapping(Builder b) {
        this.source = Objects.requireNonNull(b.source);
        this.orderId = Objects.requireNonNull(b.orderId);
        this.customerSystem = Objects.requireNonNull(b.customerSystem);
        this.customerId = Objects.requireNonNull(b.customerId);
        this.customerIdNormalizer = b.customerIdNormalizer;
        this.createCustomers = b.createCustomers;
        this.customerAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.customerAttributes));
        this.occurredAt = Objects.requireNonNull(b.occurredAt);
        this.dateFormat = b.dateFormat;
        this.zone = b.zone;
        this.currency = b.currency;
        this.currencyColumn = b.currencyColumn;
        this.productCode = Objects.requireNonNull(b.productCode);
        this.description = b.description;
        this.quantity = Objects.requireNonNull(b.quantity);
        this.unitPrice = Objects.requireNonNull(b.unitPrice);
        this.cancellation = b.cancellation;
        this.channel = b.channel;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every column this mapping reads */
    List<String> columns() {
        List<String> out = new ArrayList<>(List.of(orderId, customerId, occurredAt, productCode, quantity, unitPrice));
        if (description != null) {
            out.add(description);
        }
        if (currencyColumn != null) {
            out.add(currencyColumn);
        }
        out.addAll(customerAttributes.values());
        return out;
    }

    /** Builds an {@link OrderMapping}; {@link #build()} reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private @Nullable String source = "import";
        private @Nullable String orderId;
        private @Nullable String customerSystem;
        private @Nullable String customerId;
        private UnaryOperator<String> customerIdNormalizer = UnaryOperator.identity();
        private boolean createCustomers = true;
        private final Map<String, String> customerAttributes = new LinkedHashMap<>();
        private @Nullable String occurredAt;
        private @Nullable DateTimeFormatter dateFormat;
        private ZoneId zone = ZoneId.of("UTC");
        private @Nullable String currency;
        private @Nullable String currencyColumn;
        private @Nullable String productCode;
        private @Nullable String description;
        private @Nullable String quantity;
        private @Nullable String unitPrice;
        private Predicate<String> cancellation = id -> false;
        private Channel channel = Channel.WEB;

        private Builder() {}

        /**
         * @param system the source system of the order ids, such as {@code shop}; default {@code import}
         * @return this builder
         */
        public Builder source(String system) {
            this.source = system;
            return this;
        }

        /**
         * @param column the order id column (required)
         * @return this builder
         */
        public Builder orderId(String column) {
            this.orderId = column;
            return this;
        }

        /**
         * @param system the external system of the customer ids, such as {@code retail}
         * @param column the customer id column (required)
         * @return this builder
         */
        public Builder customerExternalId(String system, String column) {
            this.customerSystem = system;
            this.customerId = column;
            return this;
        }

        /**
         * @param normalizer applied to each customer id before use (such as dropping a {@code .0})
         * @return this builder
         */
        public Builder customerIdNormalizer(UnaryOperator<String> normalizer) {
            this.customerIdNormalizer = Objects.requireNonNull(normalizer, "normalizer");
            return this;
        }

        /**
         * @param create whether unknown customers are created; default true (otherwise their rows
         *     are rejected)
         * @return this builder
         */
        public Builder createCustomers(boolean create) {
            this.createCustomers = create;
            return this;
        }

        /**
         * Maps a column to a customer attribute, set when the customer is created or has no value
         * for it yet; a value the customer holds is kept (see the class description).
         *
         * @param key an attribute key the tenant defines
         * @param column the column holding each customer's value
         * @return this builder
         */
        public Builder customerAttribute(String key, String column) {
            customerAttributes.put(key, column);
            return this;
        }

        /**
         * @param column the order time column (required)
         * @param format its format, or null for ISO-8601 (an instant, or a date-time with offset)
         * @param zoneOfLocalTimes the zone of times written without an offset; default UTC
         * @return this builder
         */
        public Builder occurredAt(String column, @Nullable DateTimeFormatter format, ZoneId zoneOfLocalTimes) {
            this.occurredAt = column;
            this.dateFormat = format;
            this.zone = Objects.requireNonNull(zoneOfLocalTimes, "zoneOfLocalTimes");
            return this;
        }

        /**
         * @param code the ISO 4217 currency of every order
         * @return this builder
         */
        public Builder currency(String code) {
            this.currency = code;
            this.currencyColumn = null;
            return this;
        }

        /**
         * @param column the column holding each row's ISO 4217 currency
         * @return this builder
         */
        public Builder currencyColumn(String column) {
            this.currencyColumn = column;
            this.currency = null;
            return this;
        }

        /**
         * @param codeColumn the product code column (required)
         * @param descriptionColumn the description column, or null
         * @param quantityColumn the quantity column (required)
         * @param unitPriceColumn the unit price column (required)
         * @return this builder
         */
        public Builder lines(
                String codeColumn, @Nullable String descriptionColumn, String quantityColumn, String unitPriceColumn) {
            this.productCode = codeColumn;
            this.description = descriptionColumn;
            this.quantity = quantityColumn;
            this.unitPrice = unitPriceColumn;
            return this;
        }

        /**
         * @param isCancellation says which order ids are cancellations (such as those starting with
         *     {@code C}); default none
         * @return this builder
         */
        public Builder cancellations(Predicate<String> isCancellation) {
            this.cancellation = Objects.requireNonNull(isCancellation, "isCancellation");
            return this;
        }

        /**
         * @param where the channel of every order; default {@link Channel#WEB}
         * @return this builder
         */
        public Builder channel(Channel where) {
            this.channel = Objects.requireNonNull(where, "channel");
            return this;
        }

        /**
         * @return the mapping
         * @throws ValidationException naming every missing or bad setting
         */
        public OrderMapping build() {
            List<Violation> v = new ArrayList<>();
            if (source == null || !source.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                v.add(new Violation("source", "must be 1-64 of a-z, 0-9, '.', '_' and '-'"));
            }
            require(orderId, "orderId", v);
            require(customerId, "customerExternalId", v);
            if (customerSystem == null
                    || !customerSystem
                            .strip()
                            .toLowerCase(java.util.Locale.ROOT)
                            .matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                v.add(new Violation("customerExternalId.system", "must be 1-64 of a-z, 0-9, '.', '_' and '-'"));
            }
            require(occurredAt, "occurredAt", v);
            require(productCode, "lines.productCode", v);
            require(quantity, "lines.quantity", v);
            require(unitPrice, "lines.unitPrice", v);
            if (currency == null && currencyColumn == null) {
                v.add(new Violation("currency", "give a currency or a currency column"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            return new OrderMapping(this);
        }

        private static void require(@Nullable String column, String path, List<Violation> v) {
            if (column == null || column.isBlank()) {
                v.add(new Violation(path, "a column is required"));
            }
        }
    }
}
