/* Waypost progress, kept in this browser. `state` is the one copy: change()
   alters it, saves it and renders the page from it; the page is never read back. */
(() => {
  "use strict";
  const KEY = "waypost.progress";
  const VERSION = 2;
  const UPGRADES = Object.create(null); // UPGRADES[n](data) turns version n data into n + 1
  UPGRADES[1] = (data) => ({ starts: {}, ...data, version: 2 }); // 2: the step each journey was started at
  const NAME = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
  const ID = RegExp(`^${NAME}$`);
  const ITEM = RegExp(`^(concept|exercise):${NAME}$`);

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const add = (parent, html) => (parent.insertAdjacentHTML("beforeend", html), parent.lastChild);
  const text = (el, t) => el && el.textContent !== t && (el.textContent = t);
  const isId = (x) => typeof x == "string" && ID.test(x);
  const id = (x) => (isId(x) ? x : fail());
  const isObj = (x) => !!x && typeof x == "object" && !Array.isArray(x);
  const dict = () => Object.create(null); // so an id such as "constructor" is just a key
  const empty = () => ({ version: VERSION, done: dict(), tasks: dict(), choices: dict(), starts: dict(), updated: null });
  const fail = (why) => {
    throw Error(why || "it is not a Waypost progress file");
  };

  let state = empty();
  let store = null;
  let note = "";
  try {
    store = localStorage; // throws if storage is blocked; the write, if it is full
    store.setItem(KEY + ".test", 1);
    store.removeItem(KEY + ".test");
  } catch {
    lose();
  }

  // ---- Stored data and imported files pass the same checks ----

  // A copy of obj as a dict: every key matches re, every value goes through value().
  function dictOf(obj = {}, re, value) {
    const out = dict();
    for (const [k, v] of Object.entries(isObj(obj) ? obj : fail())) out[re.test(k) ? k : fail()] = value(v);
    return out;
  }

  function check(data) {
    while (typeof data?.version == "number" && UPGRADES[data.version]) data = UPGRADES[data.version](data);
    const { version, done, tasks, choices, starts, updated = null, ...rest } = isObj(data) ? data : fail();
    if (version !== VERSION) fail(typeof version == "number" && "it comes from another version of this site");
    if (Object.keys(rest).length || (updated !== null && !/^[\d-]+T[\d:.]+Z$/.test(updated))) fail();
    return {
      version,
      done: dictOf(done, ITEM, (x) => x === true || fail()),
      tasks: dictOf(tasks, ID, (x) => [...new Set((Array.isArray(x) ? x : fail()).map(id))]),
      choices: dictOf(choices, ID, (c) => dictOf(c, ID, id)),
      starts: dictOf(starts, ID, id),
      updated,
    };
  }

  // ---- Storage ----

  function load() {
    if (!store) return;
    let raw;
    try {
      raw = store.getItem(KEY);
      state = raw === null ? empty() : check(JSON.parse(raw));
    } catch {
      if (raw === undefined) return lose();
      state = empty();
      try {
        // Unreadable: set it aside under another key rather than wipe it.
        store.setItem(`${KEY}.corrupt-${Date.now()}`, raw);
        store.removeItem(KEY);
        note += "Saved progress was unreadable, so it was set aside and you start afresh. ";
      } catch {
        lose();
      }
    }
  }

  function save() {
    state.updated = new Date().toISOString();
    try {
      store?.setItem(KEY, JSON.stringify(state));
    } catch {
      lose();
    }
  }

  // The rest of the visit keeps progress in memory.
  function lose() {
    store = null;
    note += "Progress cannot be saved in this browser: it will be lost when this tab closes or reloads. ";
  }

  function change(fn) {
    load(); // another tab may have saved since
    fn(state);
    save();
    render();
  }

  // Renamed ids: progress moves from an old id to the new one, unless the new one has some.
  function migrate() {
    const before = JSON.stringify(state);
    const move = (obj, from, to) => obj && from in obj && !(to in obj) && ((obj[to] = obj[from]), delete obj[from]);
    // A renamed concept or exercise: "exercise:old" to "exercise:new", with its task ticks.
    const rename = (from, to) => {
      move(state.done, from, to);
      if (to.startsWith("exercise:")) move(state.tasks, from.slice(9), to.slice(9));
    };
    for (const el of $$("[data-wp-item][data-wp-aliases]")) {
      for (const from of el.dataset.wpAliases.split(" ")) rename(from, el.dataset.wpItem);
    }
    for (const li of $$("[data-wp-exercise] [data-wp-task-aliases]")) {
      const list = state.tasks[li.closest("[data-wp-exercise]").dataset.wpExercise] || [];
      for (const from of li.dataset.wpTaskAliases.split(" ")) {
        if (list.includes(from) && !list.includes(li.dataset.wpTask)) list[list.indexOf(from)] = li.dataset.wpTask;
      }
    }
    for (const { g } of graphs()) {
      for (const old of g.aliases) move(state.choices, old, g.id), move(state.starts, old, g.id); // a renamed journey
      const made = state.choices[g.id] || {};
      for (const step of g.steps) {
        for (const from of step.was || []) rename(from, step.item);
        for (const old of step.aliases || []) {
          if (state.starts[g.id] === old) state.starts[g.id] = step.id;
          move(made, old, step.id); // a decision
          for (const d in made) if (made[d] === old) made[d] = step.id; // an option's target
        }
      }
    }
    if (JSON.stringify(state) !== before) save();
  }

  // ---- A journey: the learner's path, its length and where they are (the build refuses loops) ----

  function walk(g) {
    const steps = new Map(g.steps.map((s) => [s.id, s]));
    const made = state.choices[g.id] || {};
    const chosen = (s) => (s.decide && s.next.includes(made[s.id]) ? made[s.id] : null);
    const nexts = (s) => [chosen(s) || s.next].flat();
    // Fewest content steps from a step to the end, following the choices made.
    const memo = new Map([["end", 0]]);
    const cost = (id) => memo.get(id) ?? memo.set(id, Math.min(...nexts(steps.get(id)).map(cost)) + !steps.get(id).decide).get(id);
    // The route takes the choice made at each decision, or else the shortest option.
    let route = [];
    for (let s = steps.get(g.first); s; s = steps.get(nexts(s).reduce((a, b) => (cost(b) < cost(a) ? b : a)))) route.push(s);
    // A learner "Where do I start?" sent to a later step begins there, while their choices still lead to it.
    route = route.slice(Math.max(0, route.findIndex((s) => s.id === state.starts[g.id])));
    const start = route[0]?.id || g.first;
    const path = route.filter((s) => !s.decide);
    const current = route.find((s) => (s.decide ? !chosen(s) : !state.done[s.item])) || null;
    // Off the path: steps that following the choices made can no longer reach from the start.
    const on = new Set();
    for (const todo = [start]; todo.length; ) {
      const s = steps.get(todo.pop());
      if (s && !on.has(s)) on.add(s), todo.push(...nexts(s));
    }
    return { steps, start, chosen, current, on, path, n: path.filter((s) => state.done[s.item]).length, m: path.length };
  }


  // ---- Rendering fills reserved places and sets classes, so nothing shifts ----

  function renderJourney(root, g, w) {
    for (const el of $$(".wp-step[data-wp-step], .wp-node[data-wp-step]")) {
      const s = w.steps.get(el.dataset.wpStep);
      if (!s) continue;
      el.classList.toggle("wp-is-done", !!(s.decide ? w.chosen(s) : state.done[s.item]));
      el.classList.toggle("wp-is-current", s === w.current);
      el.classList.toggle("wp-is-off-path", !w.on.has(s));
      for (const a of $$("[data-wp-choose]", el)) {
        if (a.dataset.wpChoose === w.chosen(s)) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      }
    }
    const go = $("[data-wp-continue]", root);
    const s = w.current || w.steps.get(w.start);
    const whole = $("[data-wp-act=from-first]", root);
    if (whole) whole.hidden = w.start === g.first;
    const link = $(`.wp-step[data-wp-step="${s.id}"] > a`);
    if (!go) return;
    go.setAttribute("href", s.decide || !link ? `#step-${s.id}` : link.getAttribute("href"));
    const name = s.decide || !link ? "make a choice" : link.textContent;
    const begin = w.start === g.first ? "Start the journey" : `Start at: ${name}`;
    text(go, !w.n ? begin : !w.current ? "Review the journey" : `Continue: ${name}`);
  }

  function renderTasks(box) {
    const ex = box.dataset.wpExercise;
    const items = $$(".wp-task[data-wp-task]", box);
    for (const li of items) {
      const on = (state.tasks[ex] || []).includes(li.dataset.wpTask);
      $("input", li).checked = on;
      li.classList.toggle("wp-is-done", on);
    }
    // Every task ticked: offer, politely, to mark the exercise done.
    const offer = $(".wp-offer", box) || add(box, '<div class="wp-offer" role="status"></div>');
    if (!items.length || $("input:not(:checked)", box) || state.done["exercise:" + ex]) offer.textContent = "";
    else if (!offer.firstChild) {
      add(offer, 'Every task is ticked. <button class="md-button" data-wp-act="finish">Mark the exercise as done</button>');
    }
  }

  // Storage notes float at the foot of the window, so they push nothing about.
  function renderNote() {
    const box = $(".wp-note") || (note && add($("main") || document.body, '<div class="wp-note md-typeset" role="status"><p></p><button class="md-button" data-wp-act="dismiss">Dismiss</button></div>'));
    if (box && !note) box.remove();
    else if (box) text(box.firstChild, note);
  }

  function render() {
    for (const el of $$("[data-wp-toggle]")) el.checked = !!state.done[el.dataset.wpToggle];
    for (const el of $$("[data-wp-item]")) el.classList.toggle("wp-is-done", !!state.done[el.dataset.wpItem]);
    $$(".wp-tasks[data-wp-exercise]").forEach(renderTasks);
    for (const { el, g } of graphs()) {
      const w = walk(g);
      const bar = $("[data-wp-progress] progress", el);
      if (bar) (bar.max = w.m || 1), (bar.value = w.n);
      const finished = w.n && w.n === w.m && !w.current;
      text($(".wp-progress__text", el), finished ? `Finished: all ${w.m} steps` : w.n ? `${w.n} of ${w.m} steps` : "Not started");
      // A card of a journey begun and not finished leads back to where the learner is, on the journey's page.
      const go = $("[data-wp-card-continue]", el);
      if (go) (go.hidden = !(w.n && w.current)), w.current && (go.hash = `step-${w.current.id}`);
      // A step's page, in a journey whose routes differ in length: its position on the learner's route, once
      // their choices lead through it (until then, the page's own figure: the shortest route through it).
      // So does "Previous": the step before it on that route, or none where the learner began here.
      const at = el.dataset.wpAt && w.path.findIndex((s) => s.id === el.dataset.wpAt);
      if (at !== undefined) {
        text($(".wp-placement__position", el), at < 0 ? el.dataset.wpFigure : `Step ${at + 1} of ${w.m}`);
        for (const li of $$("[data-wp-prev]", el)) li.hidden = at < 0 ? "wpAlt" in li.dataset : li.dataset.wpPrev !== (w.path[at - 1]?.id || "");
      }
      if (el.matches(".wp-journey")) renderJourney(el, g, w);
    }
    renderNote();
  }

  const graphs = () => $$("[data-wp-graph]").map((el) => ({ el, g: JSON.parse(el.dataset.wpGraph) }));

  // ---- "Your progress": export, import and reset ----

  function say(msg, error) {
    const el = $(".wp-tools__msg");
    el.classList.toggle("wp-is-error", !!error);
    el.textContent = msg;
  }

  async function importFile(input) {
    const file = input.files[0];
    let data;
    input.value = "";
    if (!file) return;
    try {
      data = check(JSON.parse(file.size > 262144 ? fail("it is larger than 256 KB") : await file.text()));
    } catch (e) {
      // In our own words: nothing from the file is ever shown.
      return say(`Import refused: ${e instanceof SyntaxError ? "it is not a JSON file" : e.message}. Your progress has not changed.`, true);
    }
    change(() => (state = data));
    mount(); // a file from before a rename: its old ids move to the new ones now, as stored progress does on load
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
    export() {
      const a = document.createElement("a");
      load();
      a.href = URL.createObjectURL(new Blob([JSON.stringify(state, null, 1)], { type: "application/json" }));
      a.download = "waypost-progress.json";
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1e3);
      say("Progress exported as waypost-progress.json.");
    },
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
      $(`[data-wp-toggle="${key}"]`)?.focus();
    },
    dismiss() {
      note = "";
      renderNote();
    },
    "from-first"(button) {
      change((s) => delete s.starts[button.closest("[data-wp-journey]").dataset.wpJourney]);
      $("[data-wp-continue]")?.focus(); // the button is gone: focus moves to the one beside it
    },
  };

  addEventListener("click", (e) => {
    const el = e.target.closest?.("[data-wp-act], [data-wp-choose]");
    const journey = (el?.closest("[data-wp-journey]") || $(".wp-journey"))?.dataset.wpJourney;
    const step = el?.closest("[data-wp-step]")?.dataset.wpStep;
    if (el?.dataset.wpAct) ACTS[el.dataset.wpAct](el);
    // A decision's option, on the journey page or under "Next, decide" on a step's page: remember it,
    // and let the link go on to its anchor or its page.
    else if ([journey, step, el?.dataset.wpChoose].every(isId)) {
      change((s) => ((s.choices[journey] = s.choices[journey] || dict())[step] = el.dataset.wpChoose));
    }
  });

  addEventListener("change", ({ target: el }) => {
    const key = el.dataset.wpToggle || "";
    const task = el.closest(".wp-task")?.dataset.wpTask;
    const ex = el.closest("[data-wp-exercise]")?.dataset.wpExercise;
    if (el.matches("[data-wp-import]")) importFile(el);
    else if (ITEM.test(key)) change((s) => (el.checked ? (s.done[key] = true) : delete s.done[key]));
    else if (isId(task) && isId(ex)) {
      change((s) => {
        s.tasks[ex] = (s.tasks[ex] || []).filter((t) => t !== task).concat(el.checked ? task : []);
        if (!s.tasks[ex].length) delete s.tasks[ex];
      });
    }
  });

  // For the start page (placement.js): whether a journey is begun, read through the same checks,
  // upgrades and set-asides as everything else here (keys are "concept:id" and "exercise:id"), and where
  // the learner begins one.
  window.waypostProgress = Object.freeze({
    started(keys) {
      load();
      return keys.some((k) => state.done[k] === true || (k.startsWith("exercise:") && !!state.tasks[k.slice(9)]?.length));
    },
    // The learner follows a recommendation to begin a journey at a later step, which settles the decisions on
    // the way there (choices: JSON, {decision: option}), or (step null) at its first.
    startAt(journey, step, choices = "{}") {
      try {
        const made = dictOf(JSON.parse(choices), ID, id);
        if (!isId(journey) || !(isId(step) || step === null)) fail();
        // Following a recommendation begins the journey afresh: its choices are those the answers settle.
        change((s) => (step ? (s.starts[journey] = step) : delete s.starts[journey], (s.choices[journey] = made)));
      } catch {} // not from this site's own pages: nothing changes
    },
  });

  // Escape closes the reset question, as Cancel does.
  addEventListener("keydown", (e) => e.key === "Escape" && $(".wp-tools__confirm:not([hidden])") && askReset(false));

  // Another tab saved or reset: show what it did.
  addEventListener("storage", (e) => (e.key === KEY || !e.key) && (load(), render()));

  // Back and Forward can show a page as it was, or with the boxes as they were ticked then: show it as it is.
  addEventListener("pageshow", () => (load(), render()));

  // Material's instant navigation emits document$ for each page it shows; without it, mount once.
  const mount = () => (load(), migrate(), render());
  if (window.document$) document$.subscribe(mount);
  else mount();
})();
