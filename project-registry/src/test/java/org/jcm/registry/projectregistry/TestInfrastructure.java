package org.jcm.registry.projectregistry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.jcm.registry.testsupport.JcmTestInfrastructure;

/** Every test of this module runs against one real Kafka broker and one real PostgreSQL server. */
@QuarkusTestResource(value = JcmTestInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "project_registry"))
public class TestInfrastructure {}
