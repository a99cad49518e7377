package org.jcm.registry.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the events of a sealed event interface travel: one topic ({@link #value()}), or every topic a pattern matches
 * ({@link #pattern()}, the partner-country topics), and for partner events the service that applies them
 * ({@link #owner()}). Producers append to it, consumers subscribe to it; both read it from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventTopic {

    /** The topic, when there is one. */
    String value() default "";

    /** A regular expression for the topics, when there are many (one per partner country). */
    String pattern() default "";

    /** For partner events: the name of the service that applies them; the others pass them over. */
    String owner() default "";
}
