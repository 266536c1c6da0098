package org.campops.config;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** The constraints the config files' keys carry, worded for people editing YAML. */
final class Checks {
    /** Lower-case letters, digits and '-': ids of competitions, meetings and deadlines. */
    static final String ID = "[a-z0-9][a-z0-9-]{0,39}";

    private Checks() {}

    /**
     * The key must be given. A missing mapping is reported with the keys it takes (see {@link Binder}), so
     * the message is best left as is.
     */
    @NotNull
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface Required {
        String message() default "missing";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * The value a key takes when the file leaves it out (or leaves it blank), written as the file would write it:
     * {@code @Default("12h")}, {@code @Default({"24h", "1h"})} for a list, {@code @Default({})} for an empty list.
     * Read by the same readers as the file's own values (see {@link Defaults}); a mapping that is not
     * {@link Required} and left out takes the defaults of its keys.
     */
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    @interface Default {
        String[] value();
    }

    /** A Discord snowflake as Copy ID gives it. */
    @Pattern(regexp = "\\d{1,20}")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface DiscordId {
        String message() default
                "expected a Discord id (digits only; enable Developer Mode and use Copy ID),"
                        + " got '${validatedValue}'";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An id of a competition, meeting or deadline. */
    @Pattern(regexp = ID)
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface Id {
        String message() default
                "expected lower-case letters, digits and '-', e.g. trash-detection, got '${validatedValue}'";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A whole number from {@code min} to {@code max} (the binder names the range for a value that is no number). */
    @Range
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface Between {
        @OverridesAttribute(constraint = Range.class, name = "min")
        long min();

        @OverridesAttribute(constraint = Range.class, name = "max")
        long max();

        String message() default "expected a whole number from {min} to {max}, got '${validatedValue}'";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Text of at most {@code max} characters. */
    @Constraint(validatedBy = TextValidator.class)
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface Text {
        int max();

        String message() default "at most {max} characters, got {length}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An http(s) address with a host; with {@code base}, also without query, fragment or user. */
    @Constraint(validatedBy = WebAddressValidator.class)
    @Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
    @Retention(RUNTIME)
    @interface WebAddress {
        boolean base() default false;

        String message() default "expected an http(s) link such as https://zoom.us/j/123456789";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class TextValidator implements ConstraintValidator<Text, String> {
        private int max;

        @Override
        public void initialize(Text text) {
            max = text.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.length() <= max) {
                return true;
            }
            context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("length", value.length());
            return false;
        }
    }

    public static final class WebAddressValidator implements ConstraintValidator<WebAddress, String> {
        private boolean base;

        @Override
        public void initialize(WebAddress address) {
            base = address.base();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI u = new URI(value);
                boolean web = ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                        && u.getHost() != null;
                return web
                        && (!base
                                || (u.getRawQuery() == null
                                        && u.getRawFragment() == null
                                        && u.getRawUserInfo() == null));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
