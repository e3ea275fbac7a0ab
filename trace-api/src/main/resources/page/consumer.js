// Checks the page's proof bundles in the browser (docs/proofs.md): device signature, the envelope's
// path to its chunk root, the chunk root's path to the checkpoint, the checkpoint's signature by the
// log key and the local ledger receipt. RFC 9162 hashing: leaf = SHA-256(0x00||data), node =
// SHA-256(0x01||left||right). Without WebCrypto Ed25519 (or with an SM2/SM3 log) it shows the
// server's own check instead, and says so.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('pt-data').textContent);
  var badge = document.getElementById('pt-badge');
  var stepLine = document.getElementById('pt-step');
  var L = data.labels;
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();

  // the page's words only: a failed step by its name in the page's language, the technical detail
  // (English, from the check) in data-step and on hover
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
  function Pending(why) { this.why = why; }
  function hex(b) { return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join(''); }
  function unhex(s) { var a = new Uint8Array(s.length / 2); for (var i = 0; i < a.length; i++) a[i] = parseInt(s.substr(2 * i, 2), 16); return a; }
  function b64(s) { var t = atob(s), a = new Uint8Array(t.length); for (var i = 0; i < t.length; i++) a[i] = t.charCodeAt(i); return a; }
  function b64url(s) { s = s.replace(/-/g, '+').replace(/_/g, '/'); while (s.length % 4) s += '='; return b64(s); }
  function cat() { var n = 0, i, o = 0; for (i = 0; i < arguments.length; i++) n += arguments[i].length;
    var r = new Uint8Array(n); for (i = 0; i < arguments.length; i++) { r.set(arguments[i], o); o += arguments[i].length; } return r; }
  function eq(a, b) { if (a.length !== b.length) return false; for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }
  async function sha(b) { return new Uint8Array(await subtle.digest('SHA-256', b)); }
  async function leaf(b) { return sha(cat(new Uint8Array([0]), b)); }
  async function node(l, r) { return sha(cat(new Uint8Array([1]), l, r)); }
  function der(pem) { return b64(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')); }

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

  async function deviceSignature(env) {
    var parts = env.jws.split('.');
    if (parts.length !== 3) throw new Fail('device signature', 'not a compact JWS');
    var algo, sig = b64url(parts[2]);
    if (env.alg === 'EdDSA') algo = { name: 'Ed25519' };
    else if (env.alg === 'ES256') algo = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    else throw new Fallback('device key ' + env.alg);
    var key;
    try { key = await subtle.importKey('spki', der(env.publicKeyPem), algo, false, ['verify']); }
    catch (e) { throw new Fallback('WebCrypto lacks ' + algo.name); }
    var ok = await subtle.verify(algo, key, sig, enc.encode(parts[0] + '.' + parts[1]));
    if (!ok) throw new Fail('device signature', 'the JWS does not verify with the device key');
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

  async function verifyBundle(b, pem) {
    if (b.hashAlg !== 'sha256') throw new Fallback('hash ' + b.hashAlg);
    var logKey = await logKeyFor(b.checkpoint.note, pem);
    await deviceSignature(b.envelope);
    var chunkRoot = unhex(b.chunk.root);
    var r = await rootFromPath(b.chunk.leafIndex, b.chunk.size, await leaf(enc.encode(b.envelope.jws)), b.chunk.auditPath.map(unhex));
    if (!r || !eq(r, chunkRoot)) throw new Fail('envelope in chunk', 'the envelope does not hash to its chunk root');
    var text = await checkpointSignature(b.checkpoint.note, logKey);
    var lines = text.split('\n');
    if (String(b.log.treeSize) !== lines[1]) throw new Fail('chunk in log', 'the bundle and the checkpoint disagree on the tree size');
    r = await rootFromPath(b.log.index, b.log.treeSize, await leaf(chunkRoot), b.log.inclusionPath.map(unhex));
    if (!r || !eq(r, b64(lines[2]))) throw new Fail('chunk in log', 'the chunk root is not in the signed log');
    var receipt = b.checkpoint.receipt;
    if (receipt && receipt.ledger === 'local' &&
        hex(await sha(enc.encode(b.checkpoint.note))) !== receipt.evidence.noteSha256) {
      throw new Fail('ledger receipt', 'the local receipt names another note');
    }
  }

  async function fetchOk(url, what) {
    var r = await fetch(url, { credentials: 'omit' });
    if (!r.ok) throw new Fail(what, url + ' answered ' + r.status);
    return r;
  }

  async function inBrowser() {
    if (!subtle) throw new Fallback('no WebCrypto');
    var pem = await (await fetchOk(data.key, 'log key')).text();
    for (var i = 0; i < data.bundles.length; i++) {
      var bundle, res = await fetch(data.bundles[i], { credentials: 'omit' });
      // a record from the last second or so is stored but not yet in a signed checkpoint
      if (res.status === 404) throw new Pending(data.bundles[i]);
      try { bundle = await res.json(); }
      catch (e) { throw new Fail('proof bundle', data.bundles[i] + ' is not a bundle'); }
      if (!bundle.envelope) throw new Fail('proof bundle', bundle.detail || data.bundles[i] + ' is not available');
      await verifyBundle(bundle, pem);
    }
  }

  async function onServer() {
    document.getElementById('pt-fallback').hidden = false;
    for (var i = 0; i < data.checks.length; i++) {
      var res = await (await fetch(data.checks[i], { credentials: 'omit' })).json();
      if (!res.verified) {
        var bad = (res.steps || []).filter(function (s) { return !s.passed; })[0];
        throw new Fail(bad ? bad.name : 'server check', bad ? bad.detail : (res.detail || 'not verified'));
      }
    }
  }

  async function run() {
    if (!data.bundles.length) { show('none', L.noProof); return; }
    try {
      await inBrowser();
      show('verified', L.verified, null, 'browser');
    } catch (e) {
      if (e instanceof Pending) {
        show('pending', L.pending, null, 'browser');
        stepLine.title = e.why;
      } else if (e instanceof Fallback) {
        try {
          await onServer();
          show('verified', L.verifiedServer, null, 'server');
          stepLine.title = e.why;
        } catch (e2) {
          show('failed', L.failed, e2, 'server');
        }
      } else {
        show('failed', L.failed, e, 'browser');
      }
    }
  }
  run();
})();
