package io.coxswain.ledger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.LedgerException;
import io.coxswain.protocol.codec.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code jsonb} column as a {@link JsonNode}; SQL NULL stays null, JSON null becomes a NullNode. */
final class JsonNodeColumnMapper implements ColumnMapper<JsonNode> {

    @Override
    public JsonNode map(ResultSet rs, int columnNumber, StatementContext ctx) throws SQLException {
        String text = rs.getString(columnNumber);
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new LedgerException("column " + rs.getMetaData().getColumnName(columnNumber)
                    + " does not hold JSON: " + e.getOriginalMessage(), e);
        }
    }
}
