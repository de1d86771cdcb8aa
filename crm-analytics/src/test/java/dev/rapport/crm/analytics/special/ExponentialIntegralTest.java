package dev.rapport.crm.analytics.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.Seeds;
import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExponentialIntegralTest {
    static Stream<Arguments> publishedValues() {
        // E_1 and E_2 from Abramowitz & Stegun Table 5.1 / DLMF 6.x: E1(0.5) = 0.5597735947761608,
        // E1(1) = 0.21938393439552028, E1(2) = 0.04890051070806112, E1(10) = 4.156968929685324e-6,
        // E2(1) = 0.14849550677592205.
        return Stream.of(
                Arguments.of(1.0, 0.5, 0.5597735947761608),
                Arguments.of(1.0, 1.0, 0.21938393439552028),
                Arguments.of(1.0, 2.0, 0.04890051070806112),
                Arguments.of(1.0, 10.0, 4.156968929685324e-6),
                Arguments.of(2.0, 1.0, 0.14849550677592205));
    }

    @ParameterizedTest(name = "E_{0}({1}) = {2}")
    @MethodSource("publishedValues")
    void scaled_matchesPublishedValues(double s, double z, double e) {
        assertThat(ExponentialIntegral.scaled(s, z)).isCloseTo(Math.exp(z) * e, within(1e-13 * Math.exp(z) * e));
    }

    @Test
    void scaled_matchesClosedFormsAcrossTheDomain() {
        for (double z : new double[] {1e-4, 1e-3, 0.01, 0.137, 1, 7.5, 40, 1e3}) {
            // E_0(z) = e^-z / z
            assertThat(ExponentialIntegral.scaled(0, z)).as("s=0 z=%s", z).isCloseTo(1 / z, within(1e-9 / z));
            // E_1/2(z) = sqrt(pi / z) erfc(sqrt z); compared where erfc does not underflow
            if (z <= 40) {
                double half = Math.exp(z) * Math.sqrt(Math.PI / z) * Erf.erfc(Math.sqrt(z));
                assertThat(ExponentialIntegral.scaled(0.5, z))
                        .as("s=1/2 z=%s", z)
                        .isCloseTo(half, within(1e-8 * half));
            }
        }
    }

    @Test
    void scaled_satisfiesTheRecurrence() {
        // s E_{s+1}(z) = e^-z - z E_s(z), i.e. s J(s+1) = 1 - z J(s) for J = e^z E.
        long seed = Seeds.seed("ExponentialIntegralTest.recurrence", 5_122L);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            double s = 0.05 + 5 * random.nextDouble();
            double z = Math.pow(10, -3 + 5 * random.nextDouble());
            double lhs = s * ExponentialIntegral.scaled(s + 1, z);
            double rhs = 1 - z * ExponentialIntegral.scaled(s, z);
            assertThat(lhs).as("s=%s z=%s, seed %s", s, z, seed).isCloseTo(rhs, within(1e-9 * Math.max(lhs, 1e-3)));
        }
    }

    @Test
    void scaled_matchesQuadrature() {
        // ∫_0^∞ e^(-z u) (1 + u)^(-s) du with v = ln(1 + u): ∫_0^∞ exp(-z (e^v - 1) + (1 - s) v) dv.
        long seed = Seeds.seed("ExponentialIntegralTest.quadrature", 5_123L);
        Random random = new Random(seed);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(24, 1e-13, 1e-300);
        for (int i = 0; i < 60; i++) {
            double s = 0.05 + 4 * random.nextDouble();
            double z = Math.pow(10, -3 + 4 * random.nextDouble());
            double end = Math.log1p(50 / z) + 2;
            double quadrature = 0;
            int pieces = 40;
            for (int k = 0; k < pieces; k++) {
                quadrature += integrator.integrate(
                        1_000_000,
                        v -> Math.exp(-z * Math.expm1(v) + (1 - s) * v),
                        end * k / pieces,
                        end * (k + 1) / pieces);
            }
            assertThat(ExponentialIntegral.scaled(s, z))
                    .as("s=%s z=%s, seed %s", s, z, seed)
                    .isCloseTo(quadrature, within(1e-9 * quadrature));
        }
    }

    @Test
    void scaled_rejectsArgumentsOutsideTheDomain() {
        assertThatThrownBy(() -> ExponentialIntegral.scaled(1, 0)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(1, 0.99e-4)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(-0.5, 1)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(Double.NaN, 1)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(AnalyticsException.class);
    }
}
