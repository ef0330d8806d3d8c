// A minimal JsSIP phone for pages and end-to-end tests: register, call, answer, hang up, and
// read the audio the browser receives (getStats), each returning a promise of what happened.
(function () {
  const TIMEOUT = 20000;
  const phone = { ua: null, session: null, incoming: [] };

  function playRemote(pc) {
    pc.addEventListener('track', e => {
      // getStats() reports audio levels only for audio that is played out.
      const audio = new Audio();
      audio.autoplay = true;
      audio.srcObject = e.streams[0] || new MediaStream([e.track]);
      audio.play().catch(() => {});
      phone.remoteAudio = audio;
    });
  }

  // With a token (an OAuth access token from the company's OIDC provider) JsSIP sends
  // "Authorization: Bearer <token>" (RFC 8898) instead of answering digest challenges.
  phone.register = (url, user, password, token) => new Promise(resolve => {
    if (window.debugSip) JsSIP.debug.enable('JsSIP:*'); // set window.debugSip to see SIP in the console
    const socket = new JsSIP.WebSocketInterface(url);
    const config = { sockets: [socket], uri: 'sip:' + user + '@localhost',
      register_expires: 600, connection_recovery_min_interval: 60, connection_recovery_max_interval: 60 };
    if (token) config.authorization_jwt = 'Bearer ' + token; else config.password = password;
    const ua = new JsSIP.UA(config);
    phone.ua = ua;
    ua.on('registered', () => resolve('registered'));
    ua.on('registrationFailed', e => resolve('failed ' + (e.response ? e.response.status_code : e.cause)));
    ua.on('newRTCSession', e => {
      if (e.originator === 'remote') {
        // JsSIP makes the RTCPeerConnection of an incoming call only when it is answered.
        e.session.on('peerconnection', ev => playRemote(ev.peerconnection));
        phone.incoming.push(e.session);
      }
    });
    setTimeout(() => resolve('timeout'), TIMEOUT);
    ua.start();
  });

  phone.call = (target, video) => new Promise(resolve => {
    phone.session = phone.ua.call('sip:' + target + '@localhost', {
      mediaConstraints: { audio: true, video: !!video },
      pcConfig: { iceServers: [] },
      eventHandlers: {
        peerconnection: e => playRemote(e.peerconnection),
        confirmed: () => resolve('confirmed'),
        failed: e => resolve('failed ' + (e.message && e.message.status_code ? e.message.status_code + ' ' : '') + e.cause)
      }
    });
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  phone.answer = () => new Promise(resolve => {
    const start = Date.now();
    (function wait() {
      const s = phone.incoming.shift();
      if (!s) {
        return Date.now() - start > TIMEOUT ? resolve('no call') : setTimeout(wait, 100);
      }
      phone.session = s;
      s.on('confirmed', () => resolve('confirmed'));
      s.on('failed', e => resolve('failed ' + e.cause));
      s.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
    })();
  });

  phone.hangup = () => new Promise(resolve => {
    const s = phone.session;
    if (!s || s.isEnded()) return resolve('ended');
    s.on('ended', () => resolve('ended'));
    s.terminate();
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  phone.ended = () => new Promise(resolve => {
    const s = phone.session;
    if (!s || s.isEnded()) return resolve('ended');
    s.on('ended', e => resolve('ended'));
    s.on('failed', e => resolve('ended'));
    setTimeout(() => resolve('still up'), TIMEOUT);
  });

  /** Whether the latest call that rang here (answered or not) has ended: a CANCEL stops the ringing. */
  phone.ringingStopped = () => new Promise(resolve => {
    const start = Date.now();
    (function wait() {
      const s = phone.incoming[phone.incoming.length - 1];
      if (s && s.isEnded()) return resolve('ended');
      if (Date.now() - start > TIMEOUT) return resolve(s ? 'still ringing' : 'never rang');
      setTimeout(wait, 100);
    })();
  });

  phone.audioStats = async () => {
    const stats = await phone.session.connection.getStats();
    const out = { packetsReceived: 0, audioLevel: 0, totalAudioEnergy: 0, dtls: 'none', ice: 'none' };
    stats.forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.packetsReceived = s.packetsReceived || 0;
        out.audioLevel = s.audioLevel || 0;
        out.totalAudioEnergy = s.totalAudioEnergy || 0;
      }
      if (s.type === 'transport') {
        out.dtls = s.dtlsState;
        out.ice = s.iceState || out.ice;
      }
    });
    return out;
  };

  window.testPhone = phone;
})();
