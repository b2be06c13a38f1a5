package io.contrast4j.trainer.cli;

import io.contrast4j.trainer.Catalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's catalog table is the registry (regenerate it with {@code ./c4j list --markdown}), every catalog ID in
 * the registry exists in CATALOG.md with the same name, and the registry has no ID twice.
 */
class ReadmeCatalogTest {
    private static final String BEGIN = "<!-- catalog table: ./c4j list --markdown -->", END = "<!-- end of catalog table -->";

    @Test
    void readmeTableMatchesTheRegistry() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int b = readme.indexOf(BEGIN), e = readme.indexOf(END);
        assertTrue(b >= 0 && e > b, "README.md must hold the catalog table between '" + BEGIN + "' and '" + END + "'");
        String table = readme.substring(b + BEGIN.length(), e).strip() + "\n";
        assertEquals(ListCommand.markdown(Catalog.components()), table,
                "README catalog table is stale: regenerate it with ./c4j list --markdown");
    }

    @Test
    void registryIdsAreUniqueAndNamedAsInTheCatalog() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> dup = new ArrayList<>();
        for (var e : Catalog.components()) if (!seen.add(e.info().id())) dup.add(e.info().id());
        assertEquals(List.of(), dup, "IDs registered twice");
        Path catalog = Path.of("..", "..", "shared", "CATALOG.md");
        if (!Files.exists(catalog)) return; // the shared folder sits beside the checkout in CI and here
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile("^#### ([LDRSEMO]\\d{2,3}) · ", Pattern.MULTILINE).matcher(Files.readString(catalog, StandardCharsets.UTF_8));
        while (m.find()) ids.add(m.group(1));
        List<String> unknown = new ArrayList<>();
        for (String id : seen) if (!id.startsWith("OP.") && !id.startsWith("NN.") && !ids.contains(id)) unknown.add(id);
        assertEquals(List.of(), unknown, "registry IDs that CATALOG.md does not have");
    }
}
