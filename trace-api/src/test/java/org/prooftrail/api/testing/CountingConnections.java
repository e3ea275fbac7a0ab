package org.prooftrail.api.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A JDBC wrapper around a pool's connections that records every statement sent (each execute of a
 * statement, prepared or not, with the thread that sent it), for tests that bound how many
 * statements a request costs. Install with {@code Database.wrapConnections(counter)}.
 */
public final class CountingConnections implements UnaryOperator<Connection> {
    /** One statement sent: its SQL (as prepared, or as executed) and the sending thread's name. */
    public record Sent(String sql, String thread) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Connection apply(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    Object r = call(c, m, args);
                    if (r instanceof Statement st && m.getName().startsWith("prepare") || r instanceof Statement && m.getName().equals("createStatement")) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                        return statement((Statement) r, sql);
                    }
                    return r;
                });
    }

    private Object statement(Statement st, String prepared) {
        Class<?> type = st instanceof CallableStatement ? CallableStatement.class
                : st instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : prepared;
                sent.add(new Sent(sql, Thread.currentThread().getName()));
            }
            return call(st, m, args);
        };
        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Everything sent so far. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void reset() {
        sent.clear();
    }
}
