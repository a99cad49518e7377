package org.jcm.registry.platform.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jcm.registry.platform.idempotency.IdempotencyInterceptor;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.Problem;
import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleBook;

/**
 * Writes into the OpenAPI document what every operation may answer besides success, from the rules it can break: a
 * resource method names its rule codes once, in the extension {@value #EXTENSION} (comma-separated), and this filter
 * turns them, with the refusals every operation shares (an invalid request, an unreadable or too large body, an internal
 * error, an unavailable database), into responses per status, each with the {@code Problem} schema and one example per
 * rule. A code no rule has fails the start-up. It also marks as nullable every property a schema does not require.
 */
public class ProblemResponses implements OASFilter {

    public static final String EXTENSION = "x-jcm-refuses";

    /**
     * Marks an operation that answers a {@link org.jcm.registry.platform.report.Table} (the extension's value: what the
     * table holds): its 200 answer is then documented once, here, as JSON rows and as CSV.
     */
    public static final String TABLE = "x-jcm-table";
    private static final String ROW_REF = "#/components/schemas/ReportRow";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Parameter IDEMPOTENCY_KEY = OASFactory.createParameter().name(IdempotencyInterceptor.HEADER).in(Parameter.In.HEADER)
            .required(false)
            .description("Makes a retry safe: the same key with the same request returns the first response without acting again "
                    + "(header `" + IdempotencyInterceptor.REPLAYED_HEADER
                    + ": true`); the same key with another request is refused (JCM-REQ-015). Keys are per "
                    + "caller and kept for 24 hours. A UUID is a good key.")
            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^[!-~]{1,255}$").maxLength(255))
            .example("5f0c1e4e-2b9a-4c1e-9d7e-3a2f4b6c8d10");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Rule> rules = RuleBook.all().stream().collect(Collectors.toMap(Rule::code, r -> r, (a, b) -> a, LinkedHashMap::new));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().forEach((name, schema) -> allowNull(schema));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> document(path, method, op, rules)));
        // Every table operation is documented (not anyMatch: it would stop at the first).
        long tables = openAPI.getPaths().getPathItems().values().stream().flatMap(i -> i.getOperations().values().stream())
                .filter(ProblemResponses::table).count();
        if (tables > 0) {
            openAPI.getComponents().addSchema("ReportRow",
                    OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).additionalPropertiesBoolean(true)
                            .description("One row of a table: one property per column, in the columns' order (see the operation)."));
        }
    }

    /** Documents a table's 200 answer: an array of rows as JSON, the same rows as CSV ({@code format=csv}). */
    private static boolean table(Operation op) {
        Object table = op.getExtensions() == null ? null : op.getExtensions().get(TABLE);
        if (table == null) {
            return false;
        }
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        op.getResponses().addAPIResponse("200", OASFactory.createAPIResponse().description(table.toString()).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref(ROW_REF))))
                .addMediaType(org.jcm.registry.platform.report.Table.CSV, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(
                                "The same rows as CSV (RFC 4180): a header row with the columns' names, CRLF line ends")))));
        op.removeExtension(TABLE);
        return true;
    }

    private static void document(String path, PathItem.HttpMethod method, Operation op, Map<String, Rule> rules) {
        List<Rule> refusals = new ArrayList<>();
        refusals.add(PlatformRule.INVALID_REQUEST);
        if (op.getRequestBody() != null) {
            refusals.addAll(List.of(PlatformRule.UNREADABLE_BODY, PlatformRule.BODY_TOO_LARGE, PlatformRule.UNSUPPORTED_MEDIA_TYPE));
        }
        if (method != PathItem.HttpMethod.GET) {
            refusals.addAll(List.of(PlatformRule.VALUE_NOT_STORABLE, PlatformRule.EVENT_TOO_LARGE));
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            op.addParameter(IDEMPOTENCY_KEY);
            refusals.addAll(List.of(PlatformRule.IDEMPOTENCY_KEY_INVALID, PlatformRule.IDEMPOTENCY_KEY_REUSED));
        }
        if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
            refusals.addAll(List.of(PlatformRule.UNAUTHORIZED, PlatformRule.FORBIDDEN, PlatformRule.OUT_OF_SCOPE));
        } else {
            // Public: anonymous callers are welcome, and the document says so rather than leaving it unsaid.
            op.setSecurity(List.of());
        }
        if (op.getDescription() == null || op.getDescription().isBlank() || op.getSummary() == null || op.getOperationId() == null) {
            throw new IllegalStateException(method + " " + path + " needs an operationId, a summary and a description in its @Operation");
        }
        Object declared = op.getExtensions() == null ? null : op.getExtensions().get(EXTENSION);
        if (declared != null) {
            for (String code : declared.toString().split("[,\\s]+")) {
                if (code.isBlank()) {
                    continue;
                }
                Rule rule = rules.get(code);
                if (rule == null) {
                    throw new IllegalStateException(method + " " + path + " declares " + EXTENSION + " code " + code + ", which no rule has");
                }
                refusals.add(rule);
            }
            op.removeExtension(EXTENSION);
        }
        refusals.add(PlatformRule.INTERNAL);
        refusals.add(PlatformRule.UNAVAILABLE);
        Map<Integer, List<Rule>> byStatus = new TreeMap<>(refusals.stream().distinct().collect(Collectors.groupingBy(Rule::status)));
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        byStatus.forEach((status, statusRules) -> op.getResponses().addAPIResponse(Integer.toString(status), response(path, statusRules)));
    }

    /**
     * Replies carry {@code null} for what is not known (a country not yet activated has no activation date): every
     * property a schema does not require may be null, and the document says so (OpenAPI 3.1: JSON Schema's {@code null}).
     */
    private static void allowNull(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> properties.put(name, required.contains(name) ? property : nullable(property)));
        schema.setProperties(properties);
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            return OASFactory.createSchema().anyOf(List.of(property, OASFactory.createSchema().addType(Schema.SchemaType.NULL)))
                    .description(property.getDescription());
        }
        if (property.getType() != null && !property.getType().isEmpty() && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
        return property;
    }

    private static APIResponse response(String path, List<Rule> rules) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (Rule r : rules) {
            Problem sample = Problem.of(r, r.title() + ": what was wrong, and what to do about it.", URI.create(path.replaceAll("[{}]", "")), null);
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", sample.type().toString());
            value.put("title", sample.title());
            value.put("status", sample.status());
            value.put("detail", sample.detail());
            value.put("instance", sample.instance().toString());
            value.put("code", sample.code());
            examples.put(r.code(), OASFactory.createExample().summary(r.title()).value(value));
        }
        String description = rules.stream().map(r -> r.code() + " " + r.title()).collect(Collectors.joining("; "));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)).examples(examples));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field",
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The request field, e.g. `participants[0].name`"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What is wrong with it"))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details with the stable rule code of the refusal (`code`)")
                .addProperty("type",
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").description("`urn:jcm:problem:{code}`"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The rule, in a few words"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail",
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What was wrong in this request, and what to do"))
                .addProperty("instance",
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference").description("The request path"))
                .addProperty("code", string.pattern("^JCM-[A-Z0-9]+-[0-9]{3}$").description("The stable rule code, e.g. `JCM-CTY-005`"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("For an invalid request: each invalid field"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT)
                        .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .required(List.of("code", "detail")))
                        .description("When the request broke several rules at once: each of them (`code` is then the first one's)"))
                .required(Arrays.asList("type", "title", "status", "code"));
    }
}
