package org.jcm.registry.projectregistry;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.platform.problem.ConstraintRules;
import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.projectregistry.methodology.MethodologyRule;
import org.jcm.registry.projectregistry.project.ProjectRule;

/**
 * The invariants the database enforces, by constraint name, with the rule a request breaking them gets: when two
 * requests race past the checks in the code, the database stops the second with the same code.
 */
@ApplicationScoped
public class ProjectRegistryConstraints implements ConstraintRules {

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("methodology_reference_uk", MethodologyRule.REFERENCE_TAKEN),
            Map.entry("methodology_scope_ck", MethodologyRule.INVALID_SECTORAL_SCOPE),
            Map.entry("project_pin_reference_uk", ProjectRule.REFERENCE_TAKEN),
            Map.entry("project_reference_uk", ProjectRule.REFERENCE_TAKEN),
            Map.entry("project_allocation_ck", ProjectRule.ALLOCATION_NOT_100),
            Map.entry("project_crediting_period_ck", ProjectRule.INVALID_CREDITING_PERIOD),
            Map.entry("project_city_collaboration_ck", ProjectRule.INVALID_CITY_COLLABORATION),
            Map.entry("project_participant_one_focal_point_ux", ProjectRule.FOCAL_POINT),
            Map.entry("project_document_sha256_ck", ProjectRule.INVALID_DOCUMENT),
            Map.entry("monitoring_report_no_overlap_ex", ProjectRule.PERIOD_OVERLAP),
            Map.entry("monitoring_report_supersedes_uk", ProjectRule.SUPERSEDED),
            Map.entry("verification_supersedes_uk", ProjectRule.SUPERSEDED),
            Map.entry("verification_one_original_per_report_ux", ProjectRule.ALREADY_VERIFIED),
            Map.entry("verification_total_ck", ProjectRule.NEGATIVE_WITH_REDUCTIONS));

    @Override
    public Map<String, Rule> byConstraintName() {
        return RULES;
    }
}
