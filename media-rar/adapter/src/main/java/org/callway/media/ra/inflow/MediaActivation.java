package org.callway.media.ra.inflow;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.MediaEventListener;

/**
 * One activated message endpoint (JCA 1.7 §13.4). Each event is handed to the container as
 * a short Work that takes an endpoint instance from the factory, calls it and releases it,
 * so engine threads never run MDB code and the container's pool bounds the delivery threads.
 */
public final class MediaActivation {

    private static final Logger LOG = Logger.getLogger(MediaActivation.class.getName());

    private final MessageEndpointFactory factory;
    private final MediaActivationSpec spec;
    private final WorkManager workManager;

    public MediaActivation(MessageEndpointFactory factory, MediaActivationSpec spec, WorkManager workManager) {
        this.factory = factory;
        this.spec = spec;
        this.workManager = workManager;
    }

    public MessageEndpointFactory factory() {
        return factory;
    }

    public MediaActivationSpec spec() {
        return spec;
    }

    public void deliver(MediaEvent event) {
        try {
            workManager.scheduleWork(new Delivery(event));
        } catch (WorkException e) {
            LOG.log(Level.WARNING, "cannot deliver " + event + " to " + factory, e);
        }
    }

    private final class Delivery implements Work {
        private final MediaEvent event;

        Delivery(MediaEvent event) {
            this.event = event;
        }

        @Override
        public void run() {
            MessageEndpoint endpoint;
            try {
                endpoint = factory.createEndpoint(null);
            } catch (UnavailableException e) {
                LOG.log(Level.WARNING, "no endpoint for " + event, e);
                return;
            }
            try {
                ((MediaEventListener) endpoint).onMediaEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "endpoint failed on " + event, e);
            } finally {
                endpoint.release();
            }
        }

        @Override
        public void release() {
            // a delivery is short: nothing to interrupt
        }
    }
}
