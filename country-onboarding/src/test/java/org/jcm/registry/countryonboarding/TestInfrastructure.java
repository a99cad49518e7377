package org.jcm.registry.countryonboarding;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.jcm.registry.testsupport.JcmTestInfrastructure;

/** Every test of this module runs against one real Kafka broker and one real PostgreSQL server. */
@QuarkusTestResource(value = JcmTestInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "country_onboarding"))
public class TestInfrastructure {}
