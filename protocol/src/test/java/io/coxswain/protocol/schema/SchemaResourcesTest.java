package io.coxswain.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas ship in the protocol jar, and their closed lists say what the Java code says. */
class SchemaResourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {Schemas.RUN_EVENT, Schemas.CONTROL_COMMAND})
    void shipsEachSchemaOnTheClasspathUnderSchemas(String resource) {
        assertThat(getClass().getClassLoader().getResource(resource)).isNotNull();
        JsonNode schema = Schemas.tree(resource);

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$id").asText()).endsWith(resource);
        assertThat(schema.get("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {Schemas.RUN_EVENT, Schemas.CONTROL_COMMAND})
    void eachSchemaIsAValidDraft202012Schema(String resource) {
        assertThat(Schemas.violations(Schemas.META_SCHEMA, Schemas.tree(resource))).isEmpty();
    }

    @Test
    void theMetaSchemaCatchesABrokenSchema() {
        JsonNode broken = Schemas.parseStrictly("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"integr","required":"v"}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(Schemas.violations(Schemas.META_SCHEMA, broken)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Schemas.RUN_EVENT, Schemas.CONTROL_COMMAND})
    void describesEveryDefinitionForClientsInOtherLanguages(String resource) {
        JsonNode defs = Schemas.tree(resource).get("$defs");
        List<String> undescribed = new ArrayList<>();
        defs.fields().forEachRemaining(def -> {
            if (!def.getValue().hasNonNull("description")) {
                undescribed.add(def.getKey());
            }
        });

        assertThat(undescribed).isEmpty();
    }

    @Test
    void listsExactlyTheEventTypesOfTheJavaCode() {
        List<String> javaTypes = RunEvent.types().stream()
                .map(Class::getSimpleName).sorted().toList();

        assertThat(sorted(eventSchema().at("/properties/type/enum"))).isEqualTo(javaTypes);
        assertThat(eventSchema().get("allOf")).hasSize(javaTypes.size());
    }

    @Test
    void listsExactlyTheTriggersAnAgentUnderstands() {
        List<String> triggers = Triggers.ALL.stream().sorted().toList();

        assertThat(sorted(commandSchema().at("/$defs/action/allOf/1/then/properties/name/enum"))).isEqualTo(triggers);
        assertThat(sorted(eventSchema().at("/$defs/TriggerFired/properties/name/enum"))).isEqualTo(triggers);
    }

    @Test
    void listsExactlyTheSourceKindsOfTheJavaCode() {
        List<String> kinds = Arrays.stream(SourceKind.values()).map(SourceKind::wire).sorted().toList();

        assertThat(sorted(commandSchema().at("/$defs/source/properties/kind/enum"))).isEqualTo(kinds);
        assertThat(sorted(eventSchema().at("/$defs/source/properties/kind/enum"))).isEqualTo(kinds);
    }

    @Test
    void listsExactlyTheReasonsOfTheJavaConstants() {
        assertThat(sorted(eventSchema().at("/$defs/CommandIgnored/properties/why/enum")))
                .isEqualTo(List.of(CommandIgnored.DUPLICATE, CommandIgnored.NO_OP));
        assertThat(sorted(eventSchema().at("/$defs/RunFinished/properties/reason/enum")))
                .isEqualTo(List.of(RunFinished.COMPLETED, RunFinished.FAILED, RunFinished.STOPPED));
    }

    private static JsonNode eventSchema() {
        return Schemas.tree(Schemas.RUN_EVENT);
    }

    private static JsonNode commandSchema() {
        return Schemas.tree(Schemas.CONTROL_COMMAND);
    }

    private static List<String> sorted(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.stream().sorted().toList();
    }
}
