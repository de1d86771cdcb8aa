package dev.rapport.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.SourceRef;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The hand-written order JSON and UTF-8 of the {@code COPY} path against what they replace:
 * Jackson's {@link CrmJson#write} (then {@link CopyText}'s escaping) and {@code
 * String.getBytes(UTF_8)}, on seeded orders whose texts draw on quotes, backslashes, every control
 * character, non-ASCII up to U+FFFF, surrogate pairs and unpaired surrogates, and whose decimals
 * take every scale an order can hold, negative ones too. The text bound to batched inserts is the
 * same JSON.
 */
class OrderJsonTest {
    private static final long SEED = 20261202L;
    private static final String[] PIECES = {
        "a",
        "Z",
        "9",
        " ",
        "\"",
        "\\",
        "/",
        "\t",
        "\n",
        "\r",
        "\b",
        "\f",
        "\u0000",
        "\u0001",
        "\u001f",
        "\u007f",
        "é",
        "ß",
        "€",
        "\u2028",
        "\u2029",
        "\uD83D\uDE00",
        "\uD800",
        "\uDC00",
        "\uE000",
        "\uFEFF",
        "\uFFFD",
        "\uFFFF",
        "WHITE HANGING HEART",
        "<b>&amp;</b>"
    };

    private static String text(SplittableRandom r, int maxPieces) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static BigDecimal decimal(SplittableRandom r) {
        BigInteger unscaled =
                switch (r.nextInt(4)) {
                    case 0 -> BigInteger.valueOf(r.nextInt(10));
                    case 1 -> BigInteger.valueOf(r.nextLong(1_000_000));
                    case 2 -> BigInteger.valueOf(r.nextLong(Long.MAX_VALUE));
                    default -> new BigInteger(100, new java.util.Random(r.nextLong()));
                };
        BigDecimal value = new BigDecimal(unscaled, r.nextInt(-3, 13));
        return r.nextInt(4) == 0 ? value.negate() : value;
    }

    private static @Nullable String maybe(SplittableRandom r, String text) {
        return r.nextInt(3) == 0 ? null : text;
    }

    private static Order order(SplittableRandom r) {
        int n = 1 + r.nextInt(6);
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            BigDecimal quantity = decimal(r).abs().add(BigDecimal.ONE);
            BigDecimal reversed = r.nextBoolean() ? BigDecimal.ZERO : quantity;
            lines.add(new OrderLine(
                    i, text(r, 3), maybe(r, text(r, 8)), quantity, decimal(r).abs(), decimal(r), reversed));
        }
        Instant at = Instant.ofEpochSecond(r.nextLong(-60_000_000_000L, 250_000_000_000L), r.nextInt(1_000_000_000));
        return new Order(
                new OrderId(new UUID(r.nextLong(), r.nextLong())),
                1 + r.nextLong(Long.MAX_VALUE - 1),
                new CustomerId(new UUID(r.nextLong(), r.nextLong())),
                at,
                at.plusNanos(r.nextLong(1_000_000_000_000L)),
                Channel.values()[r.nextInt(Channel.values().length)],
                maybe(r, text(r, 4)),
                Currency.getInstance(r.nextBoolean() ? "GBP" : "JPY"),
                lines,
                decimal(r),
                decimal(r),
                r.nextBoolean() ? SourceRef.of("src-" + r.nextInt(9), text(r, 4)) : null);
    }

    /** The string the JSON column's binder sets on a statement, caught by a stand-in statement. */
    private static String boundText(Order order) {
        String[] set = new String[1];
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(
                OrderJsonTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setString")) {
                        set[0] = (String) args[1];
                        return null;
                    }
                    throw new AssertionError("the JSON binder called " + method.getName());
                });
        try {
            RowShape.binder(Dialect.postgresql(), RowShape.Type.JSON, order).bind(statement, 1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return set[0];
    }

    @Test
    void seededOrders_areWrittenAsJacksonWritesThem() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 5_000; i++) {
            Order order = order(r);
            String jackson = CrmJson.write(order);
            assertThat(OrderJson.write(order))
                    .as("order %d of seed %d", i, SEED)
                    .isEqualTo(jackson);
            StringBuilder copied = new StringBuilder();
            CopyText.appendValue(copied, RowShape.Type.JSON, order);
            StringBuilder expected = new StringBuilder();
            CopyText.appendText(expected, jackson);
            assertThat(copied.toString())
                    .as("COPY text of order %d of seed %d", i, SEED)
                    .hasToString(expected.toString());
            assertThat(boundText(order))
                    .as("bound text of order %d of seed %d", i, SEED)
                    .isEqualTo(jackson);
        }
    }

    @Test
    void everyCharOutsideTheSurrogates_isEscapedAsJacksonEscapesIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = "x" + (char) c + "y";
            StringBuilder out = new StringBuilder();
            OrderJson.string(out, s, false);
            assertThat(out.toString())
                    .as("U+%04X", c)
                    .isEqualTo(CrmJson.mapper().writeValueAsString(s));
        }
    }

    @Test
    void seededText_isEncodedAsStringGetBytesEncodesIt() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(40);
            for (int j = 0; j < n; j++) {
                s.append(
                        r.nextBoolean() ? PIECES[r.nextInt(PIECES.length)] : String.valueOf((char) r.nextInt(0x10000)));
            }
            byte[] out = new byte[3 * s.length()];
            int written = PgCopy.utf8(s, out);
            assertThat(Arrays.copyOf(out, written))
                    .as("text %d of seed %d", i, SEED)
                    .isEqualTo(s.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
