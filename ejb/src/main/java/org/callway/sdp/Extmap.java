package org.callway.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8).
 *
 * @param direction null when absent
 * @param extensionAttributes null when absent
 */
public record Extmap(int id, String direction, String uri, String extensionAttributes) {

    static Extmap parse(String value) {
        String[] f = Syntax.fields(value, 2, "a=extmap needs <id> <uri>");
        String[] idDir = f[0].split("/", 2);
        int id = Syntax.integer(idDir[0], 1, 4095, "a=extmap id '" + idDir[0] + "' is not 1-4095");
        String rest = f.length > 2 ? String.join(" ", java.util.Arrays.copyOfRange(f, 2, f.length)) : null;
        return new Extmap(id, idDir.length > 1 ? idDir[1] : null, f[1], rest);
    }
}
