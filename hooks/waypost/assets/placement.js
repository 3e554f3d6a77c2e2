/* "Where do I start?": one question at a time, and the recommendation it ends in, remembered.
   Every word shown is already in the page, escaped by the build: this script only shows, hides
   and points links, and writes text with textContent. It does nothing on pages without its markup. */
(() => {
  "use strict";
  const KEY = "waypost.placement";
  const PROGRESS = "waypost.progress"; // kept by waypost.js: a change to it can change "Continue"
  const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const isObj = (x) => !!x && typeof x == "object" && !Array.isArray(x);

  // ---- Stored data is untrusted: parsed in try/catch, checked field by field ----

  let memory = null; // the recommendation, when this browser will not store it: kept for the visit

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return undefined; // storage blocked, or not JSON
    }
  }

  function recommendation() {
    const data = read(KEY);
    if (data === undefined) return memory;
    return isObj(data) && data.version === 1 && ID.test(data.journey) ? data : null;
  }

  function remember(rec) {
    memory = rec;
    try {
      if (rec) localStorage.setItem(KEY, JSON.stringify(rec));
      else localStorage.removeItem(KEY);
    } catch {
      // Full or blocked: the recommendation lives in memory until the tab closes.
    }
  }

  // Started: any of the journey's concepts or exercises marked done, or a task of one ticked.
  // waypost.js owns progress (its format, version and upgrades): ask it, never read it here.
  const started = (keys) => !!window.waypostProgress?.started(keys);

  // ---- "Recommended for you": every state is in the page; this picks the one to show ----

  function renderSlots() {
    const rec = recommendation();
    const names = (p) => [p.dataset.wpRecJourney, ...p.dataset.wpRecAliases.split(" ")];
    for (const slot of $$("[data-wp-rec]")) {
      const states = $$("[data-wp-rec-journey]", slot);
      const saved = rec && states.find((p) => names(p).includes(rec.journey));
      for (const p of states) p.hidden = p !== saved;
      $("[data-wp-rec-none]", slot).hidden = !!saved;
    }
  }

  // ---- The questions: state is the answers given, in order; the form is drawn from it ----

  const quizzes = new WeakMap(); // form element -> { trail: [question ids answered], picked: Map(radio name -> value) }

  function stateOf(form) {
    if (!quizzes.has(form)) quizzes.set(form, { trail: [], picked: new Map() });
    return quizzes.get(form);
  }

  const fieldset = (form, id) => $(`[data-wp-quiz-question="${CSS.escape(id)}"]`, form);
  const chosen = (form, s, id) => $(`input[name="wp-quiz-${CSS.escape(id)}"][value="${CSS.escape(s.picked.get("wp-quiz-" + id) || "")}"]`, form);

  // Where the answers lead: the next question's fieldset, or the recommendation's section.
  function current(form, s) {
    let here = fieldset(form, form.dataset.wpQuizFirst);
    for (const id of s.trail) {
      const radio = chosen(form, s, id);
      if (!radio) break; // cannot happen: an answer is on the trail only once picked
      here = radio.dataset.wpQuizResult ? form.querySelector("#" + CSS.escape(radio.dataset.wpQuizResult)) : fieldset(form, radio.dataset.wpQuizGoto);
    }
    return here;
  }

  function render(form) {
    const s = stateOf(form);
    const here = current(form, s);
    const asking = here.matches("fieldset");
    for (const part of $$("[data-wp-quiz-question], .wp-quiz__result", form)) part.hidden = part !== here;
    for (const radio of $$("input[type=radio]", form)) radio.checked = s.picked.get(radio.name) === radio.value;
    if (asking) $("[data-wp-quiz-count]", here).textContent = `Question ${s.trail.length + 1}`;
    else $("[data-wp-quiz-continue]", here).hidden = !started(here.dataset.wpQuizItems.split(" "));
    $("[data-wp-quiz-next]", form).hidden = !asking;
    $("[data-wp-quiz-back]", form).hidden = !s.trail.length;
    $("[data-wp-quiz-restart]", form).hidden = !s.trail.length;
    return here;
  }

  function say(form, text) {
    $("[data-wp-quiz-status]", form).textContent = text;
  }

  // Focus follows the learner: the answer to change, or the recommendation's heading.
  function show(form) {
    const here = render(form);
    say(form, "");
    if (here.matches("fieldset")) ($("input:checked", here) || $("input", here)).focus();
    else $(".wp-quiz__title", here).focus();
  }

  function next(form) {
    const s = stateOf(form);
    const here = current(form, s);
    const radio = $("input:checked", here);
    if (!radio) {
      say(form, "Choose an answer to go on.");
      $("input", here).focus();
      return;
    }
    s.picked.set(radio.name, radio.value); // in case the browser restored the form after it was drawn
    s.trail.push(here.dataset.wpQuizQuestion);
    const result = radio.dataset.wpQuizResult && form.querySelector("#" + CSS.escape(radio.dataset.wpQuizResult));
    if (result) {
      const { wpQuizJourney: journey, wpQuizStep: step, wpQuizChoices: choices } = result.dataset;
      remember({ version: 1, journey, step: step || null, choices: JSON.parse(choices || "{}"), saved: new Date().toISOString() });
      renderSlots();
    }
    show(form);
  }

  // ---- Events, delegated once, so that mounting again after instant navigation adds none ----

  addEventListener("submit", (e) => {
    const form = e.target.closest?.("[data-wp-quiz]");
    if (!form) return;
    e.preventDefault();
    next(form);
  });

  addEventListener("change", (e) => {
    const form = e.target.closest?.("[data-wp-quiz]");
    if (form && e.target.type === "radio") stateOf(form).picked.set(e.target.name, e.target.value);
  });

  // Following a recommendation, in this tab or another: the journey begins at the step it names, or at its
  // first (waypost.js keeps it). So does following the remembered one to a journey not begun yet.
  function recordStart(e) {
    const result = e.target.closest?.("[data-wp-quiz-start]")?.closest("[data-wp-quiz-journey]");
    const { wpQuizJourney: journey, wpQuizStep: step, wpQuizChoices: choices } = result?.dataset || {};
    if (result) return window.waypostProgress?.startAt(journey, step || null, choices);
    const saved = e.target.closest?.("[data-wp-rec-journey] a")?.parentElement;
    const rec = saved && recommendation();
    if (rec && !started(saved.dataset.wpRecItems.split(" "))) {
      window.waypostProgress?.startAt(saved.dataset.wpRecJourney, rec.step || null, JSON.stringify(rec.choices || {}));
    }
  }
  addEventListener("auxclick", recordStart);

  addEventListener("click", (e) => {
    recordStart(e);
    const button = e.target.closest?.("[data-wp-quiz-back], [data-wp-quiz-restart], [data-wp-rec-clear]");
    const form = button?.closest("[data-wp-quiz]");
    if (!button) return;
    if (button.matches("[data-wp-rec-clear]")) {
      remember(null);
      renderSlots();
      button.closest("[data-wp-rec]").focus(); // the button is gone: keep focus where it was
      return;
    }
    const s = stateOf(form);
    if (button.matches("[data-wp-quiz-back]")) {
      s.trail.pop();
    } else {
      s.trail = [];
      s.picked.clear();
    }
    show(form);
  });

  // Another tab answered, cleared, or marked progress.
  addEventListener("storage", (e) => {
    if (e.key !== KEY && e.key !== PROGRESS && e.key !== null) return;
    renderSlots();
    $$("[data-wp-quiz]").forEach(render);
  });

  function mount() {
    $$("[data-wp-quiz]").forEach(render);
    renderSlots();
  }

  // Material's instant navigation emits document$ for each page it shows; without it, mount once.
  if (window.document$) window.document$.subscribe(mount);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", mount);
  else mount();
})();
