package dev.switchboard.neuro.schema;

import com.networknt.schema.SchemaLocation;

/** The meta-schema that schemas are checked against (bundled with the validator, read offline). */
final class SchemaMeta {
    static final SchemaLocation DRAFT_2020_12 = SchemaLocation.of("https://json-schema.org/draft/2020-12/schema");
    static final SchemaLocation DRAFT_07 = SchemaLocation.of("http://json-schema.org/draft-07/schema#");

    private SchemaMeta() {
    }
}
