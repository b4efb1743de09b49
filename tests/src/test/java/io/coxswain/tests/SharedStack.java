package io.coxswain.tests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded stack with the loss-plateau rule off, shared by every test class that steers runs by hand: started
 * on first use, stopped when the test run ends. Test classes isolate themselves by unique run ids.
 */
public final class SharedStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StackFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStack.class, key -> new Resource(), Resource.class).stack;
    }

    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        private final StackFixture stack;

        Resource() {
            try {
                stack = StackFixture.start(StackFixture.RULE_OFF);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared test stack: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
