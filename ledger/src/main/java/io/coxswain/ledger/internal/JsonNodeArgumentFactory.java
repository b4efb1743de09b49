package io.coxswain.ledger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.LedgerException;
import io.coxswain.protocol.codec.Json;
import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.postgresql.util.PGobject;

/** Binds a {@link JsonNode} as {@code jsonb}, written by the shared ObjectMapper. */
final class JsonNodeArgumentFactory extends AbstractArgumentFactory<JsonNode> {

    JsonNodeArgumentFactory() {
        super(Types.OTHER);
    }

    @Override
    protected Argument build(JsonNode value, ConfigRegistry config) {
        return (position, statement, context) -> {
            PGobject jsonb = new PGobject();
            jsonb.setType("jsonb");
            jsonb.setValue(write(value));
            statement.setObject(position, jsonb);
        };
    }

    private static String write(JsonNode value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LedgerException("cannot write JSON for a jsonb column: " + e.getOriginalMessage(), e);
        }
    }
}
