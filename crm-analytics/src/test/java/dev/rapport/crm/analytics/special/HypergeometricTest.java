package dev.rapport.crm.analytics.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.Seeds;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HypergeometricTest {

    static Stream<Arguments> closedForms() {
        return Stream.of(
                // 2F1(1,1;2;z) = -ln(1-z)/z
                Arguments.of(1.0, 1.0, 2.0, 0.5, 2 * Math.log(2)),
                Arguments.of(1.0, 1.0, 2.0, 0.9, -Math.log(0.1) / 0.9),
                Arguments.of(1.0, 1.0, 2.0, 0.999, -Math.log(0.001) / 0.999),
                // 2F1(1,1;2;-z) = ln(1+z)/z (Pfaff)
                Arguments.of(1.0, 1.0, 2.0, -3.0, Math.log(4) / 3),
                // 2F1(a,b;b;z) = (1-z)^-a
                Arguments.of(0.7, 2.5, 2.5, 0.8, Math.pow(0.2, -0.7)),
                Arguments.of(0.7, 2.5, 2.5, -9.0, Math.pow(10, -0.7)),
                // 2F1(1/2,1/2;3/2;z^2) = asin(z)/z
                Arguments.of(0.5, 0.5, 1.5, 0.25, Math.asin(0.5) / 0.5),
                Arguments.of(0.5, 0.5, 1.5, 0.81, Math.asin(0.9) / 0.9),
                // 2F1(1/2,1;3/2;-z^2) = atan(z)/z
                Arguments.of(0.5, 1.0, 1.5, -4.0, Math.atan(2) / 2),
                // Complete elliptic integral K(m) = pi/2 2F1(1/2,1/2;1;m); c-a-b = 0 (degenerate case).
                // Published values (A&S Table 17.1 / DLMF): K(0.5) = 1.8540746773013719,
                // K(0.9) = 2.5780921133481733, K(0.99) = 3.6956373629898747.
                Arguments.of(0.5, 0.5, 1.0, 0.5, 1.8540746773013719 * 2 / Math.PI),
                Arguments.of(0.5, 0.5, 1.0, 0.9, 2.5780921133481733 * 2 / Math.PI),
                Arguments.of(0.5, 0.5, 1.0, 0.99, 3.6956373629898747 * 2 / Math.PI),
                // Terminating: 2F1(-2,b;c;z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
                Arguments.of(-2.0, 3.0, 4.0, 0.7, 1 - 2 * 3 * 0.7 / 4 + 3 * 4 * 0.49 / (4 * 5)),
                // Gauss at z = 1: Gamma(c)Gamma(c-a-b)/(Gamma(c-a)Gamma(c-b)); 2F1(1,1;3;1) = 2
                Arguments.of(1.0, 1.0, 3.0, 1.0, 2.0));
    }

    @ParameterizedTest(name = "2F1({0}, {1}; {2}; {3}) = {4}")
    @MethodSource("closedForms")
    void hyp2f1_matchesClosedFormsAndPublishedValues(double a, double b, double c, double z, double expected) {
        assertThat(Hypergeometric.hyp2f1(a, b, c, z)).isCloseTo(expected, within(2e-13 * Math.abs(expected)));
    }

    @Test
    void hyp2f1_transformationAgreesWithSeriesAcrossTheUpperHalf() {
        // For 0.5 < z < 0.99: the direct series up to 0.9 (positive terms), the 1 - z transformation
        // above; compare both with a direct series summed here with Kahan summation, on random parameters.
        long seed = Seeds.seed("HypergeometricTest.upperHalf", 20240601L);
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            double a = 0.05 + 5 * random.nextDouble();
            double b = 0.05 + 5 * random.nextDouble();
            double c = 0.1 + 8 * random.nextDouble();
            double z = 0.5 + 0.49 * random.nextDouble();
            double d = c - a - b;
            if (Math.abs(d - Math.rint(d)) < 0.01) {
                continue;
            }
            double expected = series(a, b, c, z);
            assertThat(Hypergeometric.hyp2f1(a, b, c, z))
                    .as("2F1(%s, %s; %s; %s), seed %s", a, b, c, z, seed)
                    .isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        }
    }

    @Test
    void hyp2f1_negativeArgumentAgreesWithSeriesInsideTheUnitDisc() {
        long seed = Seeds.seed("HypergeometricTest.negativeArgument", 20240602L);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            double a = 0.05 + 4 * random.nextDouble();
            double b = 0.05 + 4 * random.nextDouble();
            double c = 0.1 + 6 * random.nextDouble();
            double z = -0.6 * random.nextDouble();
            double expected = series(a, b, c, z);
            assertThat(Hypergeometric.hyp2f1(a, b, c, z))
                    .as("2F1(%s, %s; %s; %s), seed %s", a, b, c, z, seed)
                    .isCloseTo(expected, within(1e-11 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void hyp2f1_eulerTransformationHolds() {
        // 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a,c-b;c;z), a check that exercises different code paths.
        long seed = Seeds.seed("HypergeometricTest.euler", 20240603L);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            double a = 0.1 + 3 * random.nextDouble();
            double b = 0.1 + 3 * random.nextDouble();
            double c = 0.2 + 5 * random.nextDouble();
            double z = 0.95 * random.nextDouble();
            double lhs = Hypergeometric.hyp2f1(a, b, c, z);
            double rhs = Math.pow(1 - z, c - a - b) * Hypergeometric.hyp2f1(c - a, c - b, c, z);
            assertThat(lhs)
                    .as("a=%s b=%s c=%s z=%s, seed %s", a, b, c, z, seed)
                    .isCloseTo(rhs, within(1e-9 * Math.abs(lhs)));
        }
    }

    @Test
    void hyp2f1_largeCMinusAMinusB_fallsBackToTheSeriesInsteadOfCancelling() {
        // c - a - b = 9.3 and 52.3: the two terms of the 1 - z transformation cancel to the last
        // digit (the Pareto/NBD pmf meets these with n = 42 and 70). Positive terms: the series is exact.
        double z = 0.7438016528925621;
        double first = series(34.6, 2.7, 46.6, z);
        assertThat(Hypergeometric.hyp2f1(34.6, 2.7, 46.6, z)).isCloseTo(first, within(1e-12 * first));
        double second = series(19.6, 2.7, 74.6, z);
        assertThat(Hypergeometric.hyp2f1(19.6, 2.7, 74.6, z)).isCloseTo(second, within(1e-12 * second));
    }

    @Test
    void hyp2f1_negativeC_keepsSummingUntilTheTermsHaveGrownAndShrunk() {
        // With c = -51.3 the ratios are small at first and grow past 1 near n = 51: a tail bound taken
        // early would stop the sum at a value off by orders of magnitude.
        double a = 19.6;
        double b = 2.7;
        double c = -51.3;
        double z = 0.256;
        double sum = 1;
        double term = 1;
        for (int n = 0; n < 3000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }
        assertThat(Hypergeometric.hyp2f1(a, b, c, z)).isCloseTo(sum, within(1e-10 * Math.abs(sum)));
    }

    @Test
    void logHyp2f1_handlesValuesBeyondDoubleRange() {
        // 2F1(a,b;b;z) = (1-z)^-a with a huge: log = -a log(1-z)
        assertThat(Hypergeometric.logHyp2f1(400, 3, 3, 0.9)).isCloseTo(-400 * Math.log(0.1), within(1e-9));
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(400, 3, 3, 0.9)).isInstanceOf(AnalyticsException.class);
    }

    @Test
    void hyp2f1_rejectsArgumentsOutsideTheDomain() {
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, 1.5)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, -2, 0.5)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, 1)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(Double.NaN, 1, 2, 0.5)).isInstanceOf(AnalyticsException.class);
    }

    /** The defining series in Kahan summation, as an independent reference (|z| < 1). */
    private static double series(double a, double b, double c, double z) {
        double sum = 1;
        double comp = 0;
        double term = 1;
        for (int n = 0; n < 200_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            double y = term - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
            if (Math.abs(term) < 1e-20 * Math.abs(sum) && n > 10) {
                break;
            }
        }
        return sum;
    }
}
