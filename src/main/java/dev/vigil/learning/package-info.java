/**
 * A gallery that improves itself without ballooning (seed 003) and alerts about strangers (seed 001): unknown live
 * tracks become auto-profiles, subjects keep their best N faces by quality, a prune job drops profiles seen too
 * rarely, operators' "not this person" marks lower a subject's score for similar faces, and an unknown seen often
 * raises an INTRUDER event. The rules are small pure classes ({@link dev.vigil.learning.BestTemplates},
 * {@link dev.vigil.learning.NegativeExamples#penalised}, {@link dev.vigil.learning.IntruderWatch}); the
 * {@link dev.vigil.learning.Learner} applies them through the {@link dev.vigil.gallery.Gallery}, which audits every change.
 */
package dev.vigil.learning;
