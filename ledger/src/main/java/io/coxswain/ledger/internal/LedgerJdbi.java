package io.coxswain.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.protocol.commands.SourceKind;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one place a ledger {@link Jdbi} is configured. */
public final class LedgerJdbi {

    private LedgerJdbi() {
    }

    public static Jdbi create(DataSource dataSource) {
        return Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .registerArgument(new JsonNodeArgumentFactory())
                .registerColumnMapper(JsonNode.class, new JsonNodeColumnMapper())
                .registerColumnMapper(RunStatus.class, WireEnumMappers.runStatus())
                .registerColumnMapper(SourceKind.class, WireEnumMappers.sourceKind());
    }
}
