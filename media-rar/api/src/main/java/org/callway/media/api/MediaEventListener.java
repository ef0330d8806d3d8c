package org.callway.media.api;

/**
 * Receives leg events. One method, so it can serve as the message listener type of the
 * adapter's inbound contract (an MDB implements it). Called on an engine thread: do not
 * block; hand over and return.
 */
public interface MediaEventListener {

    void onMediaEvent(MediaEvent event);
}
