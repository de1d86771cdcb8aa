package dev.rapport.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaTarget;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {
    private static final TenantSettings GB = TenantSettings.withPhoneRegion("GB");
    private static final Duration TEN_YEARS = Duration.ofDays(3653);

    private static String refusedField(Supplier<?> build) {
        ValidationException e = catchThrowableOfType(ValidationException.class, build::get);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0).path();
    }

    @Test
    void durationsOutOfRange_areRefusedNamingTheField() {
        assertThat(refusedField(() -> GB.withReopenWindow(Duration.ofSeconds(-1))))
                .isEqualTo("reopenWindow");
        assertThat(refusedField(() -> GB.withReopenWindow(TEN_YEARS.plusSeconds(1))))
                .isEqualTo("reopenWindow");
        assertThat(refusedField(() -> GB.withPendingReminder(Duration.ZERO))).isEqualTo("pendingReminder");
        assertThat(refusedField(() -> GB.withPendingReminder(TEN_YEARS.plusSeconds(1))))
                .isEqualTo("pendingReminder");
        assertThat(refusedField(() -> GB.withAutoClose(Duration.ofSeconds(-1)))).isEqualTo("autoClose");
        assertThat(refusedField(() -> GB.withAutoClose(TEN_YEARS.plusSeconds(1))))
                .isEqualTo("autoClose");
        assertThat(refusedField(() -> GB.withAtRiskFraction(1.0))).isEqualTo("atRiskFraction");
        assertThat(refusedField(() -> new SlaTarget(SlaMetric.RESOLUTION, Duration.ZERO, false)))
                .isEqualTo("within");
        assertThat(refusedField(() -> SlaTarget.business(SlaMetric.RESOLUTION, TEN_YEARS.plusSeconds(1))))
                .isEqualTo("within");
    }

    @Test
    void theLimitsThemselves_areAccepted() {
        TenantSettings s = GB.withReopenWindow(TEN_YEARS)
                .withPendingReminder(TEN_YEARS)
                .withAutoClose(Duration.ZERO)
                .withAtRiskFraction(0.5);
        assertThat(s.reopenWindow()).isEqualTo(TEN_YEARS);
        assertThat(s.pendingReminder()).isEqualTo(TEN_YEARS);
        assertThat(s.autoClose()).isEqualTo(Duration.ZERO);
        assertThat(GB.withAutoClose(TEN_YEARS).autoClose()).isEqualTo(TEN_YEARS);
        assertThat(SlaTarget.calendar(SlaMetric.RESOLUTION, TEN_YEARS).within()).isEqualTo(TEN_YEARS);
    }
}
