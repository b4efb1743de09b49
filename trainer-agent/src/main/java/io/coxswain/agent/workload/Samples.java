package io.coxswain.agent.workload;

/** A split of a workload's data that batches can be cut from by sample index. */
public interface Samples {

    /** The number of samples; indices run from 0 to {@code size() - 1}. */
    int size();

    /** The samples at these indices, in this order (an index may repeat); new arrays, never views of the data. */
    Batch batch(int[] indices);

    /** All samples, in index order. */
    default Batch all() {
        int[] indices = new int[size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return batch(indices);
    }
}
