package dev.rapport.crm.importer;

import dev.rapport.crm.Crm;
import dev.rapport.crm.bulk.BatchItem;
import dev.rapport.crm.bulk.BatchOutcome;
import dev.rapport.crm.bulk.BatchResult;
import dev.rapport.crm.bulk.BulkService;
import dev.rapport.crm.bulk.ExistingAttributes;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.importer.internal.CsvRows;
import dev.rapport.crm.importer.internal.CsvRows.Row;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.timeline.TimelineQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of an order import: groups consecutive rows into orders and writes them in batches. */
final class OrderImport {
    private static final Logger log = LoggerFactory.getLogger(OrderImport.class);
    /** How many earlier orders a cancellation looks through for its original. */
    private static final int CANCELLATION_LOOKBACK = 1000;
    /** How many of a customer's orders the first read for its cancellations takes. */
    private static final int FIRST_PAGE = 16;
    /**
     * How many order lines of the customers this import created it keeps for matching their
     * cancellations without reading the store (about 100 bytes each, the product codes shared:
     * some 25 MB at most).
     */
    static final int RECENT_LINES = 250_000;

    /**
     * The most rows one order id may have in a row of the file, as many as an order holds lines
     * ({@link NewOrder#MAX_LINES}); a longer one, or a cancellation as long, is rejected whole as it
     * is read, so that no order id holds more than this in memory.
     */
    static final int MAX_ORDER_ROWS = NewOrder.MAX_LINES;

    /**
     * A row that parsed.
     *
     * @param position the row's number among the consecutive rows of its order id, counting the
     *     refused ones too, so that fixing a refused row does not renumber the others: a
     *     cancellation row's source is {@code orderId/position}
     */
    private record Line(
            long line,
            int position,
            String orderId,
            String customer,
            Instant at,
            String code,
            @Nullable String description,
            BigDecimal quantity,
            BigDecimal unitPrice,
            String currency,
            Map<String, Object> attributes) {}

    /** The rows of one order id, in file order. */
    private record Group(String orderId, boolean cancellation, List<Line> lines) {}

    private final Crm crm;
    private final BulkService bulk;
    private final OrderMapping m;
    private final RejectSink rejects;
    private final int batchSize;
    private final ImportProgress progress;
    private final RecentOrders recent;

    /** How many customers the import remembers having resolved, so as not to upsert them again. */
    static final int RESOLVED_CUSTOMERS = 100_000;

    /** A customer resolved earlier in this import, and the attribute values its upserts carried. */
    private record Resolved(CustomerId id, Map<String, Object> sent) {}

    /**
     * The customers resolved so far, least recently used first: one whose rows carry only values
     * an earlier upsert of this import carried (and the store accepted) is not upserted again: with
     * {@link ExistingAttributes#KEEP} that upsert would check the same values and change nothing.
     * On an order file that is most of them. (A customer deleted by someone else during the import
     * is then not recreated, and its later orders are rejected as having no customer.)
     */
    private final LinkedHashMap<String, Resolved> resolved = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resolved> eldest) {
            return size() > RESOLVED_CUSTOMERS;
        }
    };

    private long rowsRead;
    private long rowsRejected;
    private ImportSummary.Counts customers = ImportSummary.Counts.NONE;
    private ImportSummary.Counts orders = ImportSummary.Counts.NONE;
    private ImportSummary.Counts reversals = ImportSummary.Counts.NONE;

    /** The batch being written. */
    private final List<Group> batch = new ArrayList<>();

    private int batchRows;

    /**
     * A batch read ahead: its orders, the rejects of its rows, how many rows it read and refused,
     * and, in the last one, how the file ended if not at its end (then {@code groups} holds the
     * orders known complete before the break, or none if the failure was not the file's form).
     */
    /**
     * @param ordersRefused orders refused whole while reading (too many rows)
     * @param reversalsRefused cancellation rows of cancellations refused whole while reading
     */
    private record Chunk(
            List<Group> groups,
            int rows,
            List<Reject> rejects,
            long read,
            long refused,
            long ordersRefused,
            long reversalsRefused,
            boolean last,
            @Nullable Throwable failure) {}

    OrderImport(Crm crm, OrderMapping mapping, RejectSink rejects, int batchSize, ImportProgress progress) {
        this(crm, mapping, rejects, batchSize, progress, RECENT_LINES);
    }

    /** @param recentLines how many order lines of created customers are kept ({@link #RECENT_LINES}) */
    OrderImport(
            Crm crm,
            OrderMapping mapping,
            RejectSink rejects,
            int batchSize,
            ImportProgress progress,
            int recentLines) {
        this.recent = new RecentOrders(recentLines);
        this.crm = crm;
        this.bulk = crm.bulk();
        this.m = mapping;
        this.rejects = rejects;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /**
     * Reads and parses the file one batch ahead on a thread of its own while this thread writes
     * the batch before: rejects, progress and every write happen on this thread. When the import
     * ends, or fails on either side, the reader is told to stop and waited for (it stops at its next
     * row), unless this thread is interrupted while it waits.
     */
    ImportSummary run(CsvRows rows) {
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(1);
        ReadAhead ahead = new ReadAhead(rows, chunks);
        Thread reader = new Thread(ahead, "rapport-order-import-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Chunk chunk = chunks.poll(100, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    if (!reader.isAlive() && chunks.isEmpty()) {
                        throw new IllegalStateException("the import's reading thread ended without a word");
                    }
                    continue;
                }
                for (Reject reject : chunk.rejects()) {
                    rejects.reject(reject);
                }
                rowsRead += chunk.read();
                rowsRejected += chunk.refused();
                orders = orders.plus(new ImportSummary.Counts(0, 0, 0, chunk.ordersRefused()));
                reversals = reversals.plus(new ImportSummary.Counts(0, 0, 0, chunk.reversalsRefused()));
                Throwable failure = chunk.failure();
                if (failure != null && !(failure instanceof dev.rapport.crm.model.ValidationException)) {
                    throw rethrown(failure);
                }
                batch.addAll(chunk.groups());
                batchRows = chunk.rows();
                flush();
                if (failure != null) {
                    // The file stops being CSV: the orders known complete are written, then stop.
                    throw rethrown(failure);
                }
                if (chunk.last()) {
                    return summary();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } finally {
            // A flag, not an interrupt: an interrupt closes a reader over an interruptible channel
            // (a file's), which is the caller's. The reader looks at it before every row and while it
            // waits to hand a batch over.
            ahead.stopped = true;
            try {
                reader.join();
            } catch (InterruptedException e) {
                // Interrupted while waiting: leave the daemon to stop on its own.
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    /** The reading thread: rows into orders, orders into batches, one batch ahead of the writes. */
    private final class ReadAhead implements Runnable {
        private final CsvRows rows;
        private final BlockingQueue<Chunk> chunks;
        private final Cells.LastInstant lastInstant = new Cells.LastInstant();
        private @Nullable Group current;
        private List<Group> groups = new ArrayList<>();
        private int groupRows;
        private List<Reject> refusals = new ArrayList<>();
        private long read;
        private long refused;
        private long ordersRefused;
        private long reversalsRefused;
        /** The order id of the last rows that named one, and how many rows in a row named it. */
        private @Nullable String runId;

        private int runRows;
        /** The current run's order id was refused whole (too many rows): its further rows are too. */
        private boolean runOverflowed;
        /** Set by the writing thread when it wants nothing more. */
        volatile boolean stopped;

        ReadAhead(CsvRows rows, BlockingQueue<Chunk> chunks) {
            this.rows = rows;
            this.chunks = chunks;
        }

        @Override
        public void run() {
            Throwable failure = null;
            boolean complete = false;
            try {
                for (Row row = rows.next(); row != null; row = rows.next()) {
                    if (stopped) {
                        return;
                    }
                    read++;
                    int position = position(row);
                    Line line = position > 0 && runOverflowed
                            ? overflowing(row.line())
                            : parse(row, refusals::add, lastInstant, position);
                    // A row that does not continue the order being read starts another, also after
                    // a refused row of another order id between them.
                    Group into = current != null
                                    && position > 1
                                    && line != null
                                    && current.orderId().equals(line.orderId())
                            ? current
                            : null;
                    if (line != null && into != null) {
                        line = fitsGroup(line, into);
                    }
                    if (line != null && into != null && into.lines().size() == MAX_ORDER_ROWS) {
                        overflow(into, line);
                        line = null;
                    }
                    if (line == null) {
                        refused++;
                        if (refusals.size() >= batchSize) {
                            // A file of mostly bad rows: their rejects go out a batch at a time too.
                            send(false, null);
                        }
                        continue;
                    }
                    if (into == null) {
                        closeGroup();
                        current = new Group(line.orderId(), m.cancellation.test(line.orderId()), new ArrayList<>());
                    }
                    Objects.requireNonNull(current).lines().add(line);
                }
                closeGroup();
                complete = true;
            } catch (Stopped stop) {
                return;
            } catch (dev.rapport.crm.model.ValidationException broken) {
                // The order being read may have more rows past the break, so it is not written.
                failure = broken;
            } catch (Throwable t) {
                // Not the file's form (the reader failed, or the mapping's own code threw): the batch
                // being read is not written.
                groups = new ArrayList<>();
                groupRows = 0;
                failure = t;
            }
            try {
                send(true, complete ? null : failure);
            } catch (Stopped stop) {
                // The writer stopped first.
            }
        }

        /**
         * @return the row's number in the run of rows naming its order id, or 0 if it names none
         */
        private int position(Row row) {
            String id = row.get(m.orderId);
            if (id == null || id.isBlank()) {
                return 0;
            }
            if (id.equals(runId)) {
                return ++runRows;
            }
            runId = id;
            runRows = 1;
            runOverflowed = false;
            return 1;
        }

        /** Refuses a row of an order already refused for its length; returns null. */
        private @Nullable Line overflowing(long line) {
            refusals.add(new Reject(line, m.orderId, tooLong()));
            if (runId != null && m.cancellation.test(runId)) {
                // Each row of a cancellation is a reversal of its own, refused as the ones before.
                reversalsRefused++;
            }
            return null;
        }

        private String tooLong() {
            return "the order id has more than " + MAX_ORDER_ROWS + " rows in a row (an order holds at most "
                    + MAX_ORDER_ROWS + " lines): all of them are refused";
        }

        /** Refuses the whole order being read, and the row that made it too long. */
        private void overflow(Group g, Line last) {
            for (Line l : g.lines()) {
                refusals.add(new Reject(l.line(), m.orderId, tooLong()));
            }
            refusals.add(new Reject(last.line(), m.orderId, tooLong()));
            // The group's rows were counted as read and kept; they are refused now. The row that
            // overflowed is counted by the caller.
            refused += g.lines().size();
            if (g.cancellation()) {
                reversalsRefused += g.lines().size() + 1;
            } else {
                ordersRefused++;
            }
            current = null;
            runOverflowed = true;
        }

        /**
         * Refuses a row that names another customer or currency than its order's first row: an
         * order belongs to one customer and is in one currency.
         */
        private @Nullable Line fitsGroup(Line line, Group g) {
            Line first = g.lines().get(0);
            if (!first.customer().equals(line.customer())) {
                return differs(line, m.customerId, "names another customer", first);
            }
            if (!first.currency().equals(line.currency())) {
                return differs(line, m.currencyColumn, "is another currency", first);
            }
            return line;
        }

        private @Nullable Line differs(Line line, @Nullable String column, String what, Line first) {
            refusals.add(new Reject(
                    line.line(), column, what + " than the first row of its order (line " + first.line() + ")"));
            return null;
        }

        private void closeGroup() {
            Group g = current;
            if (g == null) {
                return;
            }
            current = null;
            if (groupRows > 0 && groupRows + g.lines().size() > batchSize) {
                // A batch holds at most batchSize rows, or one order of up to MAX_ORDER_ROWS: never
                // more than the bulk calls take (BulkService.MAX_BATCH).
                send(false, null);
            }
            groups.add(g);
            groupRows += g.lines().size();
            if (groupRows >= batchSize) {
                send(false, null);
            }
        }

        /** Hands the batch over, waiting while the one before is still unread, until stopped. */
        private void send(boolean last, @Nullable Throwable failure) {
            Chunk chunk = new Chunk(
                    groups, groupRows, refusals, read, refused, ordersRefused, reversalsRefused, last, failure);
            try {
                while (!chunks.offer(chunk, 20, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            groups = new ArrayList<>();
            groupRows = 0;
            refusals = new ArrayList<>();
            read = 0;
            refused = 0;
            ordersRefused = 0;
            reversalsRefused = 0;
        }
    }

    /** The reading thread's way out when the writing thread has stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private ImportSummary summary() {
        return new ImportSummary(rowsRead, rowsRejected, customers, orders, reversals, ImportSummary.Counts.NONE);
    }

    /** The row's customer attributes: no map per row for none or one (as in most order files). */
    private Map<String, Object> attributes(Cells c) {
        if (m.customerAttributes.isEmpty()) {
            return Map.of();
        }
        if (m.customerAttributes.size() == 1) {
            Map.Entry<String, String> only =
                    m.customerAttributes.entrySet().iterator().next();
            String value = c.optional(only.getValue());
            return value == null ? Map.of() : Map.of(only.getKey(), value);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        m.customerAttributes.forEach((key, column) -> {
            String value = c.optional(column);
            if (value != null) {
                attributes.put(key, value);
            }
        });
        return attributes;
    }

    /** Parses a row (on the reading thread: it reads nothing but the mapping). */
    private @Nullable Line parse(Row row, RejectSink refusals, Cells.LastInstant lastInstant, int position) {
        Cells c = new Cells(row, refusals);
        String orderId = c.required(m.orderId, "is empty");
        if (orderId != null) {
            // The order's source id is the order id; a cancellation row's is orderId/position.
            String externalId = m.cancellation.test(orderId) ? orderId + "/" + position : orderId;
            if (!SourceRef.isExternalId(externalId)) {
                c.refuse(
                        m.orderId,
                        "cannot be a source reference: an order's id (a cancellation's with '/' and the row's"
                                + " number) is at most " + SourceRef.MAX_EXTERNAL_ID
                                + " characters of text without control characters");
            }
        }
        String rawCustomer = c.required(m.customerId, "is empty: the row names no customer");
        String customer = null;
        if (rawCustomer != null) {
            customer = m.customerIdNormalizer.apply(rawCustomer.strip()).strip();
            if (customer.isEmpty()) {
                c.refuse(m.customerId, "is empty: the row names no customer");
            }
        }
        Instant at = c.instant(m.occurredAt, m.dateFormat, m.zone, lastInstant);
        String code = c.required(m.productCode, "is empty");
        if (code != null) {
            // As the engine keeps it, so that re-runs and cancellations compare the same text.
            code = code.strip();
        }
        String description = c.optional(m.description);
        BigDecimal quantity = c.number(m.quantity);
        BigDecimal price = c.number(m.unitPrice);
        String currency =
                m.currency != null ? m.currency : c.required(Objects.requireNonNull(m.currencyColumn), "is empty");
        if (quantity != null && orderId != null) {
            boolean cancellation = m.cancellation.test(orderId);
            if (cancellation && quantity.signum() >= 0) {
                c.refuse(m.quantity, "must be negative in a cancellation");
            } else if (!cancellation && quantity.signum() <= 0) {
                c.refuse(m.quantity, "must be positive in an order (outside a cancellation)");
            }
            quantity = quantity.abs();
        }
        if (price != null && price.signum() < 0) {
            c.refuse(m.unitPrice, "must not be negative");
        }
        Map<String, Object> attributes = attributes(c);
        if (c.refused()) {
            return null;
        }
        return new Line(
                row.line(),
                position,
                Objects.requireNonNull(orderId),
                Objects.requireNonNull(customer),
                Objects.requireNonNull(at),
                Objects.requireNonNull(code),
                description,
                Objects.requireNonNull(quantity),
                Objects.requireNonNull(price),
                Objects.requireNonNull(currency),
                attributes);
    }

    private void rejectGroup(Group g, @Nullable String column, String reason) {
        for (Line l : g.lines()) {
            rejects.reject(new Reject(l.line(), column, reason));
        }
        rowsRejected += g.lines().size();
    }

    private static String describe(List<Violation> problems) {
        return problems.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, CustomerId> buyers = resolveCustomers();
        recordOrders(buyers);
        recordCancellations(buyers);
        log.debug("imported a batch of {} orders ({} rows)", batch.size(), batchRows);
        batch.clear();
        batchRows = 0;
        progress.update(summary());
    }

    /** Creates or matches the batch's customers; rejects the rows of those refused. */
    private Map<String, CustomerId> resolveCustomers() {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (Group g : batch) {
            for (Line l : g.lines()) {
                // The first value of each attribute, as the store keeps it (ExistingAttributes.KEEP).
                Map<String, Object> values = wanted.computeIfAbsent(l.customer(), k -> new LinkedHashMap<>());
                l.attributes().forEach(values::putIfAbsent);
            }
        }
        Map<String, CustomerId> ids = new HashMap<>();
        Map<String, String> refused = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> w : wanted.entrySet()) {
            Resolved known = resolved.get(w.getKey());
            if (known != null && (!m.createCustomers || carried(known.sent(), w.getValue()))) {
                ids.put(w.getKey(), known.id());
            } else {
                keys.add(w.getKey());
            }
        }
        if (m.createCustomers) {
            for (int from = 0; from < keys.size(); from += BulkService.MAX_BATCH) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + BulkService.MAX_BATCH));
                List<NewCustomer> commands = new ArrayList<>(chunk.size());
                for (String key : chunk) {
                    NewCustomer c = NewCustomer.named(key).identity(Identity.external(m.customerSystem, key));
                    for (Map.Entry<String, Object> a : wanted.get(key).entrySet()) {
                        c = c.attribute(a.getKey(), a.getValue());
                    }
                    commands.add(c);
                }
                BatchResult<Customer> result = bulk.upsertCustomers(commands, ExistingAttributes.KEEP);
                long created = result.count(BatchOutcome.CREATED);
                long updated = result.count(BatchOutcome.UPDATED);
                long rejected = result.count(BatchOutcome.REJECTED);
                customers = customers.plus(new ImportSummary.Counts(created, updated, 0, rejected));
                for (BatchItem<Customer> item : result.items()) {
                    String key = chunk.get(item.index());
                    if (item.outcome() == BatchOutcome.REJECTED) {
                        refused.put(key, "customer refused: " + describe(item.problems()));
                    } else {
                        CustomerId id = Objects.requireNonNull(item.value()).id();
                        ids.put(key, id);
                        if (item.outcome() == BatchOutcome.CREATED) {
                            recent.created(id);
                        }
                        Map<String, Object> sent = new HashMap<>(wanted.get(key));
                        Resolved before = resolved.get(key);
                        if (before != null) {
                            before.sent().forEach(sent::putIfAbsent);
                        }
                        resolved.put(key, new Resolved(id, sent));
                    }
                }
            }
        } else {
            for (String key : keys) {
                crm.customers()
                        .findByIdentity(Identity.external(m.customerSystem, key))
                        .ifPresentOrElse(
                                c -> {
                                    ids.put(key, c.id());
                                    resolved.put(key, new Resolved(c.id(), Map.of()));
                                },
                                () -> refused.put(key, "no customer has this id"));
            }
        }
        List<Group> kept = new ArrayList<>();
        for (Group g : batch) {
            String reason = refused.get(g.lines().get(0).customer());
            if (reason != null) {
                rejectGroup(g, m.customerId, reason);
            } else {
                kept.add(g);
            }
        }
        if (kept.size() < batch.size()) {
            batch.clear();
            batch.addAll(kept);
        }
        return ids;
    }

    /** @return whether every value was carried by an earlier upsert */
    private static boolean carried(Map<String, Object> sent, Map<String, Object> values) {
        for (Map.Entry<String, Object> v : values.entrySet()) {
            if (!v.getValue().equals(sent.get(v.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private void recordOrders(Map<String, CustomerId> buyers) {
        List<Group> groups = new ArrayList<>();
        List<NewOrder> commands = new ArrayList<>();
        for (Group g : batch) {
            if (g.cancellation()) {
                continue;
            }
            Line first = g.lines().get(0);
            NewOrder.Builder b = NewOrder.of(buyers.get(first.customer()), first.currency())
                    .source(m.source, g.orderId())
                    .channel(m.channel)
                    .occurredAt(first.at());
            for (Line l : g.lines()) {
                b.line(l.code(), l.description(), l.quantity(), l.unitPrice());
            }
            groups.add(g);
            commands.add(b.build());
        }
        if (commands.isEmpty()) {
            return;
        }
        BatchResult<Order> result = bulk.recordOrders(commands);
        long created = 0;
        long duplicates = 0;
        long rejected = 0;
        for (BatchItem<Order> item : result.items()) {
            Group g = groups.get(item.index());
            switch (item.outcome()) {
                case CREATED -> {
                    created++;
                    recent.recorded(Objects.requireNonNull(item.value()));
                }
                case DUPLICATE -> {
                    Order stored = Objects.requireNonNull(item.value());
                    if (sameLines(stored, g)) {
                        duplicates++;
                    } else {
                        rejected++;
                        rejectGroup(
                                g,
                                m.orderId,
                                "an order with this id was recorded before with other lines"
                                        + " (the rows of one order must be consecutive, or the file changed)");
                    }
                }
                default -> {
                    rejected++;
                    rejectGroup(g, null, "order refused: " + describe(item.problems()));
                }
            }
        }
        orders = orders.plus(new ImportSummary.Counts(created, 0, duplicates, rejected));
    }

    private static boolean sameLines(Order stored, Group g) {
        if (stored.lines().size() != g.lines().size()) {
            return false;
        }
        for (int i = 0; i < g.lines().size(); i++) {
            OrderLine s = stored.lines().get(i);
            Line l = g.lines().get(i);
            if (!s.productCode().equals(l.code())
                    || s.quantity().compareTo(l.quantity()) != 0
                    || s.unitPrice().compareTo(l.unitPrice()) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Turns each cancellation row into a reversal of the latest earlier order holding its product. */
    private void recordCancellations(Map<String, CustomerId> buyers) {
        List<NewReversal> commands = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Match> chosen = new ArrayList<>();
        List<Integer> recordedFrom = new ArrayList<>();
        Map<String, BigDecimal> taken = new HashMap<>();
        long duplicates = 0;
        long rejected = 0;
        // The rows recorded before (a second run, or the same cancellation again later in the
        // file) are known by their source, in one read per batch. Also for the customers this
        // import created: a source is unique in the tenant, not per customer.
        List<SourceRef> sources = new ArrayList<>();
        for (Group g : batch) {
            if (g.cancellation()) {
                for (Line l : g.lines()) {
                    sources.add(SourceRef.of(m.source, g.orderId() + "/" + l.position()));
                }
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        Map<SourceRef, Reversal> recorded = crm.purchases().findReversalsBySources(sources);
        // The cancellations left to match, in file order, and each customer's in its own queue:
        // a customer's later rows depend on what its earlier ones took, other customers' do not.
        List<Line> open = new ArrayList<>();
        List<SourceRef> openSources = new ArrayList<>();
        Map<CustomerId, History> histories = new LinkedHashMap<>();
        Set<SourceRef> inBatch = new HashSet<>();
        List<Line> repeated = new ArrayList<>();
        List<SourceRef> repeatedSources = new ArrayList<>();
        int at = 0;
        for (Group g : batch) {
            if (!g.cancellation()) {
                continue;
            }
            for (Line l : g.lines()) {
                SourceRef source = sources.get(at++);
                if (recorded.containsKey(source)) {
                    duplicates++;
                    continue;
                }
                if (!inBatch.add(source)) {
                    // The same cancellation earlier in this batch: it shares that row's fate.
                    repeated.add(l);
                    repeatedSources.add(source);
                    continue;
                }
                CustomerId customer = Objects.requireNonNull(buyers.get(l.customer()));
                History h = histories.computeIfAbsent(customer, History::new);
                h.pending.add(open.size());
                if (h.until == null || l.at().isAfter(h.until)) {
                    h.until = l.at();
                }
                open.add(l);
                openSources.add(source);
            }
        }
        for (History h : histories.values()) {
            List<RecentOrders.Held> held = recent.newestFirst(h.customer);
            if (held != null) {
                // All of the customer's orders: the ones a read would give, without the read.
                Instant until = Objects.requireNonNull(h.until);
                for (RecentOrders.Held o : held) {
                    if (h.orders.size() == CANCELLATION_LOOKBACK) {
                        break;
                    }
                    if (!o.key.occurredAt().isAfter(until)) {
                        h.orders.add(o);
                    }
                }
                h.started = true;
            }
        }
        @Nullable Match[] matches = new Match[open.size()];
        boolean[] decided = new boolean[open.size()];
        // Rounds: match every customer's rows against the orders known so far; a customer whose
        // next row is not matched there but has older orders left gets its next page, all such
        // customers in one read, and goes on from that row. Most originals are recent, so most
        // customers need one short page rather than their whole history.
        List<History> waiting = new ArrayList<>(histories.values());
        int page = FIRST_PAGE;
        while (!waiting.isEmpty()) {
            List<History> unread = new ArrayList<>();
            for (History h : waiting) {
                if (h.more()) {
                    unread.add(h);
                }
            }
            if (!unread.isEmpty()) {
                readMore(unread, page);
                page = Math.min(CANCELLATION_LOOKBACK, page * 8);
            }
            List<History> next = new ArrayList<>();
            for (History h : waiting) {
                while (!h.pending.isEmpty()) {
                    int j = h.pending.peekFirst();
                    Match match = match(h, open.get(j), taken);
                    if (match == null && h.more()) {
                        next.add(h);
                        break;
                    }
                    h.pending.removeFirst();
                    decided[j] = true;
                    if (match != null) {
                        matches[j] = match;
                        taken.merge(match.key(), open.get(j).quantity(), BigDecimal::add);
                    }
                }
            }
            waiting = next;
        }
        for (int j = 0; j < open.size(); j++) {
            Line l = open.get(j);
            Match match = matches[j];
            if (!decided[j]) {
                throw new IllegalStateException("cancellation on line " + l.line() + " was left undecided");
            }
            if (match == null) {
                rejected++;
                rowsRejected++;
                rejects.reject(new Reject(
                        l.line(),
                        m.orderId,
                        "cancellation: no earlier order of this customer holds this product at this price"
                                + " with enough quantity left"));
                continue;
            }
            SourceRef source = openSources.get(j);
            commands.add(NewReversal.of(ReversalKind.CANCELLATION, match.order().id)
                    .line(match.number(), l.quantity())
                    .occurredAt(l.at())
                    .source(source.source(), source.externalId())
                    .build());
            lines.add(l);
            chosen.add(match);
            recordedFrom.add(j);
        }
        long created = 0;
        Set<SourceRef> createdSources = new HashSet<>();
        if (!commands.isEmpty()) {
            BatchResult<Reversal> result = bulk.reverseOrders(commands);
            for (BatchItem<Reversal> item : result.items()) {
                switch (item.outcome()) {
                    case CREATED -> {
                        created++;
                        createdSources.add(openSources.get(recordedFrom.get(item.index())));
                        // What the next batches' rows can take from this line.
                        Match match = chosen.get(item.index());
                        BigDecimal[] left = match.order().left;
                        left[match.at()] = left[match.at()].subtract(
                                lines.get(item.index()).quantity());
                    }
                    case DUPLICATE -> duplicates++;
                    default -> {
                        rejected++;
                        rowsRejected++;
                        rejects.reject(new Reject(
                                lines.get(item.index()).line(),
                                null,
                                "cancellation refused: " + describe(item.problems())));
                    }
                }
            }
        }
        for (int k = 0; k < repeated.size(); k++) {
            if (createdSources.contains(repeatedSources.get(k))) {
                duplicates++;
            } else {
                rejected++;
                rowsRejected++;
                rejects.reject(new Reject(
                        repeated.get(k).line(),
                        m.orderId,
                        "cancellation: repeats an earlier row of this batch, which was not recorded"));
            }
        }
        reversals = reversals.plus(new ImportSummary.Counts(created, 0, duplicates, rejected));
    }

    /** The original a cancellation row takes from: an order's line, at its place in the order. */
    private record Match(RecentOrders.Held order, int at) {
        int number() {
            return order.numbers[at];
        }

        String key() {
            return order.id + "#" + number();
        }
    }

    /** One customer's orders known so far in this batch, newest first, and its rows left to match. */
    private static final class History {
        final CustomerId customer;
        final ArrayDeque<Integer> pending = new ArrayDeque<>();
        final List<RecentOrders.Held> orders = new ArrayList<>();
        /** The customer's latest cancellation in the batch: no later order is read. */
        @Nullable
        Instant until;

        @Nullable
        String cursor;

        boolean started;

        History(CustomerId customer) {
            this.customer = customer;
        }

        /** @return whether older orders may be left to read, within the look-back */
        boolean more() {
            return !started || (cursor != null && orders.size() < CANCELLATION_LOOKBACK);
        }
    }

    /**
     * The latest order known so far, at or before the row, that still holds enough of the row's
     * product at its unit price, after what earlier rows of the batch took.
     */
    private static @Nullable Match match(History h, Line l, Map<String, BigDecimal> taken) {
        for (RecentOrders.Held o : h.orders) {
            if (o.key.occurredAt().isAfter(l.at())) {
                continue;
            }
            for (int i = 0; i < o.codes.length; i++) {
                if (!o.codes[i].equals(l.code()) || o.prices[i].compareTo(l.unitPrice()) != 0) {
                    continue;
                }
                Match candidate = new Match(o, i);
                BigDecimal left = o.left[i].subtract(taken.getOrDefault(candidate.key(), BigDecimal.ZERO));
                if (left.compareTo(l.quantity()) >= 0) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Reads the next page of each customer's orders up to its latest cancellation, newest first,
     * at most {@link #CANCELLATION_LOOKBACK} in all: one read for all of them.
     */
    private void readMore(List<History> histories, int size) {
        List<TimelineQuery> queries = new ArrayList<>(histories.size());
        for (History h : histories) {
            int limit = Math.min(size, CANCELLATION_LOOKBACK - h.orders.size());
            queries.add(TimelineQuery.of(h.customer)
                    .kinds(ActivityKind.ORDER)
                    .between(null, Objects.requireNonNull(h.until).plusNanos(1000))
                    .limit(limit)
                    .after(h.cursor));
        }
        List<Page<Activity>> pages = crm.timeline().list(queries);
        for (int i = 0; i < histories.size(); i++) {
            History h = histories.get(i);
            for (Activity a : pages.get(i).items()) {
                h.orders.add(new RecentOrders.Held((Order) a));
            }
            h.cursor = pages.get(i).nextCursor();
            h.started = true;
        }
    }
}
