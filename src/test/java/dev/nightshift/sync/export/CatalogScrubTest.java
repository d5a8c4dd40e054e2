package dev.nightshift.sync.export;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogScrubTest {

    private static final String LISTING = """
            ;
            ; Archive created at 2026-12-04 18:25:01 UTC
            ;
            2; 3079 16385 EXTENSION - postgres_fdw
            3360; 0 0 COMMENT - EXTENSION postgres_fdw
            2045; 1417 16392 SERVER - prod_srv postgres
            3361; 0 0 USER MAPPING - USER MAPPING postgres SERVER prod_srv postgres
            216; 1259 16397 TABLE public a postgres
            3362; 0 0 COMMENT public COLUMN a.note postgres
            3363; 0 0 SECURITY LABEL public COLUMN a.note postgres
            215; 1259 16394 FOREIGN TABLE public remote_users postgres
            3352; 6104 16404 PUBLICATION - pub postgres
            3353; 6106 16405 PUBLICATION TABLE public pub a postgres
            3354; 6100 16406 SUBSCRIPTION - sub postgres
            3355; 2613 16406 BLOB - 16406 postgres
            3356; 0 0 BLOBS - BLOBS
            """;

    @Test
    void leavesOutSecretsReplicationLargeObjectsAndCommentsByDefault() {
        // when
        CatalogScrub scrub = new CatalogScrub(false);
        String kept = scrub.filter(LISTING);

        // then only the structure stays
        assertThat(kept).contains("EXTENSION - postgres_fdw", "SERVER - prod_srv", "TABLE public a",
                "FOREIGN TABLE public remote_users");
        assertThat(kept).doesNotContain("USER MAPPING", "COMMENT", "SECURITY LABEL", "PUBLICATION", "SUBSCRIPTION", "BLOB");
        assertThat(scrub.leftOut()).contains("1 user mapping", "2 comments", "1 security label", "2 publications",
                "1 subscription", "1 large object,", "1 large object contents");
    }

    @Test
    void keepsCommentsWhenAsked() {
        String kept = new CatalogScrub(true).filter(LISTING);
        assertThat(kept).contains("COMMENT public COLUMN a.note").doesNotContain("USER MAPPING");
    }

    @Test
    void aCopiedCommentWithAnAddressOrATokenIsRefusedNamingTheObjectNotTheText() {
        String script = """
                CREATE TABLE public.a (id integer);
                COMMENT ON TABLE public.a IS 'Orders of the shop.';
                COMMENT ON COLUMN public.a.note IS 'ask anna.dpo@corp.example';
                COMMENT ON COLUMN public.a.key IS 'default key sk_live_4eC39HqLyjWDarjtT1zdp7dc';
                """;
        assertThatThrownBy(() -> CatalogScrub.requireCleanComments(script))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("COLUMN public.a.note (an email address)")
                .hasMessageContaining("COLUMN public.a.key (a token-like string)")
                .hasMessageContaining("nightshift.sync.copy-comments")
                .hasMessageNotContaining("anna.dpo").hasMessageNotContaining("sk_live")
                .hasMessageNotContaining("TABLE public.a ");
        CatalogScrub.requireCleanComments("COMMENT ON TABLE public.a IS 'Orders of the shop.';\n");
    }
}
