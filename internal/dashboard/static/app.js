// WarRoom dashboard: live updates over Server-Sent Events. The server renders
// every item; this script only places what it receives. It is a file, not an
// inline script, because the Content-Security-Policy allows no inline code.
(function () {
  'use strict';

  function setStatus(text, on) {
    var s = document.getElementById('live-status');
    if (!s) return;
    s.textContent = text;
    s.className = 'live ' + (on ? 'on' : 'off');
  }

  // Incident detail: append timeline events, refresh the panel (approval
  // cards, actions, status) when an event changes it.
  var timeline = document.getElementById('timeline');
  if (timeline) {
    var panel = document.getElementById('panel');
    var pending = null;
    var refreshPanel = function () {
      if (pending) return;
      pending = setTimeout(function () {
        pending = null;
        fetch(panel.dataset.src, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
          .then(function (r) { if (!r.ok) throw new Error('panel ' + r.status); return r.text(); })
          .then(function (html) { panel.innerHTML = html; })
          .catch(function () { /* the next event tries again */ });
      }, 100);
    };
    // The page holds events up to data-last-seq; the browser itself sends
    // Last-Event-ID when it reconnects, so nothing is missed or repeated.
    var es = new EventSource(timeline.dataset.stream + '?after=' + encodeURIComponent(timeline.dataset.lastSeq || '0'));
    var onEvent = function (e) {
      var ev;
      try { ev = JSON.parse(e.data); } catch (err) { return; }
      if (!document.getElementById('ev-' + ev.seq)) {
        timeline.insertAdjacentHTML('beforeend', ev.html);
        timeline.dataset.lastSeq = String(ev.seq);
      }
      if (ev.refresh) refreshPanel();
    };
    (timeline.dataset.types || '').split(' ').forEach(function (t) {
      if (t) es.addEventListener(t, onEvent);
    });
    es.addEventListener('message', onEvent);
    es.onopen = function () { setStatus('live', true); refreshPanel(); };
    es.onerror = function () { setStatus('reconnecting…', false); };
  }

  // Timeline filters: each checkbox shows or hides one kind of event.
  var filters = document.getElementById('filters');
  if (filters && timeline) {
    filters.addEventListener('change', function (e) {
      var box = e.target;
      if (box && box.value) timeline.classList.toggle('hide-' + box.value, !box.checked);
    });
  }

  // Keyboard shortcuts on the incident page (not while typing): s summary,
  // t timeline, a the first approve button.
  if (timeline) {
    document.addEventListener('keydown', function (e) {
      var tag = (e.target && e.target.tagName) || '';
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
      var target = null;
      if (e.key === 's') target = document.getElementById('summary');
      if (e.key === 't') target = document.getElementById('activity');
      if (e.key === 'a') target = document.querySelector('#panel button.approve');
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView({ block: 'start' });
      if (target.tagName === 'BUTTON') target.focus();
    });
  }

  // Incident list: replace, add or remove rows as incidents change.
  var rows = document.getElementById('incident-rows');
  if (rows && rows.dataset.stream) {
    var ls = new EventSource(rows.dataset.stream);
    ls.addEventListener('incident', function (e) {
      var d;
      try { d = JSON.parse(e.data); } catch (err) { return; }
      var row = document.getElementById('inc-' + d.id);
      if (!d.html) { if (row) row.remove(); return; }
      if (row) { row.outerHTML = d.html; } else { rows.insertAdjacentHTML('afterbegin', d.html); }
      var none = document.getElementById('no-incidents');
      if (none) none.remove();
    });
    ls.onopen = function () { setStatus('live', true); };
    ls.onerror = function () { setStatus('reconnecting…', false); };
  }
})();
