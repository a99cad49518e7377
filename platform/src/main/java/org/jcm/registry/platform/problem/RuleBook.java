package org.jcm.registry.platform.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A service's numbered rules, found through {@link ServiceLoader} ({@code META-INF/services/org.jcm.registry.platform.problem.RuleBook}),
 * so that the platform can document and look up every rule code without knowing the services.
 */
public interface RuleBook {

    List<Rule> rules();

    /** Every rule: the platform's own and those of the services on the class path. */
    static List<Rule> all() {
        List<Rule> rules = new ArrayList<>(Arrays.asList(PlatformRule.values()));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (RuleBook book : ServiceLoader.load(RuleBook.class, loader == null ? RuleBook.class.getClassLoader() : loader)) {
            rules.addAll(book.rules());
        }
        return rules;
    }

    static Optional<Rule> byCode(String code) {
        return all().stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
