package io.coxswain.streams.engine;

import io.coxswain.streams.rules.trac.CohortView;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/** A cohort view over the tracks of an experiment's runs. */
final class TrackedCohort implements CohortView {
    private final Map<String, RunTrack> tracks;

    TrackedCohort(Map<String, RunTrack> tracks) {
        this.tracks = tracks;
    }

    @Override
    public Set<String> runs() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(tracks.keySet()));
    }

    @Override
    public NavigableMap<Long, Double> series(String runId, String key) {
        RunTrack track = tracks.get(runId);
        NavigableMap<Long, Double> points = track == null ? null : track.series().get(key);
        return points == null ? Collections.unmodifiableNavigableMap(new TreeMap<>()) : points;
    }

    @Override
    public long lastStep(String runId) {
        RunTrack track = tracks.get(runId);
        return track == null ? 0 : track.lastStep();
    }

    @Override
    public boolean finished(String runId) {
        RunTrack track = tracks.get(runId);
        return track != null && track.finished();
    }

    @Override
    public CheckpointRef latestCheckpoint(String runId) {
        RunTrack track = tracks.get(runId);
        return track == null || track.checkpoint() == null ? null
                : new CheckpointRef(track.checkpoint(), track.checkpointStep());
    }
}
