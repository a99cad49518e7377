package org.jcm.registry.platform.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Who asks, as the registry trusts it: the authenticated name it records as the actor of every change, its roles, and
 * what it is bound to. A {@code partner} speaks for one country ({@code jcm_country}); an {@code operator} may be bound
 * to the one country (and registry) it operates, or to none (the Japan-side operator of everything); a
 * {@code participant} acts for one project participant organisation ({@code jcm_participant}), which projects and accounts
 * name; an {@code auditor} reads everything and changes nothing.
 *
 * <p>Roles are checked on each endpoint ({@code @RolesAllowed}); the scope checks here are what the services call
 * before they load or change anything, so a caller with the right role is still refused outside its country, project
 * or account ({@code JCM-SEC-003}).
 */
public record Caller(String name, Set<String> roles, Optional<String> country, Optional<String> participant) {

    public static final String OPERATOR = "operator";
    public static final String PARTNER = "partner";
    public static final String PARTICIPANT = "participant";
    public static final String AUDITOR = "auditor";
    /** The roles a token may carry; any other is ignored. */
    public static final Set<String> ROLES = Set.of(OPERATOR, PARTNER, PARTICIPANT, AUDITOR);

    /** Not a role any token carries: the registry acting on its own (Japan's seeding, events of the other services). */
    private static final int MAX_NAME = 200;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Caller {
        name = recordable(name);
        roles = Set.copyOf(roles);
        country = country.filter(c -> COUNTRY.matcher(c).matches());
        participant = participant.filter(p -> PARTICIPANT_ID.matcher(p).matches());
    }

    /** A caller from an authenticated token: only the four known roles count, and malformed bindings bind to nothing. */
    public static Caller authenticated(String name, Collection<String> groups, String country, String participant) {
        return new Caller(name, Set.copyOf(groups.stream().filter(ROLES::contains).toList()), Optional.ofNullable(country),
                Optional.ofNullable(participant));
    }

    /**
     * A partner-country system as the broker authenticated it: its credentials may write only its own country's inbound
     * topic, so the topic names the country it speaks for.
     */
    public static Caller partnerSystem(String country) {
        return new Caller("partner:" + country, Set.of(PARTNER), Optional.of(country), Optional.empty());
    }

    /** The name recorded as the actor of what this caller changes. */
    public String actor() {
        return name;
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** Acts for this country or its registry: its operator, its partner system, an unbound operator, or the registry itself. */
    public void actForCountry(String code) {
        if (!operatesOrSpeaksFor(code)) {
            throw outOfScope("may not act for " + code);
        }
    }

    /** Reads the country's or its registry's records that are not public (history with actors, accounts): as above, or an auditor. */
    public void readCountry(String code) {
        if (!is(AUDITOR) && !operatesOrSpeaksFor(code)) {
            throw outOfScope("may not read the records of " + code);
        }
    }

    /**
     * Acts on a project: its host country's operator or partner system, an unbound operator, or a participant the project
     * names.
     */
    public void actForProject(String reference, String hostCountry, Collection<String> participantIds) {
        if (!operatesOrSpeaksFor(hostCountry) && !participatesIn(participantIds)) {
            throw outOfScope("may not act on project " + reference + " (hosted by " + hostCountry + ")");
        }
    }

    /** Reads a project's records that are not public: as {@link #actForProject}, or an auditor. */
    public void readProject(String reference, String hostCountry, Collection<String> participantIds) {
        if (!is(AUDITOR) && !operatesOrSpeaksFor(hostCountry) && !participatesIn(participantIds)) {
            throw outOfScope("may not read the records of project " + reference);
        }
    }

    /**
     * Moves credits out of an account: its registry's operator or partner system, an unbound operator, or the participant
     * that holds the account ({@code holderParticipant}, if any).
     */
    public void actForAccount(String number, String country, String holderParticipant) {
        if (!operatesOrSpeaksFor(country) && !holds(holderParticipant)) {
            throw outOfScope("may not act on account " + number);
        }
    }

    /** Reads an account's holdings and history: as {@link #actForAccount}, or an auditor. */
    public void readAccount(String number, String country, String holderParticipant) {
        if (!is(AUDITOR) && !operatesOrSpeaksFor(country) && !holds(holderParticipant)) {
            throw outOfScope("may not read account " + number);
        }
    }

    private boolean holds(String holderParticipant) {
        return holderParticipant != null && is(PARTICIPANT) && participant.filter(holderParticipant::equals).isPresent();
    }

    /** Acts on what belongs to no one country (the methodology catalogue, dead letters): an unbound operator only. */
    public void actGlobally(String what) {
        if (!unboundOperator()) {
            throw outOfScope("may not " + what + ": only an operator bound to no country may");
        }
    }

    /** Reads what spans every country (the audit log, dead letters with raw partner messages): an unbound operator or an auditor. */
    public void readGlobally(String what) {
        if (!unboundOperator() && !is(AUDITOR)) {
            throw outOfScope("may not read " + what + ": only an auditor or an operator bound to no country may");
        }
    }

    /** Whether the caller may act for every participant's records (not only its own). */
    public boolean unboundOperator() {
        return is(OPERATOR) && country.isEmpty();
    }

    private boolean operatesOrSpeaksFor(String code) {
        return unboundOperator() || (is(OPERATOR) || is(PARTNER)) && country.filter(c -> c.equals(code)).isPresent();
    }

    private boolean participatesIn(Collection<String> participantIds) {
        return is(PARTICIPANT) && participant.filter(participantIds::contains).isPresent();
    }

    private RuleViolation outOfScope(String what) {
        return new RuleViolation(PlatformRule.OUT_OF_SCOPE, describe() + " " + what);
    }

    private String describe() {
        StringBuilder s = new StringBuilder("'").append(name).append("' (").append(String.join(", ", roles.stream().sorted().toList()));
        country.ifPresent(c -> s.append(" of ").append(c));
        participant.ifPresent(p -> s.append(" for ").append(p));
        return s.append(")").toString();
    }

    /** A name any database column and log line can hold: no control characters, at most 200 characters. */
    private static String recordable(String name) {
        String n = name == null || name.isBlank() ? "anonymous" : name.strip();
        StringBuilder out = new StringBuilder(Math.min(n.length(), MAX_NAME));
        n.codePoints().limit(MAX_NAME)
                .forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return out.toString();
    }
}
