package org.jcm.registry.creditissuance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.platform.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final Registry THAILAND = Registry.openFor(new CountrySnapshot("TH", "THA", "Thailand", CountryState.ACTIVE, 4,
            LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 1), LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity("TH", "THA01",
                    CountrySnapshot.Hosting.HOSTED),
            null, List.of(), null), AT);

    @Test
    void anEntityAccountIsBlockedUnblockedAndClosedOnlyWhenEmpty() {
        Account a = Account.entityHolding(THAILAND, 123, new Account.Holder("Holder", "TH-1", "a@b.example", null, "PP-TH-0001"), AT);
        assertThat(a.number()).isEqualTo("TH-200-000123");
        assertThat(a.block("Investigation", AT).to()).isEqualTo(Account.State.BLOCKED);
        assertThat(a.isOpen()).isFalse();
        assertThat(code(() -> a.block("again", AT))).isEqualTo("JCM-ACC-003");
        a.unblock("Cleared", AT);
        assertThat(code(() -> a.close("Wound up", 5, AT))).isEqualTo("JCM-ACC-002");
        assertThat(a.close("Wound up", 0, AT).to()).isEqualTo(Account.State.CLOSED);
        assertThat(code(() -> a.unblock("reopen", AT))).isEqualTo("JCM-ACC-003");
        assertThat(a.stateReason()).isEqualTo("Wound up");
    }

    @Test
    void theRegistrysOwnAccountsStayOpenAndRetiredCreditsAreFinal() {
        Account retirement = Account.registryAccount(THAILAND, Account.Type.RETIREMENT, "Government of Thailand", AT);
        assertThat(retirement.number()).isEqualTo("TH-900-1");
        assertThat(retirement.type().isFinal()).isTrue();
        assertThat(Account.Type.GOVERNMENT_HOLDING.isFinal()).isFalse();
        assertThat(code(() -> retirement.block("no", AT))).isEqualTo("JCM-ACC-004");
        assertThat(code(() -> retirement.close("no", 0, AT))).isEqualTo("JCM-ACC-004");
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (RuleViolation v) {
            return v.rule().code();
        }
        throw new AssertionError("no rule was broken");
    }

    @Test
    void aSuspendedRegistryOpensNoAccount() {
        Registry suspended = Registry.openFor(new CountrySnapshot("MN", "MNG", "Mongolia", CountryState.ACTIVE, 4, LocalDate.of(2015, 1, 1),
                LocalDate.of(2015, 1, 1), LocalDate.of(2015, 6, 1),
                new CountrySnapshot.RegistryIdentity("MN", "MNG01", CountrySnapshot.Hosting.HOSTED),
                null, List.of(), null), AT);
        suspended.followCountry(
                new CountrySnapshot("MN", "MNG", "Mongolia", CountryState.SUSPENDED, 5, null, null, null, null, null, List.of(), null));
        assertThatThrownBy(() -> Account.entityHolding(suspended, 1, new Account.Holder("H", "MN-1", "a@b.example", null, null), AT))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("SUSPENDED");
    }
}
