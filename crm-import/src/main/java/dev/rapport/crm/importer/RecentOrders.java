package dev.rapport.crm.importer;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.TimelineKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The orders an import recorded for the customers it created, what matching a cancellation needs
 * of them, so that it need not read them back from the store: a customer created by this import
 * has no orders but those it recorded (unless another writer adds some meanwhile, which a
 * cancellation row then does not see). Bounded: when more than {@code capacity} lines (and
 * customers) are held, the customers least recently touched are dropped whole, and their
 * cancellations read the store as a customer created before the import does.
 */
final class RecentOrders {
    /** What matching needs of an order: its id, its timeline position, and each line's product, price and what remains. */
    static final class Held {
        final OrderId id;
        final TimelineKey key;
        final String[] codes;
        final BigDecimal[] prices;
        final BigDecimal[] left;
        final int[] numbers;

        Held(Order order) {
            this(order, null);
        }

        /** @param shared the keep whose product codes repeated values share, or null */
        Held(Order order, @Nullable RecentOrders shared) {
            id = order.id();
            key = order.timelineKey();
            int n = order.lines().size();
            codes = new String[n];
            prices = new BigDecimal[n];
            left = new BigDecimal[n];
            numbers = new int[n];
            for (int i = 0; i < n; i++) {
                OrderLine line = order.lines().get(i);
                codes[i] = shared == null ? line.productCode() : shared.canonical(line.productCode());
                prices[i] = line.unitPrice();
                left[i] = line.remainingQuantity();
                numbers[i] = line.number();
            }
        }
    }

    /** At most this many distinct codes are shared; past it the table starts again. */
    private static final int SHARED = 50_000;

    private final int capacity;
    private int weight;
    private final Map<String, String> canonical = new HashMap<>();
    /** Customer to its orders in the order recorded; access order, eldest first. */
    private final LinkedHashMap<CustomerId, List<Held>> customers = new LinkedHashMap<>(16, 0.75f, true);

    /** @param capacity how many order lines (and customers) are held at most; 0 holds nothing */
    RecentOrders(int capacity) {
        this.capacity = capacity;
    }

    /** A customer this import created: it has no orders yet. */
    void created(CustomerId customer) {
        if (capacity == 0) {
            return;
        }
        if (customers.putIfAbsent(customer, new ArrayList<>()) == null) {
            weight++;
            trim();
        }
    }

    /** An order this import recorded; kept only if its customer is held. */
    void recorded(Order order) {
        List<Held> orders = customers.get(order.customerId());
        if (orders == null) {
            return;
        }
        orders.add(new Held(order, this));
        weight += order.lines().size();
        trim();
    }

    /**
     * @return the customer's orders, newest first as on its timeline, or null if the customer is not
     *     held (created before the import, or dropped)
     */
    @Nullable
    List<Held> newestFirst(CustomerId customer) {
        List<Held> orders = customers.get(customer);
        if (orders == null) {
            return null;
        }
        List<Held> sorted = new ArrayList<>(orders);
        sorted.sort((a, b) -> TimelineKey.NEWEST_FIRST.compare(a.key, b.key));
        return sorted;
    }

    /**
     * One instance per product code: an order file repeats a few thousand. (Prices are not shared:
     * hashing a {@code BigDecimal} per line cost more time than the memory it saved was worth.)
     */
    private String canonical(String code) {
        String known = canonical.putIfAbsent(code, code);
        if (known != null) {
            return known;
        }
        if (canonical.size() > SHARED) {
            canonical.clear();
        }
        return code;
    }

    private void trim() {
        Iterator<Map.Entry<CustomerId, List<Held>>> eldest =
                customers.entrySet().iterator();
        while (weight > capacity && eldest.hasNext()) {
            List<Held> orders = eldest.next().getValue();
            eldest.remove();
            weight--;
            for (Held h : orders) {
                weight -= h.codes.length;
            }
        }
    }
}
