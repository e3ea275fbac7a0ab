// Proves what the page shows (docs/proofs.md, "What the page rechecks"). It fetches the evidence
// document behind the page (every signed envelope of the journey's events and of its custody windows'
// readings), verifies every signature and every envelope's place in the signed checkpoint, then
// recomputes from the verified payloads the timeline, the custody windows, every chart point and the
// cold-chain verdict, and compares them with what the server displayed (pt-data "shown"). The first
// difference turns the badge to failed. RFC 9162 hashing: leaf = SHA-256(0x00||data), node =
// SHA-256(0x01||left||right). With witnesses (the server's quorum above 0) it also checks the checkpoint's
// cosignatures and names the cosigners. Signatures the browser cannot check (SM2, or no Ed25519 in
// WebCrypto) are the server's check, and the page says so. An SD-JWT event (RFC 9901) comes with the
// disclosures this code's holder may see: each must be named by a digest the issuer signed, and the
// page is rechecked from the disclosed view; digests no shown disclosure matches are withheld fields.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('pt-data').textContent);
  var badge = document.getElementById('pt-badge');
  var stepLine = document.getElementById('pt-step');
  var L = data.labels;
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();
  var dec = new TextDecoder('utf-8', { fatal: true });
  var MIN = 60000;
  var selective = {}; // "device/seq" of the SD-JWT records

  // the page's words only: a failed step by its name in the page's language, the technical detail
  // (English) in data-step and on hover
  function show(state, text, failed, path) {
    badge.className = 'badge ' + state + (path === 'server' ? ' server' : '');
    badge.setAttribute('data-state', state);
    if (path) badge.setAttribute('data-path', path);
    badge.textContent = text;
    if (failed) {
      var detail = failed.step ? failed.step + ': ' + failed.why : String(failed);
      badge.setAttribute('data-step', detail);
      stepLine.textContent = (failed.step && L.steps[failed.step]) || L.step;
      stepLine.title = detail;
    }
  }
  function Fail(step, why) { this.step = step; this.why = why; }
  function Fallback(why) { this.why = why; }
  function hex(b) { return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join(''); }
  function unhex(s) { var a = new Uint8Array(s.length / 2); for (var i = 0; i < a.length; i++) a[i] = parseInt(s.substr(2 * i, 2), 16); return a; }
  function b64(s) { var t = atob(s), a = new Uint8Array(t.length); for (var i = 0; i < t.length; i++) a[i] = t.charCodeAt(i); return a; }
  function b64url(s) { s = s.replace(/-/g, '+').replace(/_/g, '/'); while (s.length % 4) s += '='; return b64(s); }
  function toB64url(b) { return btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
  function cat() { var n = 0, i, o = 0; for (i = 0; i < arguments.length; i++) n += arguments[i].length;
    var r = new Uint8Array(n); for (i = 0; i < arguments.length; i++) { r.set(arguments[i], o); o += arguments[i].length; } return r; }
  function eq(a, b) { if (a.length !== b.length) return false; for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }
  async function sha(b) { return new Uint8Array(await subtle.digest('SHA-256', b)); }
  function leaf(b) { return sha(cat(new Uint8Array([0]), b)); }
  function node(l, r) { return sha(cat(new Uint8Array([1]), l, r)); }
  function der(pem) { return b64(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')); }
  function nul(x) { return x === undefined ? null : x; }
  function iso(ms) { return new Date(ms).toISOString(); }
  // RFC 3339 to epoch milliseconds, whatever the fraction's length (the server's are microseconds)
  function ms(s) {
    var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i.exec(String(s));
    if (!m) return NaN;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + (m[7] ? Math.floor(+('0.' + m[7]) * 1000 + 1e-6) : 0);
    if (m[8].toUpperCase() !== 'Z') t -= (m[8][0] === '-' ? -1 : 1) * (+m[8].substr(1, 2) * 60 + +m[8].substr(4, 2)) * MIN;
    return t;
  }

  // RFC 9162 section 2.1.3.2; sizes stay below 2^53, so plain numbers with division, not bit shifts.
  async function rootFromPath(index, size, leafHash, path) {
    if (index >= size) return null;
    var fn = index, sn = size - 1, r = leafHash;
    for (var i = 0; i < path.length; i++) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await node(path[i], r);
        if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
      } else {
        r = await node(r, path[i]);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }
  // a whole tree's root, one level at a time, each level's hashes in parallel (the same left-balanced
  // shape as RFC 9162: an odd node at the end of a level moves up unchanged)
  async function treeRoot(level) {
    while (level.length > 1) {
      var next = [];
      for (var i = 0; i + 1 < level.length; i += 2) next.push(node(level[i], level[i + 1]));
      next = await Promise.all(next);
      if (level.length % 2) next.push(level[level.length - 1]);
      level = next;
    }
    return level[0];
  }

  async function checkpointSignature(note, logKey) {
    var split = note.lastIndexOf('\n\n');
    if (split < 0) throw new Fail('checkpoint signature', 'not a signed note');
    var text = note.substring(0, split + 1);
    var lines = note.substring(split + 2).split('\n');
    for (var i = 0; i < lines.length; i++) {
      var m = /^\u2014 (\S+) (\S+)$/.exec(lines[i]);
      if (!m || m[1] !== logKey.name) continue;
      var blob = b64(m[2]);
      if (!eq(blob.subarray(0, 4), logKey.hash)) continue;
      if (await subtle.verify({ name: 'Ed25519' }, logKey.key, blob.subarray(4), enc.encode(text))) return text;
      throw new Fail('checkpoint signature', 'the log key\'s signature does not verify: the note was altered');
    }
    throw new Fail('checkpoint signature', 'no signature by the log key');
  }

  async function logKeyFor(note, pem) {
    var name = note.split('\n')[0];
    var spki = der(pem);
    if (spki.length !== 44) throw new Fallback('the log key is not Ed25519');
    var key;
    try { key = await subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']); }
    catch (e) { throw new Fallback('WebCrypto lacks Ed25519'); }
    var hash = (await sha(cat(enc.encode(name + '\n'), new Uint8Array([1]), spki.subarray(12)))).subarray(0, 4);
    return { name: name, key: key, hash: hash };
  }

  async function fetchOk(url, what) {
    var r = await fetch(url, { credentials: 'omit' });
    if (!r.ok) throw new Fail(what, url + ' answered ' + r.status);
    return r;
  }

  // ---------------------------------------------------------------- the signed records
  var ALGOS = { EdDSA: { name: 'Ed25519' }, ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } };

  // every envelope's signature (in parallel), payload and place in the checkpoint; returns the
  // verified payloads by "device/seq"
  async function verifyEvidence(ev, state) {
    // an SM3 log: the browser has no SM3, so the server checks every signature and the key events' bundles
    var sm3 = ev.hashAlg !== 'sha256';
    var keys = {}, needServer = [];
    await Promise.all(Object.keys(ev.keys).map(async function (kid) {
      var k = ev.keys[kid], algo = ALGOS[k.alg];
      if (!algo) { keys[kid] = null; return; }
      try { keys[kid] = await subtle.importKey('spki', der(k.publicKeyPem), algo, false, ['verify']); }
      catch (e) { keys[kid] = null; state.noWebCrypto = true; }
    }));
    var payloads = {};
    await Promise.all(ev.envelopes.map(async function (e, i) {
      var what = 'record ' + e.seq + ' of device ' + e.device;
      var parts = e.jws.split('.'), k = ev.keys[e.kid];
      if (parts.length !== 3) throw new Fail('device signature', what + ' is not a compact JWS');
      if (!k || k.device !== e.device) throw new Fail('device signature', what + ': no key ' + e.kid + ' of that device');
      if (keys[e.kid] && !sm3) {
        var ok = await subtle.verify(ALGOS[k.alg], keys[e.kid], b64url(parts[2]), enc.encode(parts[0] + '.' + parts[1]));
        if (!ok) throw new Fail('device signature', what + ' does not verify with the device key');
      } else {
        needServer.push(i);
      }
      var header, payload;
      try { header = JSON.parse(dec.decode(b64url(parts[0]))); payload = JSON.parse(dec.decode(b64url(parts[1]))); }
      catch (x) { throw new Fail('device signature', what + ' is not readable JSON'); }
      if (header.kid !== e.kid || header.alg !== k.alg || payload.dev !== e.device || payload.seq !== e.seq) {
        throw new Fail('device signature', what + ': the signed header or payload names another key, device or seq');
      }
      if (Array.isArray(e.disclosures) || payload._sd_alg !== undefined) {
        selective[e.device + '/' + e.seq] = true;
        payload = await disclosedView(payload, e.disclosures || [], what, state);
      }
      payloads[e.device + '/' + e.seq] = payload;
    }));
    if (needServer.length) {
      // one request: the server checks the signatures the browser cannot (SM2, or no Ed25519 here)
      var checked = await serverCopy(state);
      var byKey = {};
      checked.envelopes.forEach(function (e) { byKey[e.device + '/' + e.seq] = e; });
      needServer.forEach(function (i) {
        var e = ev.envelopes[i], s = byKey[e.device + '/' + e.seq];
        if (!s || s.jws !== e.jws || s.serverVerified !== true) {
          throw new Fail('device signature', 'the server finds that record ' + e.seq + ' of device ' + e.device + ' does not verify');
        }
      });
      state.serverChecked = needServer.length;
    }
    if (sm3) {
      state.checkpointOnServer = 'hash ' + ev.hashAlg;
      if (ev.checkpoint) await cosignatures(ev, state);
    } else {
      await inclusion(ev, state);
    }
    return payloads;
  }

  // the evidence with the server's own checks (?verify=server), fetched once for all that needs it
  function serverCopy(state) {
    if (!state.serverCopy) {
      state.serverCopy = fetchOk(data.evidence + '&verify=server', 'evidence').then(function (r) { return r.json(); });
    }
    return state.serverCopy;
  }

  // ---------------------------------------------------------------- SD-JWT disclosures (RFC 9901 section 7.1)
  // The disclosed view of a signed payload: each shown disclosure, base64url of [salt, name, value] or
  // [salt, value], put in place of the digest base64url(SHA-256(its ASCII text)) that names it in an
  // "_sd" list (a member) or a {"...": digest} array element; a shown disclosure no signed digest names
  // (altered, or from another record) fails; every other digest is a withheld field, counted.
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function put(o, k, v) { Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }); }
  async function disclosedView(signed, list, what, state) {
    if (signed._sd_alg !== undefined && signed._sd_alg !== 'sha-256') {
      throw new Fail('disclosures', what + ': _sd_alg ' + JSON.stringify(signed._sd_alg) + ' is not sha-256');
    }
    var digests = await Promise.all(list.map(function (d) { return sha(enc.encode(d)); }));
    var byDigest = {}, used = {};
    list.forEach(function (d, i) {
      var a = null;
      try { a = JSON.parse(dec.decode(b64url(d))); } catch (x) { a = null; }
      if (!Array.isArray(a) || (a.length !== 2 && a.length !== 3) || typeof a[0] !== 'string'
          || (a.length === 3 && (typeof a[1] !== 'string' || a[1] === '_sd' || a[1] === '...'))) {
        throw new Fail('disclosures', what + ': ' + d + ' is not a disclosure [salt, name, value] or [salt, value]');
      }
      put(byDigest, toB64url(digests[i]), { name: a.length === 3 ? a[1] : null, value: a[a.length - 1] });
    });
    function describe(d) { return d.name === null ? 'the array element ' + JSON.stringify(d.value) : 'the member "' + d.name + '"'; }
    function take(g) {
      var d = own(byDigest, g) ? byDigest[g] : null;
      if (!d) { state.withheld++; return null; }
      if (used[g]) throw new Fail('disclosures', what + ': digest ' + g + ' is signed twice');
      used[g] = true;
      return d;
    }
    function walk(x, depth) {
      if (depth > 64) throw new Fail('disclosures', what + ': the disclosed record nests deeper than 64 levels');
      if (Array.isArray(x)) {
        var out = [];
        x.forEach(function (el) {
          if (el && typeof el === 'object' && !Array.isArray(el) && Object.keys(el).length === 1 && typeof el['...'] === 'string') {
            var d = take(el['...']);
            if (!d) return;
            if (d.name !== null) throw new Fail('disclosures', what + ': ' + describe(d) + ' is signed as an array element');
            out.push(walk(d.value, depth + 1));
          } else {
            out.push(walk(el, depth + 1));
          }
        });
        return out;
      }
      if (x === null || typeof x !== 'object') return x;
      var o = {};
      Object.keys(x).forEach(function (k) { if (k !== '_sd') put(o, k, walk(x[k], depth + 1)); });
      if (x._sd !== undefined) {
        if (!Array.isArray(x._sd)) throw new Fail('disclosures', what + ': _sd is not a list of digests');
        x._sd.forEach(function (g) {
          var d = take(String(g));
          if (!d) return;
          if (d.name === null || own(o, d.name)) throw new Fail('disclosures', what + ': ' + describe(d) + ' does not fit where it is signed');
          put(o, d.name, walk(d.value, depth + 1));
        });
      }
      return o;
    }
    var view = walk(signed, 0);
    delete view._sd_alg;
    list.forEach(function (d, i) {
      var g = toB64url(digests[i]);
      if (!used[g]) throw new Fail('disclosures', what + ': ' + describe(byDigest[g]) + ' (digest ' + g + ') is not signed in the record');
    });
    return view;
  }

  // ---------------------------------------------------------------- the witnesses' cosignatures
  // C2SP tlog-cosignature v1: a note signature line "— <witness name> base64(key id || u64 big-endian
  // time || Ed25519 signature)", signed over "cosignature/v1\ntime <time>\n" followed by the checkpoint's
  // note text (up to the blank line, its final newline included). Every line by a trusted witness (name
  // and key id) must verify (signed-note: a bad signature by a known key rejects the note), and at least
  // the quorum of the server's trusted witnesses must have cosigned. SM2 cosignatures (ProofTrail's type
  // 0xff) are the server's check, as SM2 envelopes are. Quorum 0: no witnesses, nothing said.
  function vkey(s) {
    // name+keyid+base64: the base64 key may hold '+' itself
    var m = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(String(s));
    if (!m) throw new Fail('cosignatures', 'witness key ' + s + ' is not name+keyid+key');
    return { name: m[1], id: unhex(m[2]), typeAndKey: b64(m[3]) };
  }
  function cosignatureLines(note, split) {
    var out = [];
    note.substring(split + 2).split('\n').forEach(function (line) {
      var m = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!m) return;
      var blob;
      try { blob = b64(m[2]); } catch (e) { return; }
      if (blob.length < 13) return;
      var hi = ((blob[4] << 24) >>> 0) + (blob[5] << 16) + (blob[6] << 8) + blob[7];
      var lo = ((blob[8] << 24) >>> 0) + (blob[9] << 16) + (blob[10] << 8) + blob[11];
      // times past 2^53 seconds are no honest witness's (and would lose precision here)
      out.push({ name: m[1], id: blob.subarray(0, 4), time: hi < 0x200000 ? hi * 4294967296 + lo : null, sig: blob.subarray(12) });
    });
    return out;
  }
  async function cosignatures(ev, state) {
    var policy = ev.witnesses;
    if (!policy || !policy.quorum) return;
    var note = ev.checkpoint.note, split = note.lastIndexOf('\n\n');
    if (split < 0) throw new Fail('checkpoint', 'not a signed note');
    var text = note.substring(0, split + 1), lines = cosignatureLines(note, split);
    var valid = [], viaServer = [];
    for (var i = 0; i < policy.keys.length; i++) {
      var w = policy.keys[i], k = vkey(w.vkey), shown = w.displayName || w.name;
      if (k.name !== w.name || !eq((await sha(cat(enc.encode(k.name + '\n'), k.typeAndKey))).subarray(0, 4), k.id)) {
        throw new Fail('cosignatures', 'the key of witness ' + w.name + ' does not match its name and key id');
      }
      var mine = lines.filter(function (l) { return l.name === k.name && eq(l.id, k.id); });
      if (!mine.length) continue;
      var pub = null;
      if (k.typeAndKey[0] === 4 && k.typeAndKey.length === 33) {
        try { pub = await subtle.importKey('raw', k.typeAndKey.subarray(1), { name: 'Ed25519' }, false, ['verify']); }
        catch (e) { pub = null; }
      }
      if (!pub) { viaServer.push(w); continue; }
      for (var j = 0; j < mine.length; j++) {
        var l = mine[j];
        var ok = l.time !== null && await subtle.verify({ name: 'Ed25519' }, pub, l.sig,
          enc.encode('cosignature/v1\ntime ' + l.time + '\n' + text));
        if (!ok) throw new Fail('cosignatures', 'the cosignature of ' + w.name + ' does not verify: the checkpoint or its cosignature was altered');
      }
      valid.push(shown);
    }
    if (viaServer.length) {
      var checked = await serverCopy(state), byName = {};
      if (!checked.checkpoint || checked.checkpoint.note !== note) throw new Fail('cosignatures', 'the server checked another checkpoint');
      ((checked.witnesses || {}).keys || []).forEach(function (x) { byName[x.name] = x; });
      viaServer.forEach(function (w) {
        var s = byName[w.name];
        if (!s || s.vkey !== w.vkey || s.serverVerified !== true) {
          throw new Fail('cosignatures', 'the server finds that the cosignature of ' + w.name + ' does not verify');
        }
        valid.push(w.displayName || w.name);
        state.cosignedOnServer.push(w.displayName || w.name);
      });
    }
    if (valid.length < policy.quorum) {
      throw new Fail('cosignatures', (valid.length ? 'cosigned by ' + valid.join(', ') : 'cosigned by no trusted witness')
        + ': ' + valid.length + ' of the quorum of ' + policy.quorum + '; a checkpoint without its quorum may be a view shown to you alone');
    }
    state.cosigners = valid;
  }

  // each envelope in its chunk (paths, or the chunk's leaf list), each chunk in the signed checkpoint
  async function inclusion(ev, state) {
    var cp = ev.checkpoint, root = null, size = 0;
    if (cp) {
      var lines = cp.note.split('\n');
      size = +lines[1];
      if (size !== cp.treeSize) throw new Fail('checkpoint', 'the note and the document disagree on the tree size');
      root = b64(lines[2]);
      try {
        var pem = await (await fetchOk(data.key, 'log key')).text();
        await checkpointSignature(cp.note, await logKeyFor(cp.note, pem));
      } catch (e) {
        if (!(e instanceof Fallback)) throw e;
        state.checkpointOnServer = e.why;
      }
      // the note's signatures first (the log's, then the witnesses'), then the ledger's receipt of it
      await cosignatures(ev, state);
      var receipt = cp.receipt;
      if (receipt && receipt.ledger === 'local' && hex(await sha(enc.encode(cp.note))) !== receipt.evidence.noteSha256) {
        throw new Fail('ledger receipt', 'the local receipt names another note');
      }
    }
    var leaves = await Promise.all(ev.envelopes.map(function (e) { return leaf(enc.encode(e.jws)); }));
    var chunkIds = Object.keys(ev.chunks);
    var lists = {};
    await Promise.all(chunkIds.map(async function (id) {
      var c = ev.chunks[id];
      if (c.pending) return;
      if (!cp) throw new Fail('chunk in log', 'chunk ' + id + ' without a checkpoint');
      if (c.leaves) {
        var n = c.leaves.length / 64, list = [];
        for (var i = 0; i < n; i++) list.push(unhex(c.leaves.substr(64 * i, 64)));
        if (n !== c.size || !eq(await treeRoot(list), unhex(c.root))) {
          throw new Fail('envelope in chunk', 'the leaves of chunk ' + id + ' do not hash to its root');
        }
        lists[id] = list;
      }
      var r = await rootFromPath(c.logIndex, size, await leaf(unhex(c.root)), c.logPath.map(unhex));
      if (!r || !eq(r, root)) throw new Fail('chunk in log', 'chunk ' + id + ' is not in the signed log');
    }));
    await Promise.all(ev.envelopes.map(async function (e, i) {
      var c = ev.chunks[e.chunk];
      if (!c) throw new Fail('envelope in chunk', 'no chunk ' + e.chunk);
      if (c.pending) { state.pending++; return; }
      var ok;
      if (lists[e.chunk]) {
        ok = e.leaf < c.size && eq(lists[e.chunk][e.leaf], leaves[i]);
      } else {
        var r = await rootFromPath(e.leaf, c.size, leaves[i], (e.path || []).map(unhex));
        ok = !!r && eq(r, unhex(c.root));
      }
      if (!ok) throw new Fail('envelope in chunk', 'record ' + e.seq + ' of device ' + e.device + ' is not in its chunk');
    }));
  }

  // ---------------------------------------------------------------- what the signed records say
  // core.identifiers.EpcKey: the one key the server stores and matches every spelling of an identifier
  // by (the canonical GS1 Digital Link on id.gs1.org); anything it does not read is its own key
  var EPC_BASE = 'https://id.gs1.org', CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
  function checkDigit(d) {
    var sum = 0;
    for (var i = 0; i < d.length; i++) sum += (d.charCodeAt(d.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
    return d + ((10 - sum % 10) % 10);
  }
  function checked(d, n) { return d.length === n && /^[0-9]+$/.test(d) && checkDigit(d.substring(0, n - 1)) === d; }
  function segment(v, max) {
    if (!v || v.length > max || !CSET82.test(v)) throw new Error('set 82');
    return encodeURIComponent(v).replace(/[!'()~]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function urnValue(s, max) {
    return segment(s.replace(/%(..)?/g, function (m, h) {
      if (!h || !/^[0-9A-Fa-f]{2}$/.test(h)) throw new Error('escape');
      return String.fromCharCode(parseInt(h, 16));
    }), max);
  }
  function prefix(p) { if (!/^[0-9]{6,12}$/.test(p)) throw new Error('prefix'); }
  function digits(p, r, total) { prefix(p); if (!/^[0-9]*$/.test(r) || p.length + r.length !== total) throw new Error('digits'); return p + r; }
  function gtinOf(p, r) { prefix(p); if (!/^[0-9]+$/.test(r) || p.length + r.length !== 13) throw new Error('gtin'); return checkDigit(r[0] + p + r.substring(1)); }
  function urnPath(rest) {
    var c = rest.indexOf(':');
    if (c < 0) return null;
    var f = rest.substring(c + 1).split('.'), scheme = rest.substring(0, c);
    var n = { sgtin: 3, sscc: 2, sgln: 3, grai: 3, giai: 2, gsrn: 2, gsrnp: 2, gdti: 3, sgcn: 3, cpi: 3, pgln: 2, ginc: 2, gsin: 2 }[scheme];
    if (!n || f.length !== n) return null;
    function serialled(ai, max, numeric) {
      var key = checkDigit(digits(f[0], f[1], 12));
      if (!f[2]) return ai + key;
      if (numeric && !new RegExp('^[0-9]{1,' + max + '}$').test(f[2])) throw new Error('serial');
      return ai + key + urnValue(f[2], max);
    }
    switch (scheme) {
      case 'sgtin': return '/01/' + gtinOf(f[0], f[1]) + '/21/' + urnValue(f[2], 20);
      case 'sscc': digits(f[0], f[1], 17); return '/00/' + checkDigit(f[1][0] + f[0] + f[1].substring(1));
      case 'sgln': var gln = checkDigit(digits(f[0], f[1], 12)); return f[2] === '0' ? '/414/' + gln : '/414/' + gln + '/254/' + urnValue(f[2], 20);
      case 'grai': return serialled('/8003/0', 16, false);
      case 'gdti': return serialled('/253/', 17, false);
      case 'sgcn': return serialled('/255/', 12, true);
      case 'giai': case 'ginc': prefix(f[0]); return (scheme === 'giai' ? '/8004/' : '/401/') + f[0] + urnValue(f[1], 30 - f[0].length);
      case 'gsrn': return '/8018/' + checkDigit(digits(f[0], f[1], 17));
      case 'gsrnp': return '/8017/' + checkDigit(digits(f[0], f[1], 17));
      case 'pgln': return '/417/' + checkDigit(digits(f[0], f[1], 12));
      case 'gsin': return '/402/' + checkDigit(digits(f[0], f[1], 16));
      case 'cpi': prefix(f[0]); if (!/^[0-9]{1,12}$/.test(f[2])) throw new Error('cpi');
        return '/8010/' + f[0] + urnValue(f[1], 30 - f[0].length) + '/8011/' + f[2];
    }
    return null;
  }
  function linkKey(s, at) {
    var ai = s[at], v = decodeURIComponent(s[at + 1]), q = (s.length - at - 2) / 2, rest = s.length - at - 2;
    switch (ai) {
      case '01':
        if (!/^[0-9]+$/.test(v) || [8, 12, 13, 14].indexOf(v.length) < 0) throw new Error('gtin');
        var g = '0'.repeat(14 - v.length) + v, lot = null, serial = null, order = 0;
        if (!checked(g, 14)) throw new Error('gtin check digit');
        for (var i = at + 2; i < s.length; i += 2) {
          var rank = { '22': 1, '10': 2, '21': 3 }[s[i]] || 0;
          if (rank <= order) return null;
          order = rank;
          var val = segment(decodeURIComponent(s[i + 1]), 20);
          if (rank === 2) lot = val; else if (rank === 3) serial = val;
        }
        return serial != null ? '/01/' + g + '/21/' + serial : lot != null ? '/01/' + g + '/10/' + lot : '/01/' + g;
      case '00': return q === 0 && checked(v, 18) ? '/00/' + v : null;
      case '414':
        if (!checked(v, 13)) return null;
        if (rest === 0) return '/414/' + v;
        if (rest !== 2 || s[at + 2] !== '254') return null;
        var ext = decodeURIComponent(s[at + 3]);
        return ext === '0' ? '/414/' + v : '/414/' + v + '/254/' + segment(ext, 20); // "0": no extension, as in an SGLN URN
      case '8003': return q === 0 && v.length >= 14 && v[0] === '0' && checked(v.substring(0, 14), 14)
        ? '/8003/' + v.substring(0, 14) + (v.length > 14 ? segment(v.substring(14), 16) : '') : null;
      case '8004': case '401': return q === 0 ? '/' + ai + '/' + segment(v, 30) : null;
      case '8018': case '8017': return q === 0 && checked(v, 18) ? '/' + ai + '/' + v : null;
      case '253': case '255': return q === 0 && v.length >= 13 && checked(v.substring(0, 13), 13)
        ? '/' + ai + '/' + v.substring(0, 13) + (v.length > 13 ? segment(v.substring(13), ai === '253' ? 17 : 12) : '') : null;
      case '417': return q === 0 && checked(v, 13) ? '/417/' + v : null;
      case '402': return q === 0 && checked(v, 17) ? '/402/' + v : null;
      case '8010':
        var part = '/8010/' + segment(v, 30);
        if (rest === 0) return part;
        var sn = rest === 2 && s[at + 2] === '8011' ? decodeURIComponent(s[at + 3]) : '';
        return /^[0-9]{1,12}$/.test(sn) ? part + '/8011/' + sn : null;
    }
    return null;
  }
  var PRIMARY = ['01', '00', '414', '8003', '8004', '8018', '8017', '253', '255', '8010', '417', '401', '402'];
  function linkPath(uri) {
    if (/[\u0000-\u0020"<>\\^`{|}\u007f]/.test(uri)) return null; // not a URI
    var m = /^https?:\/\/[^/?#]*(\/[^?#]*)?/.exec(uri), p = m && m[1];
    if (!p) return null;
    if (p.endsWith('/')) p = p.substring(0, p.length - 1);
    var s = p.split('/');
    for (var i = 1; i < s.length; i++) {
      if (PRIMARY.indexOf(s[i]) >= 0 && (s.length - i) % 2 === 0) {
        var k = linkKey(s, i); // a malformed value throws: the identifier is then its own key, as on the server
        if (k) return k;
      }
    }
    return null;
  }
  function epcKey(id) {
    var path = null;
    try {
      if (id.startsWith('urn:epc:id:')) path = urnPath(id.substring(11));
      else if (id.startsWith('urn:epc:class:lgtin:')) {
        var f = id.substring(20).split('.');
        if (f.length === 3) path = '/01/' + gtinOf(f[0], f[1]) + '/10/' + urnValue(f[2], 20);
      } else if (id.startsWith('urn:epc:idpat:sgtin:') && id.endsWith('.*')) {
        var c = id.substring(20).split('.');
        if (c.length === 3) path = '/01/' + gtinOf(c[0], c[1]);
      } else if (id.startsWith('https://') || id.startsWith('http://')) path = linkPath(id);
    } catch (e) {
      path = null;
    }
    return path == null ? id : EPC_BASE + path;
  }

  // every identifier a record names, as its key: the server finds events by key, so the check compares keys
  function names(ev) {
    var out = [];
    ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'].forEach(function (f) { (ev[f] || []).forEach(function (x) { out.push(epcKey(x)); }); });
    if (ev.parentID) out.push(epcKey(ev.parentID));
    ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'].forEach(function (f) {
      (ev[f] || []).forEach(function (q) { if (typeof q.epcClass === 'string') out.push(epcKey(q.epcClass)); });
    });
    return out;
  }
  function listed(ev, fields, qfields) {
    var out = [];
    fields.forEach(function (f) { (ev[f] || []).forEach(function (x) { out.push(epcKey(x)); }); });
    qfields.forEach(function (f) { (ev[f] || []).forEach(function (q) { if (typeof q.epcClass === 'string') out.push(epcKey(q.epcClass)); }); });
    return out;
  }
  function any(list, set) { for (var i = 0; i < list.length; i++) if (set.has(list[i])) return true; return false; }

  // each displayed event against its signed record, and why it is on this journey
  function timeline(shown, ev, payloads) {
    var signed = [];
    shown.events.forEach(function (s) {
      var what = 'event ' + s.eventID;
      if (s.device == null) throw new Fail('timeline', what + ' has no signed record');
      var p = payloads[s.device + '/' + s.seq];
      if (!p || !p.event) throw new Fail('timeline', what + ': its signed record ' + s.device + '/' + s.seq + ' is not in the evidence');
      var e = p.event, dev = ev.devices[s.device];
      var pairs = [['type', s.type, e.type], ['action', s.action, nul(e.action)],
        ['eventTime', ms(s.time), ms(e.eventTime)], ['eventTimeZoneOffset', s.timeZoneOffset, e.eventTimeZoneOffset],
        ['bizStep', s.bizStep, nul(e.bizStep)], ['disposition', s.disposition, nul(e.disposition)],
        ['readPoint', s.readPoint, e.readPoint ? nul(e.readPoint.id) : null],
        ['bizLocation', s.bizLocation, e.bizLocation ? nul(e.bizLocation.id) : null],
        ['organisation', s.org, dev ? dev.orgName : '(unregistered device ' + s.device + ')']];
      // an event hash ID (ni:) is not shown: it would confirm guesses of the event's lists (PublicEventId);
      // nor is an SD-JWT event's eventID, even one its issuer disclosed to all
      if (e.eventID != null) pairs.unshift(['eventID', s.eventID, s.eventID == null
        && (selective[s.device + '/' + s.seq] || /^ni:/i.test(e.eventID)) ? null : e.eventID]);
      pairs.forEach(function (x) {
        if (x[1] !== x[2]) {
          var a = x[0] === 'eventTime' ? iso(x[1]) : x[1], b = x[0] === 'eventTime' ? iso(x[2]) : x[2];
          throw new Fail('timeline', what + ': the page shows ' + x[0] + ' ' + JSON.stringify(a) + ', the signed record says ' + JSON.stringify(b));
        }
      });
      signed.push({ shown: s, e: e, time: ms(e.eventTime), names: names(e),
        location: e.bizLocation && e.bizLocation.id ? e.bizLocation.id : (e.readPoint ? nul(e.readPoint.id) : null) });
    });
    reasons(signed, ev);
    return signed;
  }

  // the same rules as the server's journey (store.journey.JourneyEvents), from signed payloads only
  function reasons(signed, ev) {
    var items = new Set(ev.codes.item.map(epcKey)), lots = new Set(ev.codes.lot.map(epcKey));
    var own = new Set(ev.codes.item.concat(ev.codes.lot).map(epcKey));
    var packed = {}, frontier = own;
    for (var depth = 0; depth < 2; depth++) {
      var found = {};
      signed.forEach(function (x) {
        if (x.e.type === 'AggregationEvent' && x.e.action === 'ADD' && x.e.parentID
            && any(listed(x.e, ['childEPCs'], ['childQuantityList', 'quantityList']), frontier)) {
          var parent = epcKey(x.e.parentID);
          if (!(parent in found) || x.time < found[parent]) found[parent] = x.time;
        }
      });
      Object.keys(found).forEach(function (p) { if (!(p in packed)) packed[p] = found[p]; });
      frontier = new Set(Object.keys(found));
    }
    var held = {};
    Object.keys(packed).forEach(function (p) {
      var until = Infinity;
      signed.forEach(function (x) {
        if (x.e.type === 'AggregationEvent' && x.e.action === 'DELETE' && x.e.parentID && epcKey(x.e.parentID) === p && x.time > packed[p] && x.time < until) until = x.time;
      });
      held[p] = [packed[p], until];
    });
    var inputs = [];
    signed.forEach(function (x) {
      if (x.e.type === 'TransformationEvent' && x.shown.via !== 'input'
          && any(listed(x.e, ['outputEPCList'], ['outputQuantityList']), own)) {
        inputs.push({ time: x.time, codes: new Set(listed(x.e, ['inputEPCList'], ['inputQuantityList']).filter(function (c) { return !own.has(c); })) });
      }
    });
    signed.forEach(function (x) {
      var via = x.shown.via, ok;
      if (via === 'item') ok = any(x.names, items);
      else if (via === 'lot') ok = any(x.names, lots);
      else if (via === 'container') ok = x.names.some(function (n) { return held[n] && x.time >= held[n][0] && x.time <= held[n][1]; });
      else if (via === 'input') ok = inputs.some(function (t) { return x.time <= t.time && any(x.names, t.codes); });
      if (!ok) {
        throw new Fail('journey', 'event ' + x.shown.eventID + ' is shown as ' + via + ' but its signed record names neither '
          + 'this code, nor a container signed events show holding it then, nor an input of a signed transformation');
      }
    });
  }

  // trace-api provenance.CustodyWindows, on the signed events
  function windows(signed, end, open) {
    var out = [], at = null, since = null;
    signed.forEach(function (x) {
      if (x.shown.via === 'input' || x.location == null || !(x.time < end)) return;
      if (x.location === at) return;
      if (at !== null && x.time > since) out.push({ location: at, from: since, to: x.time, open: false });
      at = x.location; since = x.time;
    });
    if (at !== null && end > since) out.push({ location: at, from: since, to: end, open: open });
    return out;
  }

  function custody(shown, ev, signed) {
    var mine = windows(signed, ms(shown.end), shown.open);
    mine.forEach(function (w) {
      w.devices = Object.keys(ev.devices).filter(function (d) { return ev.devices[d].location === w.location; }).sort();
    });
    var n = Math.max(mine.length, shown.custody.length);
    for (var i = 0; i < n; i++) {
      var a = shown.custody[i], b = mine[i];
      if (!a || !b) throw new Fail('custody', 'the page shows ' + shown.custody.length + ' custody windows, the signed events make ' + mine.length);
      if (a.location !== b.location || ms(a.from) !== b.from || ms(a.to) !== b.to || a.open !== b.open) {
        throw new Fail('custody', 'window ' + (i + 1) + ': the page shows ' + a.location + ' ' + a.from + ' to ' + a.to
          + ', the signed events say ' + b.location + ' ' + iso(b.from) + ' to ' + iso(b.to));
      }
      if (a.devices.slice().sort().join(' ') !== b.devices.join(' ')) {
        throw new Fail('custody', 'window ' + (i + 1) + ': the page counts the devices ' + a.devices.join(', ')
          + ', the registry places ' + b.devices.join(', ') + ' there');
      }
    }
    return mine;
  }

  function bySample(a, b) { return a[0] - b[0] || a[2] - b[2] || a[1] - b[1]; }

  // every chart series and point from the signed readings of each window's devices
  function readings(shown, ev, payloads, mine) {
    var byDevice = {};
    ev.envelopes.forEach(function (e) {
      var p = payloads[e.device + '/' + e.seq];
      if (!p || !p.readings) return;
      (byDevice[e.device] = byDevice[e.device] || []).push(p);
    });
    var series = [];
    mine.forEach(function (w, wi) {
      shown.custody[wi].devices.forEach(function (d) {
        var pts = [];
        (byDevice[d] || []).forEach(function (p) {
          p.readings.forEach(function (r) {
            if (typeof r.temp !== 'number') return;
            var t = ms(r.t);
            if (t >= w.from && t < w.to) pts.push([t, r.temp, p.seq]);
          });
        });
        series.push({ device: d, location: w.location, from: w.from, to: w.to, points: pts.sort(bySample) });
      });
    });
    if (series.length !== shown.series.length) {
      throw new Fail('readings', 'the page charts ' + shown.series.length + ' series, the signed records make ' + series.length);
    }
    series.forEach(function (b, i) {
      var a = shown.series[i], what = 'readings of ' + b.device + ' at ' + b.location;
      if (a.device !== b.device || a.location !== b.location || ms(a.from) !== b.from || ms(a.to) !== b.to) {
        throw new Fail('readings', 'series ' + (i + 1) + ': the page charts ' + a.device + ' at ' + a.location + ', the signed records ' + what);
      }
      var pa = a.points.slice().sort(bySample);
      for (var j = 0; j < Math.max(pa.length, b.points.length); j++) {
        var x = pa[j], y = b.points[j];
        if (!x || !y) {
          var extra = x || y;
          throw new Fail('readings', what + ': the page shows ' + pa.length + ' readings, the signed records hold ' + b.points.length
            + ' (first difference at ' + iso(extra[0]) + ')');
        }
        if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) {
          throw new Fail('readings', what + ': the page shows ' + x[1] + ' °C at ' + iso(x[0]) + ' (seq ' + x[2] + '), the signed reading is '
            + y[1] + ' °C at ' + iso(y[0]) + ' (seq ' + y[2] + ')');
        }
      }
    });
    return series;
  }

  // ---------------------------------------------------------------- the verdict (core.coldchain)
  function inBand(rule, c) { return (rule.minC == null || c >= rule.minC) && (rule.maxC == null || c <= rule.maxC); }
  function excursions(rule, s) {
    var found = [], first = null, last = null, peak = 0, above = false;
    s.points.forEach(function (x) {
      var out = !inBand(rule, x[1]);
      if (out && first === null) { first = x; above = rule.maxC != null && x[1] > rule.maxC; peak = x[1]; }
      else if (out) { peak = above ? Math.max(peak, x[1]) : Math.min(peak, x[1]); }
      else if (first !== null) { found.push({ device: s.device, location: s.location, start: first[0], end: x[0], peakC: peak, above: above, ongoing: false }); first = null; }
      last = x;
    });
    if (first !== null) found.push({ device: s.device, location: s.location, start: first[0], end: last[0], peakC: peak, above: above, ongoing: true });
    return found;
  }
  function median(v) { v = v.slice().sort(function (a, b) { return a - b; }); var n = v.length;
    return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2; }

  // the coverage rule (issue 13's contract): uncovered spans and seq gaps per custody window
  function coverage(rule, windowsList, series) {
    var uncovered = [], gaps = [], maxGap = rule.maxGapSeconds == null ? null : rule.maxGapSeconds * 1000;
    windowsList.forEach(function (w) {
      if (!(w.to > w.from)) return;
      var covered = [];
      series.filter(function (s) { return s.location === w.location && s.from === w.from; }).forEach(function (s) {
        var times = s.points.map(function (x) { return x[0]; });
        var distinct = times.filter(function (t, i) { return i === 0 || t !== times[i - 1]; });
        var diffs = [];
        for (var i = 1; i < distinct.length; i++) if (distinct[i] > distinct[i - 1]) diffs.push(distinct[i] - distinct[i - 1]);
        var t = maxGap != null ? maxGap : distinct.length < 2 ? 15 * MIN : Math.max(15 * MIN, 3 * median(diffs));
        var pts = [w.from].concat(times, [w.to]);
        for (var j = 0; j + 1 < pts.length; j++) if (pts[j + 1] - pts[j] <= t) covered.push([pts[j], pts[j + 1]]);
        var seqs = [], firstAt = {}, lastAt = {};
        s.points.forEach(function (x) {
          if (x[2] === -1) return;
          if (!(x[2] in firstAt)) { firstAt[x[2]] = x[0]; seqs.push(x[2]); }
          lastAt[x[2]] = x[0];
        });
        seqs.sort(function (a, b) { return a - b; });
        for (var k = 1; k < seqs.length; k++) {
          if (seqs[k] - seqs[k - 1] > 1) gaps.push({ device: s.device, location: s.location, fromSeq: seqs[k - 1] + 1,
            toSeq: seqs[k] - 1, after: lastAt[seqs[k - 1]], before: firstAt[seqs[k]] });
        }
      });
      covered.sort(function (a, b) { return a[0] - b[0]; });
      var at = w.from;
      covered.forEach(function (c) {
        if (c[0] > at) uncovered.push({ location: w.location, from: at, to: Math.min(c[0], w.to) });
        at = Math.max(at, c[1]);
      });
      if (at < w.to) uncovered.push({ location: w.location, from: at, to: w.to });
    });
    return { uncovered: uncovered.filter(function (u) { return u.to > u.from; }), seqGaps: gaps };
  }

  function minutes(msec) { return Math.round(Math.floor(msec / 1000) / 6) / 10; }

  function judge(rule, windowsList, series) {
    var samples = 0;
    series.forEach(function (s) { samples += s.points.length; });
    var none = { excursionCount: 0, longestMinutes: 0, totalMinutes: 0, worst: [], limitMinutes: null };
    if (rule.minC == null && rule.maxC == null) return Object.assign({ verdict: 'no-data', basis: 'no-rule', samples: samples }, none);
    if (samples === 0) return Object.assign({ verdict: 'no-data', basis: 'no-readings', samples: 0 }, none);
    var all = [];
    series.forEach(function (s) { all = all.concat(excursions(rule, s)); });
    var total = 0, longest = 0;
    all.forEach(function (x) { total += x.end - x.start; longest = Math.max(longest, x.end - x.start); });
    var worst = all.slice().sort(function (a, b) { return (b.end - b.start) - (a.end - a.start) || a.start - b.start; }).slice(0, 5);
    var single = rule.maxSingleSeconds == null ? 0 : rule.maxSingleSeconds * 1000;
    var sum = rule.maxTotalSeconds == null ? 0 : rule.maxTotalSeconds * 1000;
    var v = { samples: samples, excursionCount: all.length, longestMinutes: minutes(longest), totalMinutes: minutes(total), worst: worst };
    if (!all.length) { v.verdict = 'pass'; v.basis = 'all-in-band'; v.limitMinutes = null; }
    else if (longest > single || rule.maxSingleSeconds == null) { v.verdict = 'fail'; v.basis = 'single-too-long'; v.limitMinutes = minutes(single); }
    else if (total > sum || rule.maxTotalSeconds == null) { v.verdict = 'fail'; v.basis = 'total-too-long'; v.limitMinutes = minutes(sum); }
    else { v.verdict = 'pass'; v.basis = 'within-limits'; v.limitMinutes = minutes(sum); }
    var cov = coverage(rule, windowsList, series);
    v.uncovered = cov.uncovered; v.seqGaps = cov.seqGaps;
    if (v.verdict === 'pass' && (cov.uncovered.length || cov.seqGaps.length)) {
      v.verdict = 'incomplete-data'; v.basis = cov.uncovered.length ? 'uncovered' : 'seq-gaps';
    }
    return v;
  }

  function verdict(shown, ev, mine, series) {
    var a = shown.verdict, b = judge(ev.rule, mine, series);
    function differ(what, x, y) {
      throw new Fail('verdict', 'the page says ' + what + ' ' + JSON.stringify(x) + ', the signed readings give ' + JSON.stringify(y));
    }
    ['verdict', 'basis', 'samples', 'excursionCount', 'longestMinutes', 'totalMinutes', 'limitMinutes'].forEach(function (f) {
      if (nul(a[f]) !== nul(b[f])) differ(f, a[f], b[f]);
    });
    if (a.worst.length !== b.worst.length) differ('worst excursions', a.worst.length, b.worst.length);
    a.worst.forEach(function (x, i) {
      var y = b.worst[i];
      if (ms(x.start) !== y.start || ms(x.end) !== y.end || x.peakC !== y.peakC || x.device !== y.device
          || x.location !== y.location || x.ongoing !== y.ongoing || (x.direction === 'above') !== y.above) {
        differ('excursion', x.device + ' ' + x.start + ' peak ' + x.peakC, y.device + ' ' + iso(y.start) + ' peak ' + y.peakC);
      }
    });
    if (a.uncovered) {
      // the server lists at most 100 and counts them all
      var spans = a.uncoveredCount == null ? a.uncovered.length : a.uncoveredCount;
      if (spans !== b.uncovered.length) differ('uncovered spans', spans, b.uncovered.length);
      a.uncovered.forEach(function (x, i) {
        var y = b.uncovered[i];
        if (x.location !== y.location || ms(x.from) !== y.from || ms(x.to) !== y.to) {
          differ('uncovered span', x.location + ' ' + x.from + ' to ' + x.to, y.location + ' ' + iso(y.from) + ' to ' + iso(y.to));
        }
      });
    }
    if (a.seqGaps) {
      var gaps = a.seqGapCount == null ? a.seqGaps.length : a.seqGapCount;
      if (gaps !== b.seqGaps.length) differ('seq gaps', gaps, b.seqGaps.length);
      a.seqGaps.forEach(function (x, i) {
        var y = b.seqGaps[i];
        if (x.device !== y.device || x.fromSeq !== y.fromSeq || x.toSeq !== y.toSeq) {
          differ('seq gap', x.device + ' ' + x.fromSeq + '-' + x.toSeq, y.device + ' ' + y.fromSeq + '-' + y.toSeq);
        }
      });
    }
  }

  // the server's check of the key events' proof bundles: for a checkpoint the browser cannot check.
  // It comes with the evidence (?verify=server, proofChecks): the bundles of events are not public.
  async function onServer(state) {
    document.getElementById('pt-fallback').hidden = false;
    var checked = await serverCopy(state), byKey = {};
    (checked.proofChecks || []).forEach(function (c) { byKey[c.device + '/' + c.seq] = c; });
    for (var i = 0; i < data.bundles.length; i++) {
      var res = byKey[data.bundles[i].replace(/^\/v1\/proofs\//, '')];
      if (!res) throw new Fail('server check', 'the server did not check ' + data.bundles[i]);
      if (!res.verified) {
        var bad = (res.steps || []).filter(function (s) { return !s.passed; })[0];
        throw new Fail(bad ? bad.name : 'server check', bad ? bad.detail : (res.detail || 'not verified'));
      }
    }
  }

  async function check() {
    var state = { pending: 0, withheld: 0, serverChecked: 0, checkpointOnServer: null, noWebCrypto: false, cosigners: [], cosignedOnServer: [] };
    var ev;
    try { ev = await (await fetchOk(data.evidence, 'evidence')).json(); }
    catch (e) { throw e instanceof Fail ? e : new Fail('evidence', 'the evidence is not JSON'); }
    var payloads = await verifyEvidence(ev, state);
    var shown = data.shown;
    var signed = timeline(shown, ev, payloads);
    var mine = custody(shown, ev, signed);
    var series = readings(shown, ev, payloads, mine);
    verdict(shown, ev, mine, series);
    if (state.checkpointOnServer) await onServer(state);
    return state;
  }

  async function run() {
    var started = performance.now();
    if (!subtle) {
      try { await onServer({}); show('verified', L.verifiedServer, null, 'server'); stepLine.title = 'no WebCrypto'; }
      catch (e2) { show('failed', L.failed, e2, 'server'); }
      return;
    }
    if (!data.bundles.length && !data.shown.events.length) { show('none', L.noProof); return; }
    try {
      var state = await check();
      var server = state.noWebCrypto || state.checkpointOnServer;
      if (state.serverChecked) {
        var note = document.getElementById('pt-server-checked');
        note.textContent = L.serverChecked.replace('%d', state.serverChecked);
        note.hidden = false;
      }
      if (state.cosigners.length) {
        var who = document.getElementById('pt-cosigners');
        who.textContent = L.cosignedBy.replace('%s', state.cosigners.join(', '))
          + (state.cosignedOnServer.length ? ' ' + L.cosignedServer.replace('%s', state.cosignedOnServer.join(', ')) : '');
        who.hidden = false;
      }
      if (server) document.getElementById('pt-fallback').hidden = false;
      badge.setAttribute('data-withheld', String(state.withheld));
      if (state.pending) {
        show('pending', L.pending, null, server ? 'server' : 'browser');
        stepLine.title = state.pending + ' records not yet in a signed checkpoint';
      } else {
        show('verified', server ? L.verifiedServer : L.verified, null, server ? 'server' : 'browser');
      }
    } catch (e) {
      show('failed', L.failed, e instanceof Fallback ? new Fail('evidence', e.why) : e, 'browser');
    }
    badge.setAttribute('data-ms', String(Math.round(performance.now() - started)));
  }
  run();
})();
