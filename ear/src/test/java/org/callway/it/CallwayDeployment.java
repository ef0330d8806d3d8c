package org.callway.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Testable;
import java.util.Map;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.api.importer.ZipImporter;

/**
 * The EAR the build produced, unchanged but for one more web module carrying the test
 * class, so in-container tests run against the real adapter, beans and datasource.
 */
final class CallwayDeployment {

    private CallwayDeployment() {
    }

    static EnterpriseArchive withTests(Class<?>... testClasses) {
        // Two web modules then: tell Arquillian which one carries the tests.
        return withWebModule(Testable.archiveToTest(
                ShrinkWrap.create(WebArchive.class, "callway-tests.war").addClasses(testClasses)));
    }

    /** The EAR plus {@code tests} as {@code callway-tests.war} (context /callway-tests). */
    static EnterpriseArchive withWebModule(WebArchive tests) {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "callway.ear")
                .importFrom(new File(System.getProperty("callway.ear", "target/callway.ear")))
                .as(EnterpriseArchive.class);
        tests.addAsWebInfResource(new StringAsset("<beans bean-discovery-mode=\"annotated\"/>"), "beans.xml");
        // application.xml lists the modules; the test module must be listed too.
        Map<ArchivePath, Node> content = ear.getContent();
        Asset applicationXml = content.get(org.jboss.shrinkwrap.api.ArchivePaths.create("META-INF/application.xml"))
                .getAsset();
        String xml = new String(readAll(applicationXml), java.nio.charset.StandardCharsets.UTF_8);
        xml = xml.replace("<library-directory>",
                "<module><web><web-uri>callway-tests.war</web-uri><context-root>/callway-tests</context-root></web></module>"
                        + "<library-directory>");
        ear.delete("META-INF/application.xml");
        ear.addAsManifestResource(new StringAsset(xml), "application.xml");
        ear.addAsModule(tests);
        return ear;
    }

    private static byte[] readAll(Asset asset) {
        try (var in = asset.openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
