package dev.vigil.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private final Thresholds t = new Thresholds(0.35f, 0.22f);

    private Thresholds.Verdict decide(float best) {
        return t.decide(List.of(new Match("ada", "t1", best), new Match("bob", "t2", best - 0.1f)));
    }

    @Test
    void exactlyAtTheAcceptThresholdIsAPass() {
        assertThat(decide(0.35f).decision()).isEqualTo(Decision.PASS);
        assertThat(decide(0.35f).best().subjectId()).isEqualTo("ada");
    }

    @Test
    void justBelowAcceptIsARejectThatNamesTheNearest() {
        var v = decide(Math.nextDown(0.35f));
        assertThat(v.decision()).isEqualTo(Decision.REJECT);
        assertThat(v.best().subjectId()).isEqualTo("ada");
        assertThat(decide(0.22f).decision()).isEqualTo(Decision.REJECT);
    }

    @Test
    void belowTheFloorOrWithNobodyIsUnknown() {
        assertThat(decide(Math.nextDown(0.22f)).decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(decide(Math.nextDown(0.22f)).best()).isNull();
        assertThat(t.decide(List.of()).decision()).isEqualTo(Decision.UNKNOWN);
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThatThrownBy(() -> new Thresholds(0.2f, 0.3f)).isInstanceOf(IllegalArgumentException.class);
    }
}
