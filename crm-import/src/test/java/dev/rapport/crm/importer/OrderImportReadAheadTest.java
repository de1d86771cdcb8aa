package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.activity.SourceRef;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An order import reads the file one batch ahead on a thread of its own: the callbacks still come
 * on the calling thread, and when the import stops, by a failure on either side, the reading
 * thread is gone and the reader is not read again.
 */
@Timeout(60) // a hang is a failure here
class OrderImportReadAheadTest {
    private static final String READER_THREAD = "rapport-order-import-reader";

    Crm crm;

    @BeforeEach
    void setUp() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
    }

    /** {@code orders} one-row orders, every seventh row without a customer (rejected). */
    private static String file(int orders) {
        StringBuilder csv = new StringBuilder(OrderImportTest.HEADER);
        for (int i = 1; i <= orders; i++) {
            csv.append(i)
                    .append(",P,p,1,2011-01-01 08:00:00,1.25,")
                    .append(i % 7 == 0 ? "" : String.valueOf(10_000 + i % 50) + ".0")
                    .append(",UK\n");
        }
        return csv.toString();
    }

    /** Counts the characters read from a reader; throws once {@code failAt} have been read. */
    private static final class Counting extends Reader {
        private final Reader in;
        private final long failAt;
        final AtomicLong read = new AtomicLong();
        /** Every thread that read from it. */
        final Set<Thread> readers = ConcurrentHashMap.newKeySet();

        Counting(Reader in, long failAt) {
            this.in = in;
            this.failAt = failAt;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            readers.add(Thread.currentThread());
            if (read.get() >= failAt) {
                throw new IOException("disk gone");
            }
            int n = in.read(buffer, off, (int) Math.min(len, Math.max(1, failAt - read.get())));
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(READER_THREAD) && t.isAlive());
    }

    @Test
    void rejectsAndProgress_comeOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        ImportSummary s = CsvImporter.of(crm)
                .batchSize(100)
                .progress(p -> seen.add(Thread.currentThread()))
                .importOrders(
                        new StringReader(file(2_000)), OrderImportTest.retail(), r -> seen.add(Thread.currentThread()));
        assertThat(s.rowsRead()).isEqualTo(2_000);
        assertThat(s.rowsRejected()).isEqualTo(2_000 / 7);
        assertThat(s.orders().created()).isEqualTo(2_000 - 2_000 / 7);
        assertThat(seen).hasSizeGreaterThan(2_000 / 7).containsOnly(caller);
        assertThat(readerThreadAlive()).isFalse();
    }

    @Test
    void aFailingRejectSink_stopsTheImport_andTheReaderIsNotReadAfterwards() {
        Counting reader = new Counting(new StringReader(file(50_000)), Long.MAX_VALUE);
        RuntimeException boom = new IllegalStateException("reject report full");
        Throwable thrown = catchThrowable(
                () -> CsvImporter.of(crm).batchSize(100).importOrders(reader, OrderImportTest.retail(), r -> {
                    throw boom;
                }));
        assertThat(thrown).isSameAs(boom);
        assertThat(readerThreadAlive()).isFalse();
        // The calling thread read the header; no other thread that read it is left to read it
        // again, so what it has read now is final.
        assertThat(reader.readers).contains(Thread.currentThread()).hasSizeGreaterThan(1);
        assertThat(reader.readers).filteredOn(t -> t != Thread.currentThread()).noneMatch(Thread::isAlive);
        long readThen = reader.read.get();
        assertThat(reader.read.get())
                .isEqualTo(readThen)
                .isLessThan(file(50_000).length());
        // The first batch's reject came before its orders were written: nothing was.
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "1"))).isEmpty();
    }

    @Test
    void aFileOfBadRows_sendsItsRejectsABatchAtATime_soAFailingSinkStopsTheReadingEarly() {
        StringBuilder csv = new StringBuilder(OrderImportTest.HEADER);
        for (int i = 1; i <= 50_000; i++) {
            csv.append(i).append(",P,p,1,not a date,1.25,10.0,UK\n");
        }
        Counting reader = new Counting(new StringReader(csv.toString()), Long.MAX_VALUE);
        List<Reject> seen = new ArrayList<>();
        RuntimeException full = new IllegalStateException("reject report full");
        Throwable thrown = catchThrowable(
                () -> CsvImporter.of(crm).batchSize(100).importOrders(reader, OrderImportTest.retail(), r -> {
                    seen.add(r);
                    if (seen.size() == 250) {
                        throw full;
                    }
                }));
        assertThat(thrown).isSameAs(full);
        assertThat(seen).extracting(Reject::line).startsWith(2L, 3L, 4L);
        assertThat(readerThreadAlive()).isFalse();
        // At most a few batches of 100 rows were read past the failure, not the whole file.
        assertThat(reader.read.get()).isLessThan(csv.length() / 10);
    }

    /** Throws a checked exception where the compiler does not see one, as some mapping code might. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void mappingCodeThatThrowsAnything_endsTheImportWithIt_ratherThanHangingIt() {
        IOException checked = new IOException("lookup table missing");
        OrderMapping mapping = OrderMapping.builder()
                .source("retail")
                .orderId("InvoiceNo")
                .customerExternalId("retail", "CustomerID")
                .customerIdNormalizer(id -> {
                    if (id.startsWith("10030")) {
                        throw OrderImportReadAheadTest.<RuntimeException>sneaky(checked);
                    }
                    return id;
                })
                .occurredAt(
                        "InvoiceDate",
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
                        java.time.ZoneId.of("UTC"))
                .currency("GBP")
                .lines("StockCode", "Description", "Quantity", "UnitPrice")
                .cancellations(id -> id.startsWith("C"))
                .build();
        Throwable thrown = catchThrowable(
                () -> CsvImporter.of(crm).batchSize(100).importOrders(new StringReader(file(1_000)), mapping, r -> {}));
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasCause(checked);
        assertThat(readerThreadAlive()).isFalse();
    }

    @Test
    void aReaderThatFails_stopsTheImportWithAnIoError_leavingItsBatchUnwritten() {
        String csv = file(1_000);
        // Past the first batch of 100 rows (about 5,000 characters), inside a later one.
        Counting reader = new Counting(new StringReader(csv), csv.length() / 2);
        Throwable thrown = catchThrowable(
                () -> CsvImporter.of(crm).batchSize(100).importOrders(reader, OrderImportTest.retail(), r -> {}));
        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk gone");
        assertThat(readerThreadAlive()).isFalse();
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "1"))).isPresent();
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "999"))).isEmpty();
    }
}
