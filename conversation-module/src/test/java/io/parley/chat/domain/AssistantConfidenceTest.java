package io.parley.chat.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented score → confidence mapping, anchored at the answer threshold. */
class AssistantConfidenceTest {

    @Test
    void the_threshold_maps_to_one_half_and_a_perfect_score_to_the_ceiling() {
        assertEquals(0.5, AssistantConfidence.fromScore(0.2, 0.2));
        assertEquals(0.95, AssistantConfidence.fromScore(1.0, 0.2));
        assertEquals(0.0, AssistantConfidence.fromScore(0.0, 0.2));
    }

    @Test
    void below_the_threshold_it_is_proportional_and_under_one_half() {
        assertEquals(0.25, AssistantConfidence.fromScore(0.1, 0.2));
        assertTrue(AssistantConfidence.fromScore(0.199, 0.2) < 0.5);
    }

    @Test
    void above_the_threshold_it_rises_linearly() {
        // 0.5 + 0.45 × (0.6 − 0.2) / 0.8 = 0.725
        assertEquals(0.725, AssistantConfidence.fromScore(0.6, 0.2));
    }

    @Test
    void out_of_range_scores_are_clamped_and_nonsense_thresholds_refused() {
        assertEquals(0.95, AssistantConfidence.fromScore(7, 0.2));
        assertEquals(0.0, AssistantConfidence.fromScore(-1, 0.2));
        assertEquals(0.0, AssistantConfidence.fromScore(Double.NaN, 0.2));
        assertThrows(IllegalArgumentException.class, () -> AssistantConfidence.fromScore(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> AssistantConfidence.fromScore(0.5, 1));
    }
}
