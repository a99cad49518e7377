package org.jcm.registry.contract.partner;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * The partner-country events project-registry applies: the Joint Committee's decisions on projects, which the partner's
 * JC knows by their idea-note reference ({@code {CC}_PIN{NNN}}).
 */
@EventTopic(pattern = Topics.PARTNER_INBOUND_PATTERN, owner = PartnerEventTypes.PROJECT_REGISTRY)
public sealed interface ProjectPartnerEvent {

    String country();

    String pinReference();

    String decisionReference();

    LocalDate decidedOn();

    /** The JC raised no objection to the project idea. */
    record ProjectNoObjectionNotified(@NotNull @Size(max = 2) String country, @NotBlank @Size(max = 64) String pinReference,
            @NotBlank @Size(max = 200) String decisionReference, @NotNull LocalDate decidedOn) implements ProjectPartnerEvent {}

    /** The JC registered the project; the registry assigns its project reference. */
    record ProjectRegistrationNotified(@NotNull @Size(max = 2) String country, @NotBlank @Size(max = 64) String pinReference,
            @NotBlank @Size(max = 200) String decisionReference, @NotNull LocalDate decidedOn) implements ProjectPartnerEvent {}
}
