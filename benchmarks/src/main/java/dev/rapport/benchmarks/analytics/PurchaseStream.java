package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.Purchase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A generated stream of purchases sorted by customer id, never materialised, as a database cursor
 * over {@code ORDER BY customer_id} would deliver it: customers {@code c100000000}, {@code
 * c100000001}, ... (fixed width, so numeric and {@link String} order agree), each with 1 to 19
 * purchases (10 on average) in 1997, dates in no particular order within a customer; the first is
 * in the first quarter, the others after it, some after the 1997-09-30 window end. Amounts are 5.00
 * to 199.99. Each row is a new {@link Purchase}, {@link LocalDate} and {@link BigDecimal}, as a
 * cursor would create them; a customer's id string is shared by its rows.
 */
final class PurchaseStream implements Iterator<Purchase> {
    /** The summaries' window end (the CDNOW calibration end). */
    static final LocalDate WINDOW_END = LocalDate.of(1997, 9, 30);

    private static final long JAN_1_1997 = LocalDate.of(1997, 1, 1).toEpochDay();

    private final long transactions;
    private final SplittableRandom random;
    private long emitted;
    private int customer = 100_000_000;
    private String id = "";
    private int remaining;
    private int firstDay;
    private boolean first;

    /**
     * @param transactions how many purchases the stream yields
     * @param seed the random seed
     */
    PurchaseStream(long transactions, long seed) {
        this.transactions = transactions;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean hasNext() {
        return emitted < transactions;
    }

    @Override
    public Purchase next() {
        if (emitted >= transactions) {
            throw new NoSuchElementException();
        }
        emitted++;
        if (remaining == 0) {
            id = "c" + customer++;
            remaining = 1 + random.nextInt(19);
            firstDay = random.nextInt(90);
            first = true;
        }
        remaining--;
        int day = first ? firstDay : firstDay + random.nextInt(365 - firstDay);
        first = false;
        return new Purchase(
                id, LocalDate.ofEpochDay(JAN_1_1997 + day), BigDecimal.valueOf(500 + random.nextInt(19_500), 2));
    }
}
