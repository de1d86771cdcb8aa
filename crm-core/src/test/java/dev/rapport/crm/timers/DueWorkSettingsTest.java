package dev.rapport.crm.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.Crm;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StorageSession;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DueWorkSettingsTest {

    /** A storage without timers; no test here reaches it. */
    private static final CrmStorage NO_TIMERS = new CrmStorage() {
        @Override
        public <T> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void backoffAfter_doublesFromTheInitialWaitUpToTheCeiling() {
        DueWorkSettings s = DueWorkSettings.defaults().withBackoff(Duration.ofSeconds(30), Duration.ofMinutes(3));
        assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.backoffAfter(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void defaults_areValid_andEachHasItsOwnOwner() {
        DueWorkSettings.defaults().validate();
        SchedulerSettings.defaults().validate();
        assertThat(DueWorkSettings.defaults().owner()).startsWith("rapport-");
        assertThat(DueWorkSettings.defaults().owner())
                .isNotEqualTo(DueWorkSettings.defaults().owner());
    }

    @Test
    void validate_reportsEveryProblemAtOnce() {
        DueWorkSettings bad = new DueWorkSettings("", Duration.ZERO, 0, 0, Duration.ZERO, Duration.ofDays(8));
        ValidationException e = catchThrowableOfType(ValidationException.class, bad::validate);
        assertThat(e.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactly(
                        "dueWork.owner",
                        "dueWork.lease",
                        "dueWork.batchSize",
                        "dueWork.maxAttempts",
                        "dueWork.initialBackoff",
                        "dueWork.maxBackoff");
        SchedulerSettings badScheduler = new SchedulerSettings(0, Duration.ZERO, Duration.ofSeconds(-1), "");
        ValidationException s = catchThrowableOfType(ValidationException.class, badScheduler::validate);
        assertThat(s.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactly(
                        "scheduler.threads", "scheduler.pollInterval", "scheduler.stopTimeout", "scheduler.owner");
    }

    @Test
    void build_refusesBadKinds_duplicateKinds_badSettings_andHandlersWithoutTimerStorage() {
        TimerHandler handler = ctx -> {};
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> Crm.builder()
                .storage(NO_TIMERS)
                .dueWork(DueWorkSettings.defaults().withBatchSize(5000))
                .timerHandler("Not A Kind", handler)
                .timerHandler("case.sla.breach", handler)
                .timerHandler("reminder.follow-up", handler)
                .timerHandler("reminder.follow-up", handler)
                .build());
        assertThat(e.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactly(
                        "dueWork.batchSize",
                        "timerHandler.Not A Kind",
                        "timerHandler.case.sla.breach",
                        "timerHandler.reminder.follow-up",
                        "timerHandler");
        assertThat(e.violations())
                .filteredOn(v -> v.path().equals("timerHandler.case.sla.breach"))
                .extracting(ValidationException.Violation::reason)
                .containsExactly("kinds starting with 'case.' are the engine's own");
    }

    @Test
    void runDueWork_onStorageWithoutTimers_saysSo() {
        Crm crm = Crm.builder().storage(NO_TIMERS).build();
        UnsupportedOperationException e = catchThrowableOfType(UnsupportedOperationException.class, crm::runDueWork);
        assertThat(e).hasMessageContaining("does not store timers");
    }
}
