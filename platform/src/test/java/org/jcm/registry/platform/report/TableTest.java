package org.jcm.registry.platform.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void csvHasAHeaderRowAndQuotesAsRfc4180Says() {
        Table table = new Table(List.of("project", "holder", "quantity"), List.of(Arrays.asList("BD002", "Pacific, \"Consultants\"", 73),
                Arrays.asList("BD002", "line\nbreak", null)));
        assertThat(table.csv()).isEqualTo("project,holder,quantity\r\nBD002,\"Pacific, \"\"Consultants\"\"\",73\r\nBD002,\"line\nbreak\",\r\n");
        assertThat(table.objects().get(0)).containsExactly(java.util.Map.entry("project", "BD002"), java.util.Map.entry("holder",
                "Pacific, \"Consultants\""), java.util.Map.entry("quantity", 73));
    }
}
