// Callway's admin console: the /api resources as tables and forms. The browser signed in with
// its own HTTP Basic prompt (web.xml protects /console/ like /api), so fetch() sends the same
// credentials. Problem details (RFC 9457) are shown where they belong: errors[].field next to
// that field, the detail of anything else next to the form or table it came from.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && (problem.detail || problem.title) || 'HTTP ' + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function api(method, path, body, contentType) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = contentType || 'application/json';
      init.body = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch('/api' + path, init);
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    $('api-status').textContent = '';
    return json;
  }

  /** Shows a failed refresh once in the header instead of an exception per timer tick. */
  function refreshing(load) {
    return () => load().catch(e => { $('api-status').textContent = 'API: ' + e.message; });
  }

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    return td;
  }

  function button(label, className, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  function fillTable(table, rows, render) {
    const body = $(table).tBodies[0];
    body.replaceChildren(...rows.map(row => {
      const tr = document.createElement('tr');
      render(row, tr);
      return tr;
    }));
  }

  const list = text => text.split(',').map(s => s.trim()).filter(s => s);
  const time = iso => iso ? new Date(iso).toLocaleString() : '';

  /** Clears the form's messages, then puts each errors[].field message beside its input. */
  function showProblem(prefix, error) {
    document.querySelectorAll('[id^="' + prefix + '-"][id$="-error"]').forEach(e => { e.textContent = ''; });
    document.querySelectorAll('[id^="' + prefix + '-"][aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
    if (!error) return;
    const fields = (error.problem.errors || []);
    let placed = 0;
    fields.forEach(f => {
      const name = f.field.replace(/\[\d+\]$/, ''); // transports[1] belongs to the transports field
      const slot = $(prefix + '-' + name + '-error');
      if (slot) {
        slot.textContent = (slot.textContent ? slot.textContent + '; ' : '') + f.message;
        const input = $(prefix + '-' + name);
        if (input) input.setAttribute('aria-invalid', 'true');
        placed++;
      }
    });
    if (placed < fields.length || fields.length === 0) {
      $(prefix + '-form-error').textContent = error.problem.title
        ? error.problem.title + ': ' + (error.problem.detail || '') : error.message;
    }
  }

  // Registrations and calls change by themselves: polled every two seconds.
  const loadRegistrations = refreshing(async () => {
    const rows = await api('GET', '/registrations');
    $('registrations-count').textContent = '(' + rows.length + ')';
    fillTable('registrations', rows, (r, tr) => {
      tr.dataset.peer = r.peer;
      tr.append(cell(r.peer), cell(r.contact), cell(r.transport), cell(r.sourceAddress + ':' + r.sourcePort),
        cell(r.userAgent), cell(r.expiresIn + ' s'));
    });
  });

  const lastPackets = new Map(); // Call-ID -> {packets, at}: a rate from two polls
  const loadCalls = refreshing(async () => {
    const rows = await api('GET', '/calls');
    const now = Date.now();
    fillTable('calls', rows, (c, tr) => {
      // Each leg's counters from the media engine: the caller's (and, when bridged, the callee's).
      const caller = c.callerLeg || {};
      const callee = c.calleeLeg || {};
      const packetsIn = caller.packetsIn || 0;
      const before = lastPackets.get(c.callId);
      const rate = before && now > before.at ? Math.round((packetsIn - before.packets) * 1000 / (now - before.at)) : '';
      lastPackets.set(c.callId, { packets: packetsIn, at: now });
      tr.dataset.callId = c.callId;
      tr.dataset.caller = c.caller;
      const seconds = Math.max(0, Math.round((now - new Date(c.start).getTime()) / 1000));
      const dropped = (caller.dropped || 0) + (callee.dropped || 0);
      tr.append(cell(c.caller), cell(c.callee), cell(time(c.start)), cell(seconds + ' s'), cell(c.codec),
        Object.assign(cell(packetsIn), { className: 'packets-in' }), cell(caller.packetsOut || 0),
        cell(callee.packetsIn === undefined ? '' : callee.packetsIn + ' / ' + callee.packetsOut),
        Object.assign(cell(dropped), { title: [caller.drops, callee.drops].filter(d => d).join(' ') }), cell(rate));
      const td = document.createElement('td');
      td.append(button('Hang up', 'danger hangup', async () => {
        try {
          await api('DELETE', '/calls/' + encodeURIComponent(c.callId));
        } catch (e) {
          $('api-status').textContent = 'Hang up: ' + e.message;
        }
        loadCalls();
        loadCdrs();
      }));
      tr.append(td);
    });
    for (const id of lastPackets.keys()) {
      if (!rows.some(c => c.callId === id)) {
        lastPackets.delete(id);
        loadCdrs(); // a call ended: its CDR is there now
      }
    }
  });

  // CDRs: the filter form, or everything of the last day for the charts.
  async function loadCdrs() {
    const params = new URLSearchParams();
    const from = $('cdr-from').value;
    const to = $('cdr-to').value;
    if (from) params.set('from', new Date(from).toISOString());
    if (to) params.set('to', new Date(to).toISOString());
    if ($('cdr-peer').value.trim()) params.set('peer', $('cdr-peer').value.trim());
    params.set('limit', '500');
    $('cdr-error').textContent = '';
    try {
      const rows = await api('GET', '/cdrs?' + params);
      fillTable('cdrs', rows, (c, tr) => {
        tr.dataset.callId = c.callId;
        tr.append(cell(time(c.start)), cell(c.caller), cell(c.callee), cell(c.disposition), cell(c.billSeconds),
          cell(c.hangupCause), cell(c.codec), cell(c.packetsIn + ' / ' + c.packetsOut), cell(c.packetsDropped));
      });
      charts(rows);
    } catch (e) {
      $('cdr-error').textContent = e.message;
    }
  }
  $('cdr-filter').addEventListener('submit', e => { e.preventDefault(); loadCdrs(); });

  // Plain SVG bar charts: no library for two small pictures.
  const SVG = 'http://www.w3.org/2000/svg';
  function bars(svg, values, labels, max, unit, bad) {
    const el = $(svg);
    el.replaceChildren();
    const w = 480, h = 160, left = 30, bottom = 20, n = values.length;
    const step = (w - left) / Math.max(n, 1);
    const top = Math.max(max, 1);
    const add = (name, attrs, text) => {
      const node = document.createElementNS(SVG, name);
      Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
      if (text !== undefined) node.textContent = text;
      el.append(node);
      return node;
    };
    add('text', { x: 0, y: 10 }, top + unit);
    add('text', { x: 0, y: h - bottom }, '0');
    values.forEach((v, i) => {
      const bh = (h - bottom - 12) * v / top;
      add('rect', { x: left + i * step + 1, y: h - bottom - bh, width: Math.max(step - 2, 1), height: bh,
        class: 'bar' + (bad && bad(v) ? ' bad' : ''), 'data-value': v }).append(
        Object.assign(document.createElementNS(SVG, 'title'), { textContent: labels[i] + ': ' + v + unit }));
      if (i % Math.ceil(n / 8) === 0) add('text', { x: left + i * step, y: h - 5 }, labels[i]);
    });
  }

  function charts(cdrs) {
    const hourMs = 3600 * 1000;
    const thisHour = Math.floor(Date.now() / hourMs);
    const perHour = new Array(24).fill(0);
    cdrs.forEach(c => {
      const ago = thisHour - Math.floor(new Date(c.start).getTime() / hourMs);
      if (ago >= 0 && ago < 24) perHour[23 - ago]++;
    });
    const hours = perHour.map((_, i) => new Date((thisHour - 23 + i) * hourMs).getHours() + 'h');
    bars('chart-calls', perHour, hours, Math.max(...perHour), '', null);
    const answered = cdrs.filter(c => c.disposition === 'ANSWERED').slice(0, 30).reverse();
    const loss = answered.map(c => {
      const total = c.packetsIn + c.packetsDropped;
      return total ? Math.round(1000 * c.packetsDropped / total) / 10 : 0;
    });
    bars('chart-quality', loss, answered.map(c => c.caller + '→' + c.callee), Math.max(5, ...loss), '%', v => v > 1);
  }

  // Peers: list, add, edit (PUT replaces every option), delete, import.
  let editing = null;
  async function loadPeers() {
    const rows = await api('GET', '/peers');
    fillTable('peers', rows, (p, tr) => {
      tr.dataset.peer = p.name;
      tr.append(cell(p.name), cell(p.number), cell(p.transports.join(', ')), cell(p.avpf ? 'yes' : 'no'),
        cell(p.encryption ? 'yes' : 'no'), cell(p.nat.join(', ')), cell(p.context), cell(p.codecs.join(', ')),
        cell(p.host));
      const td = document.createElement('td');
      td.append(button('Edit', 'secondary', () => edit(p)), ' ', button('Delete', 'danger', async () => {
        if (!confirm('Delete peer ' + p.name + '?')) return;
        try {
          await api('DELETE', '/peers/' + encodeURIComponent(p.name));
        } catch (e) {
          $('api-status').textContent = 'Delete: ' + e.message;
        }
        loadPeers();
      }));
      tr.append(td);
    });
  }

  function edit(p) {
    editing = p ? p.name : null;
    $('peer-form-title').textContent = p ? 'Edit peer ' + p.name : 'Add a peer';
    $('peer-save').textContent = p ? 'Save peer' : 'Add peer';
    $('peer-name').value = p ? p.name : '';
    $('peer-name').disabled = !!p; // peers are not renamed
    $('peer-number').value = p ? p.number || '' : '';
    $('peer-secret').value = '';
    $('peer-transports').value = p ? p.transports.join(', ') : 'wss';
    $('peer-nat').value = p ? p.nat.join(', ') : '';
    $('peer-context').value = p ? p.context : 'default';
    $('peer-codecs').value = p ? p.codecs.join(', ') : 'opus, ulaw';
    $('peer-host').value = p ? p.host : 'dynamic';
    $('peer-avpf').checked = p ? p.avpf : true;
    $('peer-encryption').checked = p ? p.encryption : true;
    showProblem('peer', null);
  }
  $('peer-cancel').addEventListener('click', () => edit(null));

  $('peer-form').addEventListener('submit', async e => {
    e.preventDefault();
    const body = {
      number: $('peer-number').value.trim() || null,
      transports: list($('peer-transports').value), nat: list($('peer-nat').value),
      context: $('peer-context').value.trim() || null, codecs: list($('peer-codecs').value),
      host: $('peer-host').value.trim() || null,
      avpf: $('peer-avpf').checked, encryption: $('peer-encryption').checked
    };
    if ($('peer-secret').value) body.secret = $('peer-secret').value;
    try {
      if (editing) {
        await api('PUT', '/peers/' + encodeURIComponent(editing), body);
      } else {
        body.name = $('peer-name').value.trim();
        await api('POST', '/peers', body);
      }
      edit(null);
      loadPeers();
    } catch (err) {
      showProblem('peer', err);
    }
  });

  $('import-file').addEventListener('change', async () => {
    const file = $('import-file').files[0];
    if (file) $('import-text').value = await file.text();
  });

  $('import-form').addEventListener('submit', async e => {
    e.preventDefault();
    $('import-error').textContent = '';
    try {
      const report = await api('POST', '/peers/import', $('import-text').value, 'text/plain');
      fillTable('import-result', report, (r, tr) => tr.append(cell(r.section), cell(r.result), cell(r.reason)));
      loadPeers();
    } catch (err) {
      $('import-error').textContent = err.message;
    }
  });

  // Dial plan: list, add (validated by the API), delete.
  async function loadDialplan() {
    const rows = await api('GET', '/dialplan');
    fillTable('dialplan', rows, (d, tr) => {
      tr.dataset.extension = d.extension;
      tr.append(cell(d.context), cell(d.extension), cell(d.application), cell(d.argument));
      const td = document.createElement('td');
      td.append(button('Delete', 'danger', async () => {
        try {
          await api('DELETE', '/dialplan/' + d.id);
        } catch (err) {
          $('api-status').textContent = 'Delete: ' + err.message;
        }
        loadDialplan();
      }));
      tr.append(td);
    });
  }

  $('dialplan-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('POST', '/dialplan', {
        context: $('dp-context').value.trim() || null, extension: $('dp-extension').value.trim(),
        application: $('dp-application').value, argument: $('dp-argument').value.trim() || null
      });
      showProblem('dp', null);
      $('dp-extension').value = '';
      $('dp-argument').value = '';
      loadDialplan();
    } catch (err) {
      showProblem('dp', err);
    }
  });

  loadPeers().catch(e => { $('api-status').textContent = 'API: ' + e.message; });
  loadDialplan().catch(e => { $('api-status').textContent = 'API: ' + e.message; });
  loadCdrs();
  loadRegistrations();
  loadCalls();
  setInterval(loadRegistrations, 2000);
  setInterval(loadCalls, 1000);
})();
