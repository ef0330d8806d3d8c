// Test-only page for EngineEchoIT: a bare RTCPeerConnection offers audio from the fake
// microphone, POSTs the complete offer to the EngineEchoServlet (no SIP) and plays what comes
// back, so getStats() shows the echo's packets and level (Chromium reports audioLevel only for
// a stream that plays).
(function () {
  const echo = {};

  echo.start = async (config) => {
    const pc = new RTCPeerConnection(config || {});
    echo.pc = pc;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    stream.getTracks().forEach(t => pc.addTrack(t, stream));
    pc.ontrack = e => {
      const audio = document.getElementById('remote');
      audio.srcObject = e.streams[0] || new MediaStream([e.track]);
      audio.play().catch(() => {});
    };
    await pc.setLocalDescription(await pc.createOffer());
    // Non-trickle: wait for every candidate, so the one POST carries them (RFC 8829 §3.5.1).
    if (pc.iceGatheringState !== 'complete') {
      await new Promise(resolve => {
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
        setTimeout(resolve, 10000);
      });
    }
    const response = await fetch('engine-echo', { method: 'POST', body: pc.localDescription.sdp,
      headers: { 'Content-Type': 'application/sdp' } });
    if (!response.ok) return 'signalling failed ' + response.status;
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
    return 'answered';
  };

  echo.stats = async () => {
    const stats = await echo.pc.getStats();
    const out = { packetsReceived: 0, audioLevel: 0, totalAudioEnergy: 0, dtls: 'none', ice: 'none',
      localCandidateType: 'none', remoteCandidateType: 'none' };
    stats.forEach(s => {
      if (s.type === 'transport') {
        out.dtls = s.dtlsState;
        out.ice = s.iceState;
        const pair = s.selectedCandidatePairId && stats.get(s.selectedCandidatePairId);
        if (pair) {
          const local = stats.get(pair.localCandidateId);
          const remote = stats.get(pair.remoteCandidateId);
          out.localCandidateType = local ? local.candidateType : 'none';
          out.remoteCandidateType = remote ? remote.candidateType : 'none';
        }
      }
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.packetsReceived = s.packetsReceived || 0;
        out.audioLevel = s.audioLevel || 0;
        out.totalAudioEnergy = s.totalAudioEnergy || 0;
      }
    });
    return out;
  };

  echo.awaitAudio = () => new Promise(resolve => {
    const start = Date.now();
    (async function poll() {
      const s = await echo.stats();
      if (s.packetsReceived > 0) return resolve('flowing');
      if (Date.now() - start > 20000) return resolve('no audio ' + JSON.stringify(s));
      setTimeout(poll, 100);
    })();
  });

  echo.stop = () => {
    echo.pc.close();
    return 'closed';
  };

  window.engineEcho = echo;
})();
