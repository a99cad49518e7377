package org.jcm.registry.projectregistry;

import java.util.List;
import java.util.stream.Stream;

import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleBook;
import org.jcm.registry.projectregistry.methodology.MethodologyRule;
import org.jcm.registry.projectregistry.project.ProjectRule;

/** Every numbered rule of this service, for the OpenAPI document and the rule catalogue. */
public class ProjectRegistryRules implements RuleBook {

    @Override
    public List<Rule> rules() {
        return Stream.of(ProjectRule.values(), MethodologyRule.values()).flatMap(Stream::of).map(Rule.class::cast).toList();
    }
}
