package org.callway.media.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * The media engine as ejb sees it, bound at {@value #JNDI_NAME}. Connections are cheap
 * handles onto the one engine the resource adapter runs; close them after use.
 */
public interface MediaConnectionFactory extends Serializable, Referenceable {

    /** Where WildFly binds the factory (the adapter's ironjacamar.xml says so). */
    String JNDI_NAME = "java:/eis/callway/Media";

    MediaConnection getConnection() throws ResourceException;
}
