package org.callway.media.ra.inflow;

import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import org.callway.media.api.MediaEventListener;

/**
 * What an MDB activates to receive leg events (ICE/DTLS outcomes, consent lost, first
 * media): {@code @MessageDriven(messageListenerInterface = MediaEventListener.class)} with
 * {@code @ResourceAdapter("callway.ear#callway-media.rar")}. No properties yet: every
 * endpoint gets every event.
 */
@Activation(messageListeners = MediaEventListener.class)
public class MediaActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        // nothing to check: no properties
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
