/* Waypost progress, kept in this browser only. All of it lives in `state`;
   every change goes through change(), which saves and then renders the page
   from state. The page is written to, never read back as state. */
(() => {
  "use strict";

  const KEY = "waypost.progress";
  const VERSION = 1;
  const UPGRADES = []; // UPGRADES[n](data) turns stored data of version n into n + 1
  const NAME = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
  const ID = RegExp(`^${NAME}$`);
  const ITEM = RegExp(`^(concept|exercise):${NAME}$`);
  const NO_SAVE = "Progress cannot be saved in this browser: it lasts only while this tab is open.";

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const words = (s) => (s || "").split(" ").filter(Boolean);
  const dict = () => Object.create(null); // no prototype: an id like "constructor" is just a key
  const empty = () => ({ version: VERSION, done: dict(), tasks: dict(), choices: dict(), updated: null });
  const isObj = (x) => !!x && typeof x == "object" && !Array.isArray(x);
  const fail = (why = "it is not a Waypost progress file") => {
    throw Error(why);
  };

  let state = empty();
  let notes = [];
  let dismissed = false;
  let store = openStore();

  // localStorage; else sessionStorage, which lasts as long as the tab; else null: memory only.
  function openStore() {
    for (const name of ["localStorage", "sessionStorage"]) {
      try {
        const s = window[name];
        s.setItem(KEY + ".test", 1);
        s.removeItem(KEY + ".test");
        return s;
      } catch (e) {
        note(NO_SAVE); // disabled, private mode or full
      }
    }
    return null;
  }

  function note(text) {
    if (!notes.includes(text)) notes.push(text), (dismissed = false);
  }

  // ---- Checks shared by stored data and imported files ----

  const isId = (x) => typeof x == "string" && ID.test(x);
  const id = (x) => (isId(x) ? x : fail());

  // A copy of obj as a dict, with every key matching re and every value passed through value().
  function dictOf(obj = {}, re, value) {
    if (!isObj(obj)) fail();
    const out = dict();
    for (const [k, v] of Object.entries(obj)) out[re.test(k) ? k : fail()] = value(v);
    return out;
  }

  function check(data) {
    while (isObj(data) && Number.isInteger(data.version) && UPGRADES[data.version]) data = UPGRADES[data.version](data);
    if (!isObj(data)) fail();
    if (data.version !== VERSION) fail(typeof data.version == "number" ? "it comes from an unknown version of this site" : undefined);
    const { version, done, tasks, choices, updated = null, ...rest } = data;
    if (Object.keys(rest).length || (updated !== null && !/^[\d-]+T[\d:.]+Z$/.test(updated))) fail();
    return {
      version,
      done: dictOf(done, ITEM, (x) => x === true || fail()),
      tasks: dictOf(tasks, ID, (x) => (Array.isArray(x) ? [...new Set(x.map(id))] : fail())),
      choices: dictOf(choices, ID, (c) => dictOf(c, ID, id)),
      updated,
    };
  }

  // ---- Storage ----

  function load() {
    if (!store) return; // memory only: `state` is all there is
    let raw;
    try {
      raw = store.getItem(KEY);
      state = raw === null ? empty() : check(JSON.parse(raw));
    } catch (e) {
      if (raw === undefined) return lose();
      // Unreadable: set it aside under another key rather than wipe it.
      state = empty();
      try {
        store.setItem(`${KEY}.corrupt-${Date.now()}`, raw);
        store.removeItem(KEY);
        note("Saved progress could not be read, so it was set aside and you start afresh.");
      } catch (e2) {
        lose(); // could not set it aside: leave it where it is and stop writing
      }
    }
  }

  function save() {
    state.updated = new Date().toISOString();
    try {
      store?.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      lose();
    }
  }

  function lose() {
    store = null;
    note(NO_SAVE);
  }

  // Re-read first, since another tab may have saved since.
  function change(fn) {
    load();
    fn(state);
    save();
    render();
  }

  // ---- Renamed ids: progress moves from the old id to the new one, if the new has none ----

  function migrate() {
    let moved = false;
    const move = (obj, from, to, re = ID) => {
      if (obj && from in obj && !(to in obj) && re.test(to)) {
        obj[to] = obj[from];
        delete obj[from];
        moved = true;
      }
    };
    for (const el of $$("[data-wp-item][data-wp-aliases]")) {
      const to = el.dataset.wpItem;
      for (const from of words(el.dataset.wpAliases)) {
        move(state.done, from, to, ITEM);
        if (to.startsWith("exercise:")) move(state.tasks, from.split(":")[1], to.split(":")[1]);
      }
    }
    for (const li of $$("[data-wp-exercise] [data-wp-task-aliases]")) {
      const list = state.tasks[li.closest("[data-wp-exercise]").dataset.wpExercise] || [];
      const to = li.dataset.wpTask;
      for (const from of words(li.dataset.wpTaskAliases)) {
        if (list.includes(from) && !list.includes(to) && isId(to)) list[list.indexOf(from)] = to, (moved = true);
      }
    }
    for (const { g } of graphs()) {
      const c = state.choices[g.id];
      for (const step of c ? g.steps : []) {
        for (const old of step.aliases || []) {
          move(c, old, step.id); // a renamed decision
          for (const d in c) if (c[d] === old) (c[d] = step.id), (moved = true); // a renamed target
        }
      }
    }
    if (moved) save();
  }

  // ---- The learner's path through a journey graph ----

  function walk(g) {
    const steps = new Map(g.steps.map((s) => [s.id, s]));
    const made = state.choices[g.id] || {};
    const chosen = (s) => (s.decide && s.next.includes(made[s.id]) ? made[s.id] : null);
    // Fewest content steps from a step to the end, following the choices made.
    const memo = new Map();
    const cost = (sid) => {
      const s = steps.get(sid);
      if (!s) return 0; // "end"
      if (!memo.has(sid)) {
        memo.set(sid, Infinity); // a loop never reaches the end
        memo.set(sid, s.decide ? Math.min(...[chosen(s) || s.next].flat().map(cost)) : 1 + cost(s.next[0]));
      }
      return memo.get(sid);
    };
    // The path: choices made, else the shortest option. Current: first step not done, or decision not made.
    const path = [];
    let current = null;
    for (let s = steps.get(g.first), hops = 0; s && hops++ < steps.size; ) {
      let next = s.next[0];
      if (!s.decide) {
        path.push(s);
        if (!state.done[s.item]) current = current || s;
      } else if (!(next = chosen(s))) {
        current = current || s;
        next = s.next.reduce((a, b) => (cost(b) < cost(a) ? b : a));
      }
      s = steps.get(next);
    }
    // Steps on the learner's path: every step still reachable when the choices made are followed.
    const on = new Set();
    for (const todo = [g.first]; todo.length; ) {
      const s = steps.get(todo.pop());
      if (s && !on.has(s)) on.add(s), todo.push(...[chosen(s) || s.next].flat());
    }
    return { steps, chosen, current, on, n: path.filter((s) => state.done[s.item]).length, m: path.length };
  }

  // ---- Rendering ----

  const text = (el, t) => el && el.textContent !== t && (el.textContent = t);

  function renderJourney(root, g, w) {
    for (const el of $$(".wp-step[data-wp-step], .wp-node[data-wp-step]")) {
      const s = w.steps.get(el.dataset.wpStep);
      if (!s) continue;
      el.classList.toggle("wp-is-done", !!(s.decide ? w.chosen(s) : state.done[s.item]));
      el.classList.toggle("wp-is-current", s === w.current);
      el.classList.toggle("wp-is-off-path", !w.on.has(s));
      for (const a of $$("a[data-wp-choose]", el)) {
        if (a.dataset.wpChoose === w.chosen(s)) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      }
    }
    // Continue: the first unfinished step on the path, or the decision to make on this page.
    const go = $("a[data-wp-continue]", root);
    const s = w.current || w.steps.get(g.first);
    const link = $(`li.wp-step[data-wp-step="${s?.id}"] > a`);
    if (!go || !s) return;
    go.setAttribute("href", link && !s.decide ? link.getAttribute("href") : `#step-${s.id}`);
    text(go, !w.n ? "Start the journey" : !w.current ? "Review the journey" : `Continue: ${s.decide ? "make a choice" : link?.textContent}`);
  }

  function renderTasks(box) {
    const ex = box.dataset.wpExercise;
    const ticked = state.tasks[ex] || [];
    const items = $$(".wp-task[data-wp-task]", box);
    let all = items.length > 0;
    for (const li of items) {
      const on = ticked.includes(li.dataset.wpTask);
      $("input", li).checked = on;
      li.classList.toggle("wp-is-done", on);
      all = all && on;
    }
    // When every task is ticked, offer (politely, in a status region) to mark the exercise done.
    let offer = $(".wp-offer", box);
    if (!offer) {
      offer = box.appendChild(document.createElement("div"));
      offer.className = "wp-offer";
      offer.setAttribute("role", "status");
    }
    if (!all || state.done["exercise:" + ex]) offer.textContent = "";
    else if (!offer.firstChild) {
      offer.innerHTML = 'You have ticked every task. <button type="button" class="md-button" data-wp-act="finish">Mark this exercise as done</button>';
    }
  }

  // Notes about storage sit in a fixed box, so they never push the page about.
  function renderNote() {
    let box = $(".wp-note");
    if (!notes.length || dismissed) return box?.remove();
    if (!box) {
      box = ($("main") || document.body).appendChild(document.createElement("div"));
      box.className = "wp-note";
      box.setAttribute("role", "status");
      box.innerHTML = '<p></p><button type="button" class="md-button" data-wp-act="dismiss">Dismiss</button>';
    }
    text(box.firstChild, notes.join(" "));
  }

  function render() {
    for (const el of $$("input[data-wp-toggle]")) el.checked = !!state.done[el.dataset.wpToggle];
    for (const el of $$("[data-wp-item]")) el.classList.toggle("wp-is-done", !!state.done[el.dataset.wpItem]);
    $$(".wp-tasks[data-wp-exercise]").forEach(renderTasks);
    for (const { el, g } of graphs()) {
      const w = walk(g);
      const bar = $("[data-wp-progress] progress", el);
      if (bar) (bar.max = w.m || 1), (bar.value = w.n);
      text($(".wp-progress__text", el), w.n ? `${w.n} of ${w.m} steps` : "Not started");
      if (el.matches(".wp-journey")) renderJourney(el, g, w);
    }
    renderNote();
  }

  function graphs() {
    return $$("[data-wp-graph]").flatMap((el) => {
      try {
        const g = JSON.parse(el.dataset.wpGraph);
        return g.steps.length ? [{ el, g }] : [];
      } catch (e) {
        return [];
      }
    });
  }

  // ---- The "Your progress" panel: export, import, reset ----

  function mountTools() {
    let slot = $("[data-wp-progress-tools]");
    const cards = $$(".wp-cards").pop();
    // Until the journeys index has a slot of its own, go after its last list of cards.
    if (!slot && cards && !$(".wp-journey") && /\/journeys\/(index\.html)?$/.test(location.pathname)) {
      slot = cards.insertAdjacentElement("afterend", document.createElement("div"));
      slot.dataset.wpProgressTools = "";
    }
    if (!slot || $(".wp-tools", slot)) return;
    slot.innerHTML = `<section class="wp-tools" aria-labelledby="wp-tools-h"><h2 id="wp-tools-h">Your progress</h2>
<p>Your progress is kept in this browser only. Export it to keep a copy or to move it to another browser. Importing a file replaces the progress here.</p>
<p><button type="button" class="md-button" data-wp-act="export">Export progress</button>
<label class="md-button">Import progress<input type="file" accept=".json,application/json" data-wp-import></label>
<button type="button" class="md-button" data-wp-act="reset" aria-expanded="false">Reset progress</button></p>
<p class="wp-tools__confirm" hidden>Delete all progress kept in this browser?
<button type="button" class="md-button md-button--primary" data-wp-act="yes">Yes, reset</button>
<button type="button" class="md-button" data-wp-act="no">Cancel</button></p>
<p class="wp-tools__msg" role="status"></p></section>`;
  }

  function say(msg, error) {
    const el = $(".wp-tools__msg");
    el.classList.toggle("wp-is-error", !!error);
    el.textContent = msg;
  }

  function exportFile() {
    load();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(state, null, 1)], { type: "application/json" }));
    a.download = `waypost-progress-${state.updated?.slice(0, 10) || "empty"}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1e3);
    say(`Progress exported as ${a.download}.`);
  }

  async function importFile(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    let next;
    try {
      if (file.size > 256 * 1024) fail("it is larger than 256 KB");
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch (e) {
        fail("it is not a JSON file");
      }
      next = check(data);
    } catch (e) {
      // Only our own messages: text from the file is never shown.
      return say(`Import refused: ${e.message}. Your progress has not changed.`, true);
    }
    change(() => (state = next));
    say("Progress imported.");
  }

  function askReset(open) {
    const button = $('[data-wp-act="reset"]');
    $(".wp-tools__confirm").hidden = !open;
    button.setAttribute("aria-expanded", open);
    if (!open) button.focus();
  }

  // ---- Events, delegated once: mounting again after instant navigation adds none ----

  const ACTS = {
    export: exportFile,
    reset: () => askReset(true),
    no: () => askReset(false),
    yes() {
      change(() => (state = empty()));
      askReset(false);
      say("Progress reset.");
    },
    finish(button) {
      const key = "exercise:" + button.closest("[data-wp-exercise]").dataset.wpExercise;
      change((s) => (s.done[key] = true));
      $(`input[data-wp-toggle="${key}"]`)?.focus();
    },
    dismiss() {
      dismissed = true;
      renderNote();
    },
  };

  addEventListener("click", (e) => {
    const el = e.target.closest?.("[data-wp-act], a[data-wp-choose]");
    if (!el) return;
    if (el.dataset.wpAct) return ACTS[el.dataset.wpAct](el);
    // A decision's option: remember it, and let the link go on to its anchor.
    const journey = $(".wp-journey")?.dataset.wpJourney;
    const step = el.closest("[data-wp-step]")?.dataset.wpStep;
    const to = el.dataset.wpChoose;
    if ([journey, step, to].every(isId)) change((s) => ((s.choices[journey] = s.choices[journey] || dict())[step] = to));
  });

  addEventListener("change", (e) => {
    const el = e.target;
    const key = el.dataset.wpToggle;
    const task = el.closest(".wp-task")?.dataset.wpTask;
    const ex = el.closest("[data-wp-exercise]")?.dataset.wpExercise;
    if (el.matches("[data-wp-import]")) importFile(el);
    else if (ITEM.test(key || "")) change((s) => (el.checked ? (s.done[key] = true) : delete s.done[key]));
    else if (isId(task) && isId(ex)) {
      change((s) => {
        const list = (s.tasks[ex] || []).filter((t) => t !== task).concat(el.checked ? [task] : []);
        if (list.length) s.tasks[ex] = list;
        else delete s.tasks[ex];
      });
    }
  });

  // Another tab saved or reset: show what it did. Back from the back-forward cache: same.
  addEventListener("storage", (e) => (e.key === KEY || e.key === null) && (load(), render()));
  addEventListener("pageshow", (e) => e.persisted && (load(), render()));

  // Material's instant navigation emits document$ for every page shown; without it, mount once.
  const mount = () => (load(), migrate(), mountTools(), render());
  if (window.document$) document$.subscribe(mount);
  else mount();
})();
