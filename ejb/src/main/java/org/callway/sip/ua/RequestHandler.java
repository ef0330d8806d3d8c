package org.callway.sip.ua;

/** Application code for one method (the registrar for REGISTER, the call service for INVITE, ...). */
@FunctionalInterface
public interface RequestHandler {
    /** Handle the request; answer it (now or later) through {@link IncomingRequest#respond}. */
    void handle(IncomingRequest request);
}
