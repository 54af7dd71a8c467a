// Parley's newsroom page. Feed text is data: every value from the API goes into the document with
// textContent (never innerHTML), and a link only when it is http(s).
"use strict";

const state = { alerts: new Map(), source: null };
const FILTERS = ["track", "type", "severity", "confirmed"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function safeHref(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function link(text, url) {
  const href = safeHref(url);
  return href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, text) : el("span", {}, text);
}

function when(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$|:\d\dZ$/, " UTC");
}

function lower(s) {
  return (s || "").toLowerCase().replace(/_/g, " ");
}

function filters() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const name of FILTERS) if (q.get(name)) f[name] = q.get(name);
  return f;
}

function matches(a, f) {
  return (!f.track || a.track.toUpperCase() === f.track.toUpperCase())
    && (!f.type || a.type === f.type)
    && (!f.severity || a.severity === f.severity)
    && (!f.confirmed || String(a.confirmed) === f.confirmed);
}

function card(a) {
  const node = el("article", { class: "card sev-" + a.severity, "data-alert-id": a.alertId, "data-revision": a.revision });
  node.append(
    el("div", { class: "badges" },
      el("span", { class: "badge sev sev-" + a.severity }, a.severity),
      el("span", { class: "badge kind" }, lower(a.type) + " · " + lower(a.mode)),
      a.transitionFrom ? el("span", { class: "badge transition" }, "was " + lower(a.transitionFrom)) : null,
      a.overdue ? el("span", { class: "badge overdue" }, "overdue") : null,
      a.confirmed ? el("span", { class: "badge confirmed" }, "confirmed") : el("span", { class: "badge" }, "single source"),
      el("span", { class: "badge revision" }, "revision " + a.revision)),
    el("h2", { class: "title" }, a.title),
    el("div", { class: "meta" },
      el("span", {}, "track ", el("a", { href: "?track=" + encodeURIComponent(a.track) }, a.track)),
      el("span", {}, "round ", el("a", { href: "#round/" + encodeURIComponent(a.roundId), class: "round-link" }, a.roundId)),
      el("span", { title: "when the first report was published" }, "development " + when(a.eventTime)),
      el("span", { title: "when Parley first saw a report of it" }, "seen " + when(a.firstSeen)),
      el("span", { title: "when this revision was made" }, "updated " + when(a.updated))),
    el("blockquote", { class: "evidence" }, a.evidence),
    el("ul", { class: "sources" }, ...a.sources.map((s, i) => el("li", {}, link(s, a.links[i])))));
  return node;
}

function renderCount() {
  const f = filters();
  let n = 0;
  for (const a of state.alerts.values()) if (matches(a, f)) n++;
  document.getElementById("count").textContent = n + (n === 1 ? " alert" : " alerts");
  document.getElementById("empty").hidden = n > 0;
}

function upsert(a, fresh) {
  const known = state.alerts.get(a.alertId);
  if (known && known.revision > a.revision) return; // an older revision, replayed on resume
  state.alerts.set(a.alertId, a);
  const cards = document.getElementById("cards");
  const old = cards.querySelector('[data-alert-id="' + CSS.escape(a.alertId) + '"]');
  if (!matches(a, filters())) {
    if (old) old.remove();
  } else if (old) {
    const next = card(a);
    if (fresh) next.classList.add("updated");
    old.replaceWith(next); // in place: the card keeps its position
    if (fresh) setTimeout(() => next.classList.remove("updated"), 2500);
  } else {
    const next = card(a);
    if (fresh) {
      next.classList.add("updated");
      setTimeout(() => next.classList.remove("updated"), 2500);
      cards.prepend(next);
    } else {
      cards.append(next);
    }
  }
  renderCount();
}

async function loadAlerts() {
  const f = filters();
  for (const [k, v] of Object.entries(f)) {
    const input = document.getElementById("f-" + k);
    if (input) input.value = v;
  }
  const q = new URLSearchParams(f);
  q.set("limit", "500");
  const res = await fetch("api/alerts?" + q.toString());
  const body = await res.json();
  document.getElementById("cards").replaceChildren();
  for (const a of body.alerts || []) upsert(a, false);
  renderCount();
}

function connect() {
  if (state.source) return;
  const live = document.getElementById("live");
  const source = new EventSource("api/alerts/stream");
  state.source = source;
  source.addEventListener("open", () => { live.textContent = "live"; live.classList.remove("off"); });
  source.addEventListener("error", () => { live.textContent = "reconnecting…"; live.classList.add("off"); });
  source.addEventListener("alert", (e) => {
    try { upsert(JSON.parse(e.data), true); } catch (err) { console.warn("bad alert event", err); }
  });
}

function applyFilters() {
  const q = new URLSearchParams();
  for (const name of FILTERS) {
    const v = document.getElementById("f-" + name).value.trim();
    if (v) q.set(name, name === "track" ? v.toUpperCase() : v);
  }
  const search = q.toString();
  history.replaceState(null, "", (search ? "?" + search : location.pathname) + location.hash);
  loadAlerts();
}

async function showRound(id) {
  const view = document.getElementById("round-view");
  view.replaceChildren(el("p", {}, "Loading round " + id + "…"));
  const res = await fetch("api/rounds/" + id.split("/").map(encodeURIComponent).join("/"));
  if (!res.ok) {
    view.replaceChildren(el("p", {}, "No round " + id + " on this server."), el("a", { href: "#" }, "Back to alerts"));
    return;
  }
  const body = await res.json();
  const r = body.round;
  const parts = [el("p", {}, el("a", { href: "#" }, "← alerts"))];
  if (r) {
    parts.push(el("h2", {}, r.title),
      el("div", { class: "meta" },
        el("span", {}, "track " + r.track), el("span", {}, "status " + lower(r.status) + (r.closed ? " (closed)" : "")),
        el("span", {}, "from " + when(r.start)), el("span", {}, "to " + when(r.end)),
        r.places.length ? el("span", {}, "places " + r.places.join(", ")) : null,
        r.participants.length ? el("span", {}, "parties " + r.participants.join(", ")) : null),
      el("h3", {}, "Status changes"),
      el("ul", { class: "timeline" }, ...(body.statusChanges || []).map(c =>
        el("li", {}, el("time", {}, when(c.at)), lower(c.status) + (c.closed ? ", closed" : "")))),
      el("h3", {}, "Coverage"),
      el("ul", { class: "timeline coverage" }, ...(body.articles || []).map(a =>
        el("li", {}, el("time", {}, when(a.published) + " · " + (a.source || "")), link(a.title, a.url),
          el("div", { class: "meta" }, a.signals.map(s => lower(s.type) + " " + lower(s.mode) + " (" + lower(s.salience) + ")").join("; "))))));
  }
  parts.push(el("h3", {}, "Alerts"));
  const cards = el("div", {});
  for (const a of body.alerts || []) {
    cards.append(card(a));
    if (a.revisions && a.revisions.length > 1) {
      cards.append(el("ul", { class: "timeline" }, ...a.revisions.map(v =>
        el("li", {}, el("time", {}, when(v.updated)), "revision " + v.revision + ": " + v.sources.join(", ")))));
    }
  }
  parts.push(cards);
  view.replaceChildren(...parts);
}

async function showFeeds() {
  const view = document.getElementById("feeds-view");
  const res = await fetch("api/feeds");
  const body = await res.json();
  const rows = (body.feeds || []).map(f => el("tr", {},
    el("td", {}, f.feedId, el("div", { class: "url" }, link(f.url, f.url))),
    el("td", {}, when(f.polledAt)),
    el("td", {}, when(f.lastSuccess)),
    el("td", { class: "outcome-" + f.outcome }, lower(f.outcome) + (f.httpStatus ? " (" + f.httpStatus + ")" : "")),
    el("td", {}, f.error || ""),
    el("td", {}, f.newItems + " new of " + f.itemsSeen),
    el("td", {}, when(f.nextPollAt) + (f.intervalSeconds !== null ? " (every " + f.intervalSeconds + " s)" : ""))));
  view.replaceChildren(el("h2", {}, "Feeds"),
    el("table", {}, el("thead", {}, el("tr", {}, ...["feed", "last poll", "last success", "outcome", "reason", "items", "next poll"].map(h => el("th", {}, h)))),
      el("tbody", {}, ...rows)),
    rows.length ? null : el("p", { class: "empty" }, "No poll reported yet."));
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const show = (id) => {
    for (const v of ["alerts-view", "round-view", "feeds-view"]) document.getElementById(v).hidden = v !== id;
  };
  if (hash.startsWith("round/")) {
    show("round-view");
    showRound(hash.slice("round/".length));
  } else if (hash === "feeds") {
    show("feeds-view");
    showFeeds();
  } else {
    show("alerts-view");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const name of FILTERS) document.getElementById("f-" + name).addEventListener("change", applyFilters);
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
  document.getElementById("f-clear").addEventListener("click", () => {
    for (const name of FILTERS) document.getElementById("f-" + name).value = "";
    applyFilters();
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", loadAlerts);
  route();
  loadAlerts().then(connect, connect);
});
