package io.coxswain.streams.rules.trac;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole document into {@link Node}s with line numbers; rejects duplicate keys and empty documents. */
final class NodeReader {
    private final JsonParser parser;
    private final String source;

    private NodeReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    static Node read(String text, String source, JsonFactory format) {
        try (JsonParser parser = format.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RuleSetLoadException(source, "file", "", 1, "the document is empty");
            }
            return new NodeReader(parser, source).value();
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RuleSetLoadException(source, "file", "", line, "not well-formed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RuleSetLoadException(source, "file", "", 0, "cannot be read: " + e.getMessage());
        }
    }

    private Node value() throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(line);
            case START_ARRAY -> sequence(line);
            case VALUE_STRING -> new Node.Scalar(parser.getText(), line);
            case VALUE_NUMBER_INT -> new Node.Scalar(integer(), line);
            case VALUE_NUMBER_FLOAT -> new Node.Scalar(parser.getDoubleValue(), line);
            case VALUE_TRUE -> new Node.Scalar(Boolean.TRUE, line);
            case VALUE_FALSE -> new Node.Scalar(Boolean.FALSE, line);
            case VALUE_NULL -> new Node.Scalar(null, line);
            default -> throw new RuleSetLoadException(source, "file", "", line, "unsupported value " + token);
        };
    }

    private Object integer() throws IOException {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? parser.getBigIntegerValue() : parser.getLongValue();
    }

    private Node mapping(int line) throws IOException {
        Map<String, Node> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            parser.nextToken();
            Node value = value();
            if (fields.putIfAbsent(key, value) != null) {
                throw new RuleSetLoadException(source, "file", "", keyLine, "duplicate key '" + key + "'");
            }
        }
        return new Node.Mapping(fields, line);
    }

    private Node sequence(int line) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value());
        }
        return new Node.Sequence(items, line);
    }
}
