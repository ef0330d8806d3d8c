package org.callway.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * For {@link AdapterUndeployArquillianIT}, in its own deployment: every live thread, and
 * whether any frame of it is Callway adapter code.
 */
@WebServlet("/threads")
public class ThreadListServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean adapterCode = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.callway.media.ra"));
            out.append(thread.getName()).append('\t').append(adapterCode).append('\n');
        });
        resp.getWriter().print(out);
    }
}
