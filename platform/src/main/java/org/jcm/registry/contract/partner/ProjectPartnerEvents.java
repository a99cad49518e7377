package org.jcm.registry.contract.partner;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;

/**
 * Bodies of the partner inbound events project-registry applies (see {@link PartnerEventTypes}): the Joint
 * Committee's decisions on projects, as the partner-country system publishes them on {@code jcm.partner.{cc}.inbound.v1}.
 * A project is named by its idea-note reference ({@code {CC}_PIN{NNN}}), which the partner's JC knows it by.
 */
public final class ProjectPartnerEvents {

    private ProjectPartnerEvents() {}

    /** The JC raised no objection to the project idea. */
    public record ProjectNoObjectionNotified(@Size(max = 2) String country, @Size(max = 64) String pinReference, @Size(max = 200) String decisionReference,
            LocalDate decidedOn) {}

    /** The JC registered the project; the registry assigns its project reference. */
    public record ProjectRegistrationNotified(@Size(max = 2) String country, @Size(max = 64) String pinReference, @Size(max = 200) String decisionReference,
            LocalDate decidedOn) {}
}
