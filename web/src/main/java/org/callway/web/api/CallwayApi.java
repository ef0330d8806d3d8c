package org.callway.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API, under {@code /api}. */
@ApplicationPath("/api")
public class CallwayApi extends Application {
}
