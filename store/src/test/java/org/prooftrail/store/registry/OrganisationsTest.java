package org.prooftrail.store.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** An id names one organisation for good: a second create is a conflict, ensure never renames. */
class OrganisationsTest {
    private static Database db;
    private static Organisations orgs;

    @BeforeAll
    static void start() {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        orgs = new Organisations(db.dataSource());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aSecondCreateOfTheSameIdIsAConflictAndChangesNothing() throws Exception {
        Organisation first = orgs.create("acme", "Acme", "9506000000004");
        assertEquals("acme", first.id());
        RegistryConflict e = assertThrows(RegistryConflict.class, () -> orgs.create("acme", "Other", null));
        assertEquals("id", e.field());
        assertEquals("organisation 'acme' is already registered", e.getMessage());
        Organisation stored = orgs.all().stream().filter(o -> o.id().equals("acme")).findFirst().orElseThrow();
        assertEquals(new Organisation("acme", "Acme", "9506000000004", first.createdAt()), stored);
    }

    @Test
    void ensureIsIdempotentForTheSameNameAndNeverRenames() throws Exception {
        assertTrue(orgs.ensure("farm", "Farm"));
        assertFalse(orgs.ensure("farm", "Farm"));
        RegistryConflict e = assertThrows(RegistryConflict.class, () -> orgs.ensure("farm", "Renamed Farm"));
        assertEquals("id", e.field());
        assertTrue(e.getMessage().contains("already registered as 'Farm'"), e.getMessage());
        assertEquals("Farm", orgs.all().stream().filter(o -> o.id().equals("farm")).findFirst().orElseThrow().name());
        // what an admin created, a re-run set-up accepts as it is
        orgs.create("mill", "Mill", null);
        assertFalse(orgs.ensure("mill", "Mill"));
    }

    @Test
    void existsAndAllByIdAnswerWhatIsRegistered() throws Exception {
        assertFalse(orgs.exists("zz-nobody"));
        orgs.ensure("zz-b", "B");
        orgs.ensure("zz-a", "A");
        assertTrue(orgs.exists("zz-a"));
        List<String> ids = orgs.all().stream().map(Organisation::id).filter(id -> id.startsWith("zz-")).toList();
        assertEquals(List.of("zz-a", "zz-b"), ids);
    }
}
