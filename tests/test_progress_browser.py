"""Progress in a real browser: Debian's Chromium, driven by Playwright, on the shipped site served locally."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser import LAYOUT_SHIFT, axe_violations, local_context, watched
from conftest import BASE, make_site

KEY = "waypost.progress"
CANNOT_SAVE = "Progress cannot be saved in this browser: it will be lost when this tab closes or reloads."
SET_ASIDE = "Saved progress was unreadable, so it was set aside and you start afresh."


def stored(tab: Any) -> Any:
    return json.loads(tab.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def progress_text(tab: Any, scope: str = ".wp-journey") -> Any:
    return tab.locator(f"{scope} .wp-progress__text")


# ---- Ticks persist, and count wherever the same content appears ----


def test_a_concept_marked_done_stays_done_after_a_reload(page: Any, site_url: str) -> None:
    page.goto(site_url + "concepts/what-is-prompting/")
    toggle = page.get_by_label("Mark this concept as done")
    expect(toggle).not_to_be_checked()
    toggle.check()
    page.reload()
    expect(page.get_by_label("Mark this concept as done")).to_be_checked()
    assert stored(page)["done"] == {"concept:what-is-prompting": True}
    assert stored(page)["version"] == 2


def test_a_step_ticked_in_one_journey_shows_done_in_every_journey_with_that_concept(page: Any, site_url: str) -> None:
    page.goto(site_url + "journeys/customise-ai-without-training/")
    expect(progress_text(page)).to_have_text("Not started")
    page.get_by_label("Done: What prompting is").check()
    # The shortest way through the decision: nine content steps.
    expect(progress_text(page)).to_have_text("1 of 9 steps")
    expect(page.locator("a.wp-node[data-wp-step=what-is-prompting]")).to_have_class(
        "wp-node wp-node--concept wp-is-done"
    )
    expect(page.locator("a.wp-node[data-wp-step=examples-in-prompt]")).to_have_class(
        "wp-node wp-node--concept wp-is-current"
    )

    page.goto(site_url + "journeys/prompting-and-fine-tuning-basics/")
    expect(page.locator(".wp-step[data-wp-step=what-is-prompting]")).to_have_class(
        "wp-step wp-step--concept wp-is-done"
    )
    expect(page.get_by_label("Done: What prompting is")).to_be_checked()
    expect(progress_text(page)).to_have_text("1 of 6 steps")
    expect(page.locator("[data-wp-continue]")).to_have_text("Continue: Rewrite a vague prompt")

    page.goto(site_url + "journeys/")
    expect(progress_text(page, "[data-wp-journey=prompting-and-fine-tuning-basics]")).to_have_text("1 of 6 steps")
    expect(progress_text(page, "[data-wp-journey=customise-ai-without-training]")).to_have_text("1 of 9 steps")
    expect(progress_text(page, "[data-wp-journey=first-fine-tune]")).to_have_text("Not started")


def test_ticking_every_task_offers_to_mark_the_exercise_done(page: Any, site_url: str) -> None:
    page.goto(site_url + "exercises/curate-your-best-work/")
    tasks = page.locator(".wp-task input")
    assert tasks.count() >= 2
    for i in range(tasks.count()):
        expect(page.get_by_role("button", name="Mark the exercise as done")).to_have_count(0)
        tasks.nth(i).check()
    page.get_by_role("button", name="Mark the exercise as done").click()
    expect(page.get_by_label("Mark this exercise as done")).to_be_checked()
    expect(page.get_by_role("button", name="Mark the exercise as done")).to_have_count(0)
    page.reload()
    for i in range(tasks.count()):
        expect(tasks.nth(i)).to_be_checked()
    task_ids = page.locator(".wp-task").evaluate_all("els => els.map(e => e.dataset.wpTask)")
    assert stored(page)["tasks"] == {"curate-your-best-work": task_ids}
    assert stored(page)["done"] == {"exercise:curate-your-best-work": True}


def test_progress_follows_instant_navigation_away_and_back(page: Any, site_url: str) -> None:
    page.goto(site_url + "concepts/prompting-vs-fine-tuning/")
    page.evaluate("window.sameDocument = true")
    page.get_by_label("Mark this concept as done").check()
    page.locator(".wp-placement__title a", has_text="Should I fine-tune?").click()
    # Material's navigation.tracking may add the heading in view to the address.
    page.wait_for_url(re.compile(re.escape(site_url + "journeys/should-i-fine-tune/") + "(#.*)?$"))
    assert page.evaluate("window.sameDocument") is True, "Material's instant navigation loaded the page"
    expect(page.get_by_label("Done: Prompting versus fine-tuning")).to_be_checked()
    expect(progress_text(page)).not_to_have_text("Not started")
    page.go_back()
    page.wait_for_url(re.compile(re.escape(site_url + "concepts/prompting-vs-fine-tuning/") + "(#.*)?$"))
    expect(page.get_by_label("Mark this concept as done")).to_be_checked()
    page.get_by_label("Mark this concept as done").uncheck()
    page.go_forward()
    expect(page.get_by_label("Done: Prompting versus fine-tuning")).not_to_be_checked()
    assert page.evaluate("window.sameDocument") is True


def test_two_open_tabs_keep_in_step(context: Any, site_url: str) -> None:
    first, second = watched(context.new_page()), watched(context.new_page())
    first.goto(site_url + "journeys/first-fine-tune/")
    second.goto(site_url + "journeys/first-fine-tune/")
    first.get_by_label("Done: What fine-tuning is").check()
    expect(second.get_by_label("Done: What fine-tuning is")).to_be_checked()
    expect(progress_text(second)).to_have_text(progress_text(first).inner_text())
    second.get_by_label("Done: What fine-tuning is").uncheck()
    expect(first.get_by_label("Done: What fine-tuning is")).not_to_be_checked()
    assert first.errors == second.errors == []


# ---- Decisions ----


def test_a_decision_choice_sets_the_path_its_count_and_continue(page: Any, site_url: str) -> None:
    page.goto(site_url + "journeys/should-i-fine-tune/")
    rule = page.locator(".wp-step[data-wp-step=can-you-write-the-rule]")
    rule.locator("[data-wp-choose=enough-examples]").click()
    page.locator(".wp-step[data-wp-step=enough-examples] [data-wp-choose=good-data]").click()
    page.get_by_label("Done: Prompting versus fine-tuning").check()
    # the-difference, good-data, how-many, cost-and-time, pays-off, verdict
    expect(progress_text(page)).to_have_text("1 of 6 steps")
    for off in ("detailed-prompt", "deliverable-prompt", "examples-in-prompt", "prompt-library"):
        expect(page.locator(f".wp-step[data-wp-step={off}]")).to_have_class(
            f"wp-step wp-step--{'exercise' if off in ('deliverable-prompt', 'prompt-library') else 'concept'} "
            "wp-is-off-path"
        )
    continue_ = page.locator("[data-wp-continue]")
    expect(continue_).to_have_text("Continue: What good training data looks like")
    # Instant navigation makes the page's links absolute; either way it is the step's page.
    expect(continue_).to_have_attribute(
        "href", re.compile(r"(\.\./\.\./|^http://127\.0\.0\.1:\d+/)concepts/good-training-data/$")
    )
    assert stored(page)["choices"] == {
        "should-i-fine-tune": {"can-you-write-the-rule": "enough-examples", "enough-examples": "good-data"}
    }

    page.reload()
    expect(rule.locator("[data-wp-choose=enough-examples]")).to_have_attribute("aria-current", "true")
    expect(rule.locator("[data-wp-choose=detailed-prompt]")).not_to_have_attribute("aria-current", "true")
    expect(progress_text(page)).to_have_text("1 of 6 steps")

    # Changing the mind: the other branch is the path now, and its count.
    rule.locator("[data-wp-choose=detailed-prompt]").click()
    expect(progress_text(page)).to_have_text("1 of 5 steps")
    expect(page.locator(".wp-step[data-wp-step=good-data]")).to_have_class("wp-step wp-step--concept wp-is-off-path")
    expect(continue_).to_have_text("Continue: Anatomy of a detailed prompt")


# ---- Export, reset, import ----


def _tools(page: Any, site_url: str) -> None:
    page.goto(site_url + "journeys/")
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()


def test_export_then_reset_then_import_restores_the_same_progress(page: Any, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "journeys/should-i-fine-tune/")
    page.locator("[data-wp-choose=detailed-prompt]").click()
    page.get_by_label("Done: Prompting versus fine-tuning").check()
    page.goto(site_url + "exercises/curate-your-best-work/")
    page.locator(".wp-task input").first.check()
    before = stored(page)

    _tools(page, site_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert download.value.suggested_filename == "waypost-progress.json"
    assert json.loads(exported.read_text(encoding="utf-8")) == before
    expect(page.locator(".wp-tools__msg")).to_have_text("Progress exported as waypost-progress.json.")

    page.get_by_role("button", name="Reset progress").click()
    expect(page.get_by_text("Delete all progress in this browser?")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    assert stored(page) == before
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    expect(page.locator(".wp-tools__msg")).to_have_text("Progress reset.")
    assert {k: stored(page)[k] for k in ("done", "tasks", "choices")} == {"done": {}, "tasks": {}, "choices": {}}
    expect(progress_text(page, "[data-wp-journey=should-i-fine-tune]")).to_have_text("Not started")

    page.locator("[data-wp-import]").set_input_files(str(exported))
    expect(page.locator(".wp-tools__msg")).to_have_text("Progress imported.")
    after = stored(page)
    assert {k: after[k] for k in ("version", "done", "tasks", "choices", "starts")} == {
        k: before[k] for k in ("version", "done", "tasks", "choices", "starts")
    }
    expect(progress_text(page, "[data-wp-journey=should-i-fine-tune]")).to_have_text("1 of 5 steps")


HOSTILE_IMPORTS = {
    "markup in a value": (
        '{"version":1,"done":{"concept:a":"<img src=x onerror=alert(1)>"},"tasks":{},"choices":{}}',
        "it is not a Waypost progress file",
    ),
    "markup in a key": (
        '{"version":1,"done":{"<img src=x onerror=alert(1)>":true},"tasks":{},"choices":{}}',
        "it is not a Waypost progress file",
    ),
    "prototype key": (
        '{"version":1,"done":{},"tasks":{"__proto__":["a"]},"choices":{}}',
        "it is not a Waypost progress file",
    ),
    "extra field": (
        '{"version":1,"done":{},"tasks":{},"choices":{},"html":"<b>x</b>"}',
        "it is not a Waypost progress file",
    ),
    "task list not a list": (
        '{"version":1,"done":{},"tasks":{"a":"b"},"choices":{}}',
        "it is not a Waypost progress file",
    ),
    "a start that is not an id": (
        '{"version":2,"done":{},"tasks":{},"choices":{},"starts":{"should-i-fine-tune":"<b>x</b>"}}',
        "it is not a Waypost progress file",
    ),
    "a start under a prototype key": (
        '{"version":2,"done":{},"tasks":{},"choices":{},"starts":{"__proto__":"detailed-prompt"}}',
        "it is not a Waypost progress file",
    ),
    "a version in words": (
        '{"version":"1","done":{},"tasks":{},"choices":{}}',
        "it is not a Waypost progress file",
    ),
    "another version": (
        '{"version":7,"done":{},"tasks":{},"choices":{}}',
        "it comes from another version of this site",
    ),
    "not JSON": ("<script>alert(1)</script>", "it is not a JSON file"),
    "a JSON list": ("[1, 2, 3]", "it is not a Waypost progress file"),
    "oversized": (
        '{"version":1,"done":{},"tasks":{},"choices":{},"pad":"' + "x" * 300_000 + '"}',
        "it is larger than 256 KB",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_IMPORTS))
def test_a_wrong_or_hostile_import_is_refused_and_changes_nothing(
    page: Any, site_url: str, tmp_path: Path, case: str
) -> None:
    content, reason = HOSTILE_IMPORTS[case]
    page.goto(site_url + "concepts/what-is-prompting/")
    page.get_by_label("Mark this concept as done").check()
    before = stored(page)
    _tools(page, site_url)
    hostile = tmp_path / "progress.json"
    hostile.write_text(content, encoding="utf-8")
    page.locator("[data-wp-import]").set_input_files(str(hostile))
    message = page.locator(".wp-tools__msg")
    expect(message).to_have_text(f"Import refused: {reason}. Your progress has not changed.")
    expect(message).to_have_class("wp-tools__msg wp-is-error")
    assert stored(page) == before
    assert page.locator("main img").count() == 0
    assert page.evaluate("Object.prototype.a") is None


# ---- Storage that fails ----


def test_corrupted_stored_progress_is_set_aside_not_wiped(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{\"version\": 1, \"done\": ')")
    page.goto(site_url + "concepts/what-is-prompting/")
    expect(page.locator(".wp-note p")).to_have_text(SET_ASIDE)
    aside = page.evaluate(
        f"Object.keys(localStorage).filter(k => k.startsWith('{KEY}.corrupt-')).map(k => localStorage.getItem(k))"
    )
    assert aside == ['{"version": 1, "done": ']
    page.get_by_label("Mark this concept as done").check()
    assert stored(page)["done"] == {"concept:what-is-prompting": True}
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".wp-note")).to_have_count(0)


BLOCKED_STORAGE = {
    "disabled": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
}


@pytest.mark.parametrize("how", sorted(BLOCKED_STORAGE))
def test_without_storage_pages_work_for_the_visit_and_say_progress_is_not_saved(
    browser: Any, site_url: str, how: str
) -> None:
    context = local_context(browser, site_url)
    context.add_init_script(BLOCKED_STORAGE[how])
    tab = watched(context.new_page())
    try:
        tab.goto(site_url + "journeys/prompting-and-fine-tuning-basics/")
        expect(tab.locator(".wp-note p")).to_have_text(CANNOT_SAVE)
        tab.get_by_label("Done: What prompting is").check()
        expect(progress_text(tab)).to_have_text("1 of 6 steps")
        expect(tab.locator("[data-wp-continue]")).to_have_text("Continue: Rewrite a vague prompt")
        # Material's own inline scripts read localStorage unguarded (for the colour palette) and throw
        # when it is blocked; the page still works, as the ticks above show. Nothing else may fail.
        material = "page error: The operation is insecure. at "
        assert [e for e in tab.errors if e != material] == []
    finally:
        context.close()


# ---- Without JavaScript ----


def test_without_javascript_checklists_are_plain_lists_of_links(browser: Any, site_url: str) -> None:
    context = local_context(browser, site_url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site_url + "journeys/should-i-fine-tune/")
        steps = tab.locator(".wp-steps > li")
        expect(steps).to_have_count(12)
        expect(tab.get_by_role("link", name="Prompting versus fine-tuning").first).to_be_visible()
        expect(tab.locator(".wp-steps input")).to_have_count(10)
        for i in range(10):
            expect(tab.locator(".wp-steps input").nth(i)).to_be_hidden()
        expect(tab.locator(".wp-journey [data-wp-progress]")).to_be_hidden()
        expect(tab.get_by_role("link", name="Start the journey")).to_be_visible()

        tab.goto(site_url + "exercises/curate-your-best-work/")
        expect(tab.locator(".wp-task label").first).to_be_visible()
        expect(tab.locator(".wp-task input").first).to_be_hidden()
        expect(tab.get_by_text("Mark this exercise as done")).to_be_hidden()

        tab.goto(site_url + "journeys/")
        expect(tab.get_by_role("heading", name="Your progress")).to_have_count(0)
    finally:
        context.close()


# ---- Renamed content ----


@pytest.fixture(scope="module")
def renamed_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site after renames: each new id lists the old one as an alias."""
    from browser import serve
    from sitebuild import build

    def renamed(rel: str, *swaps: tuple[str, str]) -> str:
        text = (BASE / rel).read_text(encoding="utf-8")
        for old, new in swaps:
            assert old in text
            text = text.replace(old, new, 1)
        return text

    root = make_site(
        tmp_path_factory.mktemp("renamed") / "p",
        files={
            "content/concepts/alpha.md": renamed(
                "content/concepts/alpha.md", ("id: alpha\n", "id: alpha\naliases: [old-alpha]\n")
            ),
            "content/exercises/try-alpha.md": renamed(
                "content/exercises/try-alpha.md",
                ("id: try-alpha\n", "id: try-alpha\naliases: [old-try]\n"),
                ("  - id: write\n", "  - id: write\n    aliases: [old-write]\n"),
            ),
            "journeys/first-steps.yml": renamed(
                "journeys/first-steps.yml",
                ("id: first-steps\n", "id: first-steps\naliases: [old-steps]\n"),
                ("  - id: choose\n", "  - id: choose\n    aliases: [old-choose]\n"),
            ),
        },
    )
    with serve(root / "site") as url:
        build(root, root / "site", env_extra={"SITE_URL": url})
        yield url


def test_progress_under_old_ids_moves_to_the_new_ids_and_removed_ids_are_kept(
    browser: Any, renamed_site_url: str
) -> None:
    url = renamed_site_url
    context = local_context(browser, url)
    tab = watched(context.new_page())
    old = {
        "version": 1,
        "done": {"concept:old-alpha": True, "concept:removed-one": True},
        "tasks": {"old-try": ["old-write"], "removed-exercise": ["a"]},
        "choices": {"old-steps": {"old-choose": "more"}},
        "updated": None,
    }
    try:
        tab.goto(url)
        tab.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(old))})")
        tab.goto(url + "journeys/first-steps/")
        expect(tab.get_by_label("Done: Alpha")).to_be_checked()
        expect(tab.locator("[data-wp-choose=more]")).to_have_attribute("aria-current", "true")
        expect(tab.locator(".wp-step[data-wp-step=practice]")).to_have_class("wp-step wp-step--exercise wp-is-off-path")
        tab.goto(url + "exercises/try-alpha/")
        expect(tab.get_by_label("Write one sentence about it.")).to_be_checked()
        expect(tab.get_by_label("Read the alpha page.")).not_to_be_checked()
        now = stored(tab)
        assert now["done"] == {"concept:alpha": True, "concept:removed-one": True}
        assert now["tasks"] == {"try-alpha": ["write"], "removed-exercise": ["a"]}
        assert now["choices"] == {"first-steps": {"choose": "more"}}
        assert tab.errors == []
    finally:
        context.close()


# ---- Accessibility ----


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "journeys/",
        "journeys/should-i-fine-tune/",
        "concepts/how-many-examples/",
        "exercises/curate-your-best-work/",
    ],
)
def test_pages_have_no_accessibility_violations(browser: Any, site_url: str, path: str, scheme: str) -> None:
    context = local_context(browser, site_url, color_scheme=scheme)
    tab = watched(context.new_page())
    try:
        tab.goto(site_url + path)
        # Some progress, so that done, current and off-path states are checked too.
        tab.evaluate(
            f"""localStorage.setItem('{KEY}', JSON.stringify({{version: 1, updated: null,
                done: {{"concept:prompting-vs-fine-tuning": true, "concept:how-many-examples": true}},
                tasks: {{"curate-your-best-work": []}},
                choices: {{"should-i-fine-tune": {{"can-you-write-the-rule": "enough-examples"}}}}}}))"""
        )
        tab.reload()
        expect(tab.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        assert axe_violations(tab) == []
        assert tab.errors == []
    finally:
        context.close()


# ---- No layout shift ----


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "journeys/",
        "journeys/should-i-fine-tune/",
        "concepts/how-many-examples/",
        "exercises/curate-your-best-work/",
    ],
)
def test_filling_in_progress_shifts_nothing_on_the_page(
    page: Any, site_url: str, path: str, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url)
    page.evaluate(
        f"""localStorage.setItem('{KEY}', JSON.stringify({{version: 1, updated: null,
            done: {{"concept:prompting-vs-fine-tuning": true, "concept:how-many-examples": true}},
            tasks: {{"curate-your-best-work": ["choose-a-category"]}},
            choices: {{"should-i-fine-tune": {{"can-you-write-the-rule": "enough-examples"}}}}}}))"""
    )
    # The page paints before its progress is filled in, as on a slow connection: else no shift could be seen.
    page.route("**/waypost.js", lambda route: (time.sleep(0.4), route.continue_()))
    page.goto(site_url + path)  # which waits for the script, so progress is in place
    assert page.evaluate(LAYOUT_SHIFT) == 0


def test_progress_kept_by_the_previous_version_of_the_site_is_read_and_kept(page: Any, site_url: str) -> None:
    older = {"version": 1, "done": {"concept:what-is-prompting": True}, "tasks": {}, "choices": {}, "updated": None}
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(older))})")
    page.goto(site_url + "concepts/what-is-prompting/")
    expect(page.get_by_label("Mark this concept as done")).to_be_checked()
    page.get_by_label("Mark this concept as done").uncheck()
    now = stored(page)
    assert (now["version"], now["done"], now["starts"]) == (2, {}, {})


def test_progress_from_a_newer_version_of_the_site_is_set_aside_not_lost(page: Any, site_url: str) -> None:
    newer = '{"version": 3, "done": {"concept:what-is-prompting": true}, "tasks": {}, "choices": {}}'
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(newer)})")
    page.goto(site_url + "concepts/what-is-prompting/")
    expect(page.locator(".wp-note p")).to_have_text(SET_ASIDE)
    expect(page.get_by_label("Mark this concept as done")).not_to_be_checked()
    aside = page.evaluate(
        f"Object.keys(localStorage).filter(k => k.startsWith('{KEY}.corrupt-')).map(k => localStorage.getItem(k))"
    )
    assert aside == [newer]


def test_an_option_followed_from_a_steps_page_is_the_choice_made(page: Any, site_url: str) -> None:
    """A learner who goes on from a step's page, under "Next, decide", has chosen: the journey says so."""
    page.goto(site_url + "concepts/prompting-vs-fine-tuning/")
    page.get_by_label("Mark this concept as done").check()
    placement = page.locator(".wp-placement[data-wp-journey=should-i-fine-tune]")
    placement.get_by_role("link", name="Anatomy of a detailed prompt").click()
    # The theme's navigation.tracking may leave an anchor on the address while it scrolls (under load).
    expect(page).to_have_url(re.compile(r"/concepts/writing-a-detailed-prompt/(#[\w-]*)?$"))
    # Instant navigation changes the address first and the page after: tick the new page's box.
    expect(page.locator("article h1")).to_have_text("Anatomy of a detailed prompt")
    page.locator('[data-wp-toggle="concept:writing-a-detailed-prompt"]').check()
    assert stored(page)["choices"] == {"should-i-fine-tune": {"can-you-write-the-rule": "detailed-prompt"}}

    page.goto(site_url + "journeys/should-i-fine-tune/")
    expect(progress_text(page)).to_have_text("2 of 5 steps")
    expect(page.locator("[data-wp-choose=detailed-prompt]").first).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-wp-continue]")).to_have_text("Continue: Write a prompt for your key deliverable")


@pytest.mark.parametrize(
    ("path", "checkbox"),
    [
        ("journeys/should-i-fine-tune/", "Done: Prompting versus fine-tuning"),
        ("exercises/curate-your-best-work/", "Mark this exercise as done"),
    ],
)
def test_a_checkbox_reached_with_the_keyboard_shows_its_focus(
    page: Any, site_url: str, path: str, checkbox: str
) -> None:
    page.goto(site_url + path)
    box = page.get_by_label(checkbox)
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: what :focus-visible shows
    expect(box).to_be_focused()
    outline = box.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, outline


def test_escape_cancels_a_reset_and_keeps_the_progress(page: Any, site_url: str) -> None:
    page.goto(site_url + "concepts/prompting-vs-fine-tuning/")
    page.get_by_label("Mark this concept as done").check()
    _tools(page, site_url)
    page.get_by_role("button", name="Reset progress").click()
    expect(page.get_by_role("button", name="Yes, reset")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Yes, reset")).to_be_hidden()
    expect(page.get_by_role("button", name="Reset progress")).to_be_focused()
    assert stored(page)["done"] == {"concept:prompting-vs-fine-tuning": True}


def test_a_journey_walked_to_its_end_says_it_is_finished(page: Any, site_url: str) -> None:
    page.goto(site_url + "journeys/should-i-fine-tune/")
    page.locator("[data-wp-choose=detailed-prompt]").first.click()
    for box in page.locator(".wp-step:not(.wp-is-off-path) input[data-wp-toggle]").all():
        box.check()
    expect(progress_text(page)).to_have_text("Finished: all 5 steps")
    expect(page.locator("[data-wp-continue]")).to_have_text("Review the journey")
    page.goto(site_url + "journeys/")
    expect(progress_text(page, "[data-wp-journey=should-i-fine-tune]")).to_have_text("Finished: all 5 steps")
    expect(page.locator("[data-wp-journey=should-i-fine-tune] [data-wp-card-continue]")).to_be_hidden()


def test_a_card_of_a_journey_begun_leads_back_to_where_the_learner_is(page: Any, site_url: str) -> None:
    """Coming back days later, the home page's card goes straight to the learner's place in the journey."""
    page.goto(site_url)
    expect(page.locator("[data-wp-card-continue]:visible")).to_have_count(0)  # nothing begun
    page.goto(site_url + "journeys/should-i-fine-tune/")
    page.get_by_label("Done: Prompting versus fine-tuning").check()
    page.goto(site_url)
    begun = page.locator("article.wp-card:has([data-wp-card-continue]:visible)")
    expect(begun).to_have_count(2)
    assert sorted(begun.evaluate_all("cards => cards.map(c => c.dataset.wpJourney)")) == [
        "prompting-and-fine-tuning-basics",
        "should-i-fine-tune",
    ]
    card = page.locator("article.wp-card[data-wp-journey=should-i-fine-tune]")
    go = card.get_by_role("link", name="Continue Should I fine-tune?")
    expect(go).to_have_attribute("href", re.compile(r"journeys/should-i-fine-tune/#step-can-you-write-the-rule$"))
    go.click()
    # The theme's navigation.tracking may rewrite the address's anchor as it scrolls: look at the page instead.
    expect(page.locator("article h1")).to_have_text("Should I fine-tune?")
    expect(page.locator("#step-can-you-write-the-rule")).to_have_class(re.compile(r"\bwp-is-current\b"))
    page.locator("[data-wp-choose=detailed-prompt]").first.click()
    page.goto(site_url)
    expect(card.get_by_role("link", name="Continue Should I fine-tune?")).to_have_attribute(
        "href", re.compile(r"#step-detailed-prompt$")
    )


def test_a_steps_position_follows_the_learners_route(page: Any, site_url: str) -> None:
    """Where routes differ in length, a step's page counts along the route the learner's choices took,
    and "Previous" names the step before it on that route."""
    where = "section.wp-placement[data-wp-journey=should-i-fine-tune] .wp-placement__position"
    previous = page.locator("section.wp-placement[data-wp-journey=should-i-fine-tune] .wp-placement__prev")
    page.goto(site_url + "concepts/examples-in-the-prompt/")
    expect(page.locator(where)).to_have_text("Step 2 of 3")  # no choice yet: the shortest route through it
    expect(previous.locator("visible=true")).to_have_text(["Previous: Prompting versus fine-tuning"])
    page.goto(site_url + "journeys/should-i-fine-tune/")
    option = page.locator("[data-wp-choose=detailed-prompt]").first
    option.click()
    expect(option).to_have_attribute("aria-current", "true")  # the choice is kept before the page is left
    page.goto(site_url + "concepts/examples-in-the-prompt/")
    expect(page.locator(where)).to_have_text("Step 4 of 5")
    expect(previous.locator("visible=true")).to_have_text(["Previous: Write a prompt for your key deliverable"])
    expect(previous.locator("visible=true").get_by_role("link")).to_have_attribute(
        "href", re.compile(r"/exercises/write-a-deliverable-prompt/$")
    )
    page.goto(site_url + "concepts/prompting-vs-fine-tuning/")  # before the decision: its total follows the choice
    expect(page.locator(where)).to_have_text("Step 1 of 5")


def test_a_choice_before_where_the_learner_began_takes_them_back_to_the_first_step(page: Any, site_url: str) -> None:
    """Their route no longer reaches the step they began at: the journey is theirs from the first step again."""
    page.goto(site_url)
    page.evaluate(
        """window.waypostProgress.startAt("should-i-fine-tune", "detailed-prompt",
            '{"can-you-write-the-rule": "detailed-prompt"}')"""
    )
    where = "section.wp-placement[data-wp-journey=should-i-fine-tune] .wp-placement__position"
    page.goto(site_url + "concepts/writing-a-detailed-prompt/")
    expect(page.locator(where)).to_have_text("Step 1 of 4")
    page.goto(site_url + "journeys/should-i-fine-tune/")
    expect(page.locator("[data-wp-continue]")).to_have_text("Start at: Anatomy of a detailed prompt")
    page.locator("[data-wp-choose=enough-examples]").first.click()
    expect(page.locator("[data-wp-continue]")).to_have_text("Start the journey")
    expect(page.locator("#step-the-difference")).not_to_have_class(re.compile(r"wp-is-off-path"))
    expect(page.get_by_role("button", name="Start from the first step")).to_be_hidden()
    page.goto(site_url + "concepts/writing-a-detailed-prompt/")  # off the route now: the page's own figure again
    expect(page.locator(where)).to_have_text("Step 2 of 5")


def test_a_start_at_a_decision_asks_for_the_choice(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate(
        """window.waypostProgress.startAt("should-i-fine-tune", "enough-examples",
            '{"can-you-write-the-rule": "enough-examples"}')"""
    )
    page.goto(site_url + "journeys/should-i-fine-tune/")
    expect(page.locator("[data-wp-continue]")).to_have_text("Start at: make a choice")
    expect(page.locator("[data-wp-continue]")).to_have_attribute("href", "#step-enough-examples")


def test_back_shows_a_page_with_the_progress_made_since(page: Any, site_url: str) -> None:
    """The browser may restore a page, or its boxes, as they were when the learner left it."""
    page.goto(site_url + "concepts/what-is-prompting/")
    expect(page.get_by_label("Mark this concept as done")).not_to_be_checked()
    page.goto(site_url + "journeys/prompting-and-fine-tuning-basics/")
    page.get_by_label("Done: What prompting is").check()
    page.go_back()
    expect(page.get_by_label("Mark this concept as done")).to_be_checked()
