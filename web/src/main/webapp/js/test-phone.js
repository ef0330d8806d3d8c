// A minimal JsSIP phone for pages and end-to-end tests: register, call, answer, hang up, and
// read the audio the browser receives (getStats), each returning a promise of what happened.
(function () {
  const TIMEOUT = 20000;
  const phone = { ua: null, session: null, incoming: [] };

  function playRemote(pc) {
    pc.addEventListener('track', e => {
      const stream = e.streams[0] || new MediaStream([e.track]);
      if (e.track.kind === 'video') {
        // Rendered, as a user sees it (and so the browser decodes every frame).
        const video = document.createElement('video');
        video.autoplay = true;
        video.muted = true;
        video.playsInline = true;
        video.srcObject = stream;
        document.body.appendChild(video);
        phone.remoteVideo = video;
        return;
      }
      // getStats() reports audio levels only for audio that is played out.
      const audio = new Audio();
      audio.autoplay = true;
      audio.srcObject = stream;
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

  // pcConfig (optional): RTCConfiguration, e.g. TURN servers and iceTransportPolicy 'relay'.
  phone.call = (target, video, pcConfig) => new Promise(resolve => {
    phone.session = phone.ua.call('sip:' + target + '@localhost', {
      mediaConstraints: { audio: true, video: !!video },
      pcConfig: pcConfig || { iceServers: [] },
      eventHandlers: {
        peerconnection: e => playRemote(e.peerconnection),
        confirmed: () => resolve('confirmed'),
        failed: e => resolve('failed ' + (e.message && e.message.status_code ? e.message.status_code + ' ' : '') + e.cause)
      }
    });
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  phone.answer = (video) => new Promise(resolve => {
    const start = Date.now();
    (function wait() {
      const s = phone.incoming.shift();
      if (!s) {
        return Date.now() - start > TIMEOUT ? resolve('no call') : setTimeout(wait, 100);
      }
      phone.session = s;
      s.on('confirmed', () => resolve('confirmed'));
      s.on('failed', e => resolve('failed ' + e.cause));
      s.answer({ mediaConstraints: { audio: true, video: !!video }, pcConfig: { iceServers: [] } });
    })();
  });

  // Hold and resume are re-INVITEs (sendonly, then sendrecv; RFC 3264 §8.4). JsSIP calls
  // back once the server's 200 arrives, and ends the call if the re-INVITE fails.
  phone.hold = () => new Promise(resolve => {
    if (!phone.session.hold({}, () => resolve('held'))) resolve('refused');
    phone.session.on('ended', () => resolve('call ended'));
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  phone.resume = () => new Promise(resolve => {
    if (!phone.session.unhold({}, () => resolve('resumed'))) resolve('refused');
    phone.session.on('ended', () => resolve('call ended'));
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  // ICE restart (RFC 8445 §9): a re-INVITE whose offer has a new ice-ufrag/pwd.
  phone.restartIce = () => new Promise(resolve => {
    if (!phone.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, () => resolve('restarted'))) {
      resolve('refused');
    }
    phone.session.on('ended', () => resolve('call ended'));
    setTimeout(() => resolve('timeout'), TIMEOUT);
  });

  // The far end's ice-ufrag in the current remote description.
  phone.remoteUfrag = () => (/a=ice-ufrag:(\S+)/.exec(phone.session.connection.remoteDescription.sdp) || [])[1] || '';

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

  phone.videoStats = async () => {
    const stats = await phone.session.connection.getStats();
    const out = { framesDecoded: 0, framesReceived: 0, codec: '' };
    const codecs = {};
    stats.forEach(s => { if (s.type === 'codec') codecs[s.id] = s.mimeType; });
    stats.forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        out.framesDecoded = s.framesDecoded || 0;
        out.framesReceived = s.framesReceived || 0;
        out.codec = codecs[s.codecId] || '';
      }
    });
    return out;
  };

  phone.audioStats = async () => {
    const stats = await phone.session.connection.getStats();
    const out = { packetsReceived: 0, audioLevel: 0, totalAudioEnergy: 0, dtls: 'none', ice: 'none',
      localCandidateType: 'none', remoteCandidateType: 'none' };
    let pairId = null;
    stats.forEach(s => {
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        pairId = s.selectedCandidatePairId;
      }
    });
    const pair = pairId && stats.get(pairId);
    if (pair) {
      const local = stats.get(pair.localCandidateId);
      const remote = stats.get(pair.remoteCandidateId);
      out.localCandidateType = local ? local.candidateType : 'none';
      out.remoteCandidateType = remote ? remote.candidateType : 'none';
      out.remoteCandidate = remote ? remote.address + ':' + remote.port : 'none';
    }
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

  // 'flowing' once audio arrives: a confirmed call still has ICE and DTLS to finish
  // (RFC 8829 §3.5.1), longer on a loaded machine or through TURN.
  phone.awaitAudio = () => new Promise(resolve => {
    const start = Date.now();
    (async function poll() {
      const s = await phone.audioStats();
      if (s.packetsReceived > 0) return resolve('flowing');
      if (Date.now() - start > TIMEOUT) return resolve('no audio ' + JSON.stringify(s));
      setTimeout(poll, 100);
    })();
  });

  window.testPhone = phone;
})();
