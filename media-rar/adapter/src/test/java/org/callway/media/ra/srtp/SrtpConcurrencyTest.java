package org.callway.media.ra.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The media engine protects and unprotects on several threads at once (a reader per core, the
 * ticker's prompts), each thread with its own sessions. Every packet a thread protects must
 * authenticate on its receiving session whatever the other threads do meanwhile.
 */
class SrtpConcurrencyTest {

    @Test
    void sessionsOnDifferentThreadsDoNotDisturbEachOther() throws Exception {
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                SecureRandom random = new SecureRandom();
                for (int s = 0; s < 50; s++) {
                    byte[] key = new byte[16];
                    byte[] salt = new byte[14];
                    random.nextBytes(key);
                    random.nextBytes(salt);
                    SrtpSession sender = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key, salt, key, salt);
                    SrtpSession receiver = new SrtpSession(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key, salt, key, salt);
                    PacketBuffer packet = new PacketBuffer(2048);
                    byte[] rtp = new byte[12 + 160];
                    for (int seq = 0; seq < 2000; seq++) {
                        rtp[0] = (byte) 0x80;
                        rtp[2] = (byte) (seq >> 8);
                        rtp[3] = (byte) seq;
                        rtp[8] = (byte) seed;
                        rtp[11] = (byte) s;
                        rtp[20] = (byte) seq;
                        packet.set(rtp, 0, rtp.length);
                        if (!sender.protectRtp(packet) || receiver.unprotectRtp(packet) != SrtpSession.Result.OK) {
                            failures.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    sender.close();
                    receiver.close();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(400_000, done.get());
        assertEquals(0, failures.get(), "packets that did not authenticate");
    }
}
