package dev.rapport.crm.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the Jakarta Validation annotations of command records (Hibernate Validator, without an
 * expression language: messages interpolate parameters only).
 */
public final class BeanValidation {
    private static final Validator VALIDATOR = create();

    private BeanValidation() {}

    private static Validator create() {
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        return factory.getValidator();
    }

    /**
     * @param command a command record
     * @param into where violations are collected
     */
    public static void check(Object command, Violations into) {
        for (ConstraintViolation<Object> v : VALIDATOR.validate(command)) {
            into.add(v.getPropertyPath().toString(), v.getMessage());
        }
    }
}
