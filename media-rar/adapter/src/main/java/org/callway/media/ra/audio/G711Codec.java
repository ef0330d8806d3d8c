package org.callway.media.ra.audio;

/** G.711 as an {@link AudioCodec}: one byte per sample, stateless (RFC 3551 §4.5.14). */
public record G711Codec(boolean alaw) implements AudioCodec {

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm, int pcmOff) {
        int n = Math.min(len, pcm.length - pcmOff);
        for (int i = 0; i < n; i++) {
            pcm[pcmOff + i] = alaw ? G711.alawDecode(payload[off + i]) : G711.ulawDecode(payload[off + i]);
        }
        return n;
    }

    @Override
    public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
        for (int i = 0; i < samples; i++) {
            out[outOff + i] = alaw ? G711.alawEncode(pcm[off + i]) : G711.ulawEncode(pcm[off + i]);
        }
        return samples;
    }
}
