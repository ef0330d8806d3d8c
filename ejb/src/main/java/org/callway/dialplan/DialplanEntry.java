package org.callway.dialplan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One line of the dial plan: in {@code context}, {@code extension} runs {@code application}
 * with {@code argument} ({@code exten => 600,1,Echo()} in extensions.conf). {@code ${EXTEN}} in
 * the argument is the dialled number.
 */
@Entity
@Table(name = "dialplan", uniqueConstraints = @UniqueConstraint(columnNames = {"context", "extension"}))
@NamedQuery(name = "DialplanEntry.byContext", query = "select e from DialplanEntry e where e.context = :context")
@NamedQuery(name = "DialplanEntry.all", query = "select e from DialplanEntry e order by e.context, e.extension")
@NamedQuery(name = "DialplanEntry.count", query = "select count(e) from DialplanEntry e")
public class DialplanEntry {

    /** The applications Callway runs. */
    public enum Application { DIAL, ECHO, PLAYBACK, HANGUP }

    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false, length = 64)
    private String context;

    @Column(nullable = false, length = 64)
    private String extension;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Application application;

    @Column(length = 128)
    private String argument;

    protected DialplanEntry() {
    }

    public DialplanEntry(String context, String extension, Application application, String argument) {
        this.context = context;
        this.extension = extension;
        this.application = application;
        this.argument = argument;
    }

    public Long getId() {
        return id;
    }

    public String getContext() {
        return context;
    }

    public String getExtension() {
        return extension;
    }

    public Application getApplication() {
        return application;
    }

    public String getArgument() {
        return argument;
    }

    /** The action for a call to {@code dialled}, with {@code ${EXTEN}} substituted. */
    public Action action(String dialled) {
        String arg = argument == null ? "" : argument.replace("${EXTEN}", dialled);
        return switch (application) {
            case DIAL -> new Action.Dial(arg);
            case ECHO -> new Action.Echo();
            case PLAYBACK -> new Action.Playback(arg.isEmpty() ? "tone" : arg);
            case HANGUP -> new Action.Hangup(arg.isEmpty() ? 603 : Integer.parseInt(arg));
        };
    }
}
