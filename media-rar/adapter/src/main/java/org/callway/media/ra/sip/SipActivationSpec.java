package org.callway.media.ra.sip;

import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import org.callway.media.api.sip.SipPacketListener;

/** Activates a message-driven bean as the receiver of everything the SIP sockets read. */
@Activation(messageListeners = SipPacketListener.class)
public class SipActivationSpec implements ActivationSpec {

    private ResourceAdapter adapter;

    @Override
    public void validate() throws InvalidPropertyException {
        // Nothing to configure per endpoint: there is one SIP receiver per adapter.
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.adapter = adapter;
    }
}
