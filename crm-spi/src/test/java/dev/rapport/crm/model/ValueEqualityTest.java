package dev.rapport.crm.model;

import com.google.common.testing.EqualsTester;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueEqualityTest {
    @Test
    void ids_equalByValueAndType() {
        UUID u = UUID.fromString("01930000-0000-7000-8000-000000000001");
        new EqualsTester()
                .addEqualityGroup(CustomerId.of(u), CustomerId.parse(u.toString()))
                .addEqualityGroup(TenantId.of(u))
                .addEqualityGroup(EventId.of(u))
                .addEqualityGroup(CustomerId.of(new UUID(0, 1)))
                .testEquals();
    }

    @Test
    void identities_equalByNormalisedScopeAndTrimmedValue() {
        new EqualsTester()
                .addEqualityGroup(Identity.email("a@b.co"), Identity.email(" a@b.co "))
                .addEqualityGroup(Identity.email("A@b.co"))
                .addEqualityGroup(Identity.social("X", "ada"), Identity.social("x", "ada"))
                .addEqualityGroup(Identity.external("x", "ada"))
                .testEquals();
    }

    @Test
    void attributeValues_equalByTypeAndValue_decimalsIgnoringTrailingZeros() {
        new EqualsTester()
                .addEqualityGroup(
                        new AttributeValue.Decimal(new BigDecimal("1.50")),
                        new AttributeValue.Decimal(new BigDecimal("1.5")))
                .addEqualityGroup(
                        new AttributeValue.Decimal(new BigDecimal("100")),
                        new AttributeValue.Decimal(new BigDecimal("1E+2")))
                .addEqualityGroup(new AttributeValue.Int(100))
                .addEqualityGroup(new AttributeValue.Text("gold"))
                .addEqualityGroup(new AttributeValue.Choice("gold"))
                .addEqualityGroup(
                        new AttributeValue.Timestamp(Instant.parse("2026-01-01T00:00:00.000001Z")),
                        new AttributeValue.Timestamp(Instant.parse("2026-01-01T00:00:00.000001999Z")))
                .addEqualityGroup(new AttributeValue.TextList(List.of("a", "b")))
                .addEqualityGroup(new AttributeValue.TextList(List.of("b", "a")))
                .testEquals();
    }
}
