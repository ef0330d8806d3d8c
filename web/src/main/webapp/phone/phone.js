// Callway's softphone: JsSIP (the bundle Callway serves, no CDN) registering over /ws, one call at
// a time. Everything it knows is shown in the page: registration, call state, timer, levels and
// getStats quality. Failures are shown as the server sent them (a 488 to a hold re-INVITE too).
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const ui = {
    registration: $('registration'), state: $('call-state'), peer: $('call-peer'), timer: $('call-timer'),
    notice: $('notice'), number: $('number'), audio: $('remote-audio'),
    call: $('call-button'), answer: $('answer-button'), hangup: $('hangup-button'),
    mute: $('mute-button'), hold: $('hold-button'), signout: $('signout-button'), dtmf: $('dtmf-sent')
  };
  const phone = { ua: null, session: null, timer: null, stats: null, ring: null, lastFinal: null };
  window.callwayPhone = phone; // for the console of a curious user; tests read the page instead

  // Asterisk's layout: WS on 8088 for http pages, WSS on 8089 for https ones.
  $('server').value = localStorage.getItem('callway.server')
    || (location.protocol === 'https:' ? 'wss://' + location.hostname + ':8089/ws'
      : 'ws://' + location.hostname + ':8088/ws');
  $('user').value = localStorage.getItem('callway.user') || '';

  function setState(el, text, kind) {
    el.textContent = text;
    el.className = 'state' + (kind ? ' ' + kind : '');
  }

  function notice(text) {
    ui.notice.textContent = text || '';
  }

  function controls() {
    const s = phone.session;
    const registered = !!(phone.ua && phone.ua.isRegistered());
    const established = !!(s && s.isEstablished());
    const incoming = !!(s && s.direction === 'incoming' && !s.isEstablished() && !s.isEnded());
    ui.call.disabled = !registered || !!s;
    ui.answer.disabled = !incoming;
    ui.hangup.disabled = !s;
    ui.mute.disabled = !established;
    ui.hold.disabled = !established;
    ui.signout.disabled = !phone.ua;
  }

  // JsSIP does not hand out the response that failed a re-INVITE (its hold() just ends the call),
  // so the socket is watched for final responses, as a SIP trace would show them.
  class WatchedSocket extends JsSIP.WebSocketInterface {
    _onMessage(message) {
      const data = message.data;
      if (typeof data === 'string') {
        const m = /^SIP\/2\.0 ([3-6]\d\d) ([^\r\n]*)/.exec(data);
        if (m && /\r\nCSeq:\s*\d+ INVITE/i.test(data)) {
          phone.lastFinal = m[1] + ' ' + m[2];
        }
      }
      super._onMessage(message);
    }
  }

  $('signin-form').addEventListener('submit', e => {
    e.preventDefault();
    signOut();
    const server = $('server').value.trim();
    const user = $('user').value.trim();
    localStorage.setItem('callway.server', server);
    localStorage.setItem('callway.user', user);
    const host = new URL(server.replace(/^ws/, 'http')).hostname;
    const ua = new JsSIP.UA({
      sockets: [new WatchedSocket(server)], uri: 'sip:' + user + '@' + host, password: $('password').value,
      register_expires: 600, session_timers: false
    });
    phone.ua = ua;
    setState(ui.registration, 'registering…', 'warn');
    ua.on('registered', () => { setState(ui.registration, 'registered as ' + user, 'ok'); controls(); });
    ua.on('unregistered', () => { setState(ui.registration, 'unregistered'); controls(); });
    ua.on('registrationFailed', ev => {
      setState(ui.registration, 'failed: ' + (ev.response
        ? ev.response.status_code + ' ' + ev.response.reason_phrase : ev.cause), 'bad');
      controls();
    });
    ua.on('disconnected', () => {
      if (phone.ua === ua) setState(ui.registration, 'disconnected from ' + server, 'bad');
    });
    ua.on('newRTCSession', ev => {
      if (phone.session) { // one call at a time, as a desk phone without call waiting
        if (ev.originator === 'remote') ev.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        return;
      }
      track(ev.session);
      if (ev.originator === 'remote') {
        setState(ui.state, 'ringing', 'warn');
        document.body.classList.add('ringing');
        ui.peer.textContent = 'from ' + (ev.request.from.display_name || ev.request.from.uri.user);
        startRing();
      }
      controls();
    });
    ua.start();
    controls();
  });

  function signOut() {
    if (phone.ua) {
      const ua = phone.ua;
      phone.ua = null;
      ua.stop();
    }
    setState(ui.registration, 'signed out');
    controls();
  }
  ui.signout.addEventListener('click', signOut);

  function track(session) {
    phone.session = session;
    phone.lastFinal = null;
    notice('');
    session.on('peerconnection', ev => playRemote(ev.peerconnection));
    if (session.connection) playRemote(session.connection);
    session.on('progress', () => { if (session.direction === 'outgoing') setState(ui.state, 'ringing back', 'warn'); });
    session.on('confirmed', () => {
      stopRing();
      setState(ui.state, 'in call', 'ok');
      startTimer();
      startStats();
      controls();
    });
    session.on('hold', () => { setState(ui.state, 'on hold', 'warn'); ui.hold.setAttribute('aria-pressed', 'true'); });
    session.on('unhold', () => { setState(ui.state, 'in call', 'ok'); ui.hold.setAttribute('aria-pressed', 'false'); });
    session.on('muted', () => { ui.mute.setAttribute('aria-pressed', 'true'); ui.mute.textContent = 'Unmute'; });
    session.on('unmuted', () => { ui.mute.setAttribute('aria-pressed', 'false'); ui.mute.textContent = 'Mute'; });
    session.on('ended', ev => finished(session, ev));
    session.on('failed', ev => finished(session, ev));
  }

  function finished(session, ev) {
    if (phone.session !== session) return;
    const why = ev.cause === 'Terminated' || ev.cause === 'Bye' || ev.cause === 'Canceled' ? ''
      : ev.message && ev.message.status_code ? ev.message.status_code + ' ' + ev.message.reason_phrase
        : ev.cause;
    if (phone.holding) {
      notice('Hold refused by the server: ' + (phone.lastFinal || why)
        + ' (JsSIP ends a call whose hold fails)');
    } else if (why) {
      notice('Call ended: ' + why);
    }
    phone.holding = false;
    phone.session = null;
    stopRing();
    stopTimer();
    stopStats();
    ui.audio.srcObject = null;
    document.body.classList.remove('ringing');
    setState(ui.state, 'idle');
    ui.peer.textContent = '';
    ui.mute.textContent = 'Mute';
    ui.mute.setAttribute('aria-pressed', 'false');
    ui.hold.setAttribute('aria-pressed', 'false');
    controls();
  }

  function playRemote(pc) {
    pc.addEventListener('track', ev => {
      ui.audio.srcObject = ev.streams[0] || new MediaStream([ev.track]);
      ui.audio.play().catch(() => notice('Click the page to let it play the remote audio'));
    });
  }

  const pcConfig = { iceServers: [] }; // Callway's media engine is reached directly (ICE-lite like Asterisk)

  ui.call.addEventListener('click', () => {
    const target = ui.number.value.trim();
    if (!target) { notice('Enter a number to call'); return; }
    const host = new URL($('server').value.replace(/^ws/, 'http')).hostname;
    setState(ui.state, 'calling', 'warn');
    ui.peer.textContent = 'to ' + target;
    phone.ua.call('sip:' + target + '@' + host, { mediaConstraints: { audio: true, video: false }, pcConfig });
  });

  ui.answer.addEventListener('click', () => {
    stopRing();
    document.body.classList.remove('ringing');
    phone.session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig });
  });

  ui.hangup.addEventListener('click', () => phone.session && phone.session.terminate());

  ui.mute.addEventListener('click', () => {
    const s = phone.session;
    if (s.isMuted().audio) s.unmute({ audio: true }); else s.mute({ audio: true });
  });

  ui.hold.addEventListener('click', () => {
    const s = phone.session;
    if (s.isOnHold().local) {
      s.unhold();
    } else {
      phone.holding = true; // cleared when the re-INVITE succeeds; a failure ends the call
      setState(ui.state, 'putting on hold…', 'warn');
      s.hold({}, () => { phone.holding = false; });
    }
  });

  // The pad dials before a call and sends RFC 4733 telephone-events during one.
  $('dialpad').addEventListener('click', ev => {
    const tone = ev.target.closest('button') && ev.target.textContent.trim();
    if (!tone) return;
    const s = phone.session;
    if (s && s.isEstablished()) {
      s.sendDTMF(tone, { transportType: JsSIP.C.DTMF_TRANSPORT.RFC2833 });
      ui.dtmf.textContent += tone;
    } else {
      ui.number.value += tone;
    }
  });

  function startTimer() {
    const start = Date.now();
    const tick = () => {
      const s = Math.floor((Date.now() - start) / 1000);
      ui.timer.textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
    };
    tick();
    phone.timer = setInterval(tick, 1000);
  }

  function stopTimer() {
    clearInterval(phone.timer);
    ui.timer.textContent = '';
  }

  // Levels: getStats' audioLevel (0..1) of what the microphone sends and what is played out.
  // Quality: the inbound stream's counters and the remote's RTCP report, once a second.
  function startStats() {
    let quality = 0;
    phone.stats = setInterval(() => sample().catch(e => console.error('getStats failed', e)), 200);
    async function sample() {
      const s = phone.session;
      if (!s || !s.connection) return;
      const report = await s.connection.getStats();
      const q = { local: 0, remote: 0 };
      const codecs = new Map();
      report.forEach(r => {
        if (r.type === 'media-source' && r.kind === 'audio') q.local = r.audioLevel || 0;
        if (r.type === 'inbound-rtp' && r.kind === 'audio') Object.assign(q, { inbound: r, remote: r.audioLevel || 0 });
        if (r.type === 'outbound-rtp' && r.kind === 'audio') q.outbound = r;
        if (r.type === 'remote-inbound-rtp' && r.kind === 'audio') q.rtcp = r;
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') q.pair = r;
        if (r.type === 'codec') codecs.set(r.id, r);
      });
      level('local', q.local);
      level('remote', q.remote);
      if (quality++ % 5 !== 0) return;
      if (q.inbound) {
        const received = q.inbound.packetsReceived || 0;
        const lost = Math.max(0, q.inbound.packetsLost || 0);
        $('q-received').textContent = received;
        $('q-loss').textContent = (received + lost ? (100 * lost / (received + lost)).toFixed(1) : '0.0') + ' %';
        $('q-jitter').textContent = ((q.inbound.jitter || 0) * 1000).toFixed(1) + ' ms';
        const codec = codecs.get(q.inbound.codecId);
        if (codec) $('q-codec').textContent = codec.mimeType.replace('audio/', '') + '/' + codec.clockRate;
      }
      if (q.outbound) $('q-sent').textContent = q.outbound.packetsSent || 0;
      const rtt = q.rtcp && q.rtcp.roundTripTime !== undefined ? q.rtcp.roundTripTime
        : q.pair && q.pair.currentRoundTripTime;
      if (rtt !== undefined) $('q-rtt').textContent = (rtt * 1000).toFixed(0) + ' ms';
    }
    phone.sample = sample;
  }

  function level(which, value) {
    $('level-' + which).value = value;
    $('level-' + which + '-text').textContent = value.toFixed(2);
  }

  function stopStats() {
    clearInterval(phone.stats);
    level('local', 0);
    level('remote', 0);
  }

  // The ring: 440 + 480 Hz, 2 s on and 4 s off (the North American ring cadence), by WebAudio.
  function startRing() {
    try {
      const ctx = new AudioContext();
      const gain = ctx.createGain();
      gain.gain.value = 0;
      gain.connect(ctx.destination);
      [440, 480].forEach(f => {
        const o = ctx.createOscillator();
        o.frequency.value = f;
        o.connect(gain);
        o.start();
      });
      const cadence = () => {
        gain.gain.setValueAtTime(0.1, ctx.currentTime);
        gain.gain.setValueAtTime(0, ctx.currentTime + 2);
      };
      cadence();
      phone.ring = { ctx, timer: setInterval(cadence, 6000) };
    } catch (e) {
      phone.ring = null; // no WebAudio: the blinking state still shows the call
    }
  }

  function stopRing() {
    if (phone.ring) {
      clearInterval(phone.ring.timer);
      phone.ring.ctx.close();
      phone.ring = null;
    }
  }

  controls();
})();
