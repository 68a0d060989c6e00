package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    @Test
    void recognitionNeedsTheRecognizeRoleWhateverApiItComesThrough() {
        for (String p : new String[]{"/api/v1/identify", "/api/v1/verify", "/api/v1/recognition/recognize",
                "/api/v1/verification/verify", "/v1/vision/face/recognize", "/api/v1/recognition/faces/abc/verify"}) {
            assertThat(AccessRules.required("POST", p)).as(p).isEqualTo(Role.RECOGNIZE);
        }
    }

    @Test
    void readsNeedViewAndChangesNeedAdminIncludingRoutesNoRuleNames() {
        assertThat(AccessRules.required("GET", "/api/v1/subjects")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("GET", "/faces")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("GET", "/ws/face-stream")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("GET", "/streams/1/mjpeg")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("GET", "/metrics")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("POST", "/api/v1/subjects")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("DELETE", "/api/v1/subjects/x")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("POST", "/register")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("POST", "/api/v1/some-future-thing")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("PUT", "/api/v1/recognition/subjects/a")).isEqualTo(Role.ADMIN);
    }

    @Test
    void secretsAndWholeRecordsAreAdminReads() {
        assertThat(AccessRules.required("GET", "/api/v1/keys")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("GET", "/api/v1/audit")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("GET", "/api/v1/subjects/x/export")).isEqualTo(Role.ADMIN);
    }

    @Test
    void onlyHealthTheApiDescriptionLoginAndStaticFilesAreOpen() {
        assertThat(AccessRules.required("GET", "/health")).isNull();
        assertThat(AccessRules.required("GET", "/api/v1/openapi.json")).isNull();
        assertThat(AccessRules.required("POST", "/api/v1/session")).isNull();
        assertThat(AccessRules.required("GET", "/")).isNull();
        assertThat(AccessRules.required("GET", "/app.js")).isNull();
        assertThat(AccessRules.required("GET", "/webjars/chart.js/chart.umd.js")).isNull();
        // A data endpoint that happens to end like a file is not static.
        assertThat(AccessRules.required("GET", "/api/v1/events.json")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("POST", "/app.js")).isEqualTo(Role.ADMIN);
    }

    @Test
    void nodesPostWithTheirTokenAndTheirTokensAreAdminBusiness() {
        assertThat(AccessRules.byNodeToken("POST", "/api/v1/nodes/ingest")).isTrue();
        assertThat(AccessRules.byNodeToken("POST", "/api/v1/nodes/heartbeat/")).isTrue();
        assertThat(AccessRules.byNodeToken("GET", "/api/v1/nodes")).isFalse();
        assertThat(AccessRules.byNodeToken("POST", "/api/v1/nodes/tokens")).isFalse();
        assertThat(AccessRules.byNodeToken("POST", "/api/v1/identify")).isFalse();
        assertThat(AccessRules.required("GET", "/api/v1/nodes")).isEqualTo(Role.VIEW);
        assertThat(AccessRules.required("POST", "/api/v1/nodes/tokens")).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.required("DELETE", "/api/v1/nodes/tokens/door")).isEqualTo(Role.ADMIN);
    }

    @Test
    void onlyAdminKeysReachBeyondTheirOwnRole() {
        assertThat(Role.ADMIN.allows(Role.VIEW)).isTrue();
        assertThat(Role.ADMIN.allows(Role.RECOGNIZE)).isTrue();
        assertThat(Role.VIEW.allows(Role.RECOGNIZE)).isFalse();
        assertThat(Role.RECOGNIZE.allows(Role.VIEW)).isFalse();
        assertThat(Role.VIEW.allows(Role.ADMIN)).isFalse();
    }
}
