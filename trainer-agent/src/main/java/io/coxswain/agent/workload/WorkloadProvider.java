package io.coxswain.agent.workload;

import java.util.List;

/**
 * The workload SPI: a model and its data, plugged in without forking. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/io.coxswain.agent.workload.WorkloadProvider}
 * on the agent's class path, and configure a run with {@code workload: <name>}.
 */
public interface WorkloadProvider {

    /** The name runs select the workload by: lower-case letters, digits and '-'. */
    String name();

    /** One line for {@code cox train --help} and RunStarted. */
    String description();

    /** The training data sources, in global index order. Cheap: no data is generated to answer. */
    List<DataSource> sources();

    /** Generates or loads the data and builds the model with the run's seed and optimizer. */
    Workload create(ModelSettings settings);
}
