"""'Where do I start?' in a real browser: Debian's Chromium, driven by Playwright, on the shipped site served locally."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from browser import LAYOUT_SHIFT, axe_violations, local_context, watched
from conftest import ROOT
from waypost.check import check_project
from waypost.model import StepKind
from waypost.placement import Questionnaire

KEY = "waypost.placement"
PROGRESS = "waypost.progress"
PROJECT = check_project(ROOT).project
PLACEMENT: Questionnaire = PROJECT.placement  # type: ignore[assignment]


def paths(placement: Questionnaire) -> list[tuple[list[str], str, str]]:
    """Every way through the questions: the answers given, the journey recommended and where its start link goes."""
    found = []
    todo: list[tuple[str, list[str]]] = [(placement.first.id, [])]
    while todo:
        question_id, answers = todo.pop(0)
        question = placement.question(question_id)
        assert question is not None
        for answer in question.answers:
            if answer.recommend is None:
                todo.append((answer.goto, [*answers, answer.label]))
                continue
            journey = PROJECT.journeys[answer.recommend.journey]
            step = journey.step(answer.recommend.step) if answer.recommend.step else None
            if step is None:
                landing = journey.title
            elif step.kind is StepKind.CONCEPT:
                landing = PROJECT.concepts[step.target].title
            else:
                landing = PROJECT.exercises[step.target].title
            found.append(([*answers, answer.label], journey.title, landing))
    return found


PATHS = paths(PLACEMENT)


def quiz(tab: Any) -> Any:
    return tab.locator("form[data-wp-quiz]")


def answer(tab: Any, label: str) -> None:
    quiz(tab).get_by_label(label, exact=True).check()
    quiz(tab).get_by_role("button", name="Next").click()


def stored(tab: Any) -> Any:
    return json.loads(tab.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def recommended(tab: Any) -> Any:
    """The visible 'Recommended for you' line of the page's slot."""
    return tab.locator("[data-wp-rec] > p:visible")


# ---- Answering ----


@pytest.mark.parametrize(("answers", "journey", "landing"), PATHS, ids=[" / ".join(p[0])[:60] for p in PATHS])
def test_answers_lead_to_their_journey_and_the_start_link_opens_it(
    page: Any, site_url: str, answers: list[str], journey: str, landing: str
) -> None:
    page.goto(site_url + "start/")
    for label in answers:
        answer(page, label)
    result = quiz(page).locator(".wp-quiz__result:visible")
    expect(result).to_have_count(1)
    expect(result.get_by_role("heading", level=2)).to_have_text(f"Recommended for you: {journey}")
    expect(result.get_by_role("heading", level=2)).to_be_focused()
    expect(quiz(page).locator("fieldset:visible")).to_have_count(0)
    expect(quiz(page).get_by_role("button", name="Next")).to_be_hidden()
    result.get_by_role("link", name="Start this journey").click()
    expect(page.locator("article h1")).to_have_text(landing)


def test_a_journey_begun_where_the_answers_place_the_learner_counts_from_there(page: Any, site_url: str) -> None:
    """Sent to a later step, the learner is not told to go back to what the answers let them skip."""
    where = "section.wp-placement[data-wp-journey=should-i-fine-tune] .wp-placement__position"
    page.goto(site_url + "start/")
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    answer(page, "Yes, I can describe it")
    quiz(page).locator(".wp-quiz__result:visible").get_by_role("link", name="Start this journey").click()
    expect(page.locator("article h1")).to_have_text("Anatomy of a detailed prompt")
    expect(page.locator(where)).to_have_text("Step 1 of 4")  # the page alone says 2 of 5: from the first step
    previous = page.locator("section.wp-placement[data-wp-journey=should-i-fine-tune] .wp-placement__prev")
    expect(previous.locator("visible=true")).to_have_text(["This is where you start the journey."])
    page.get_by_label("Mark this concept as done").check()

    page.goto(site_url + "journeys/should-i-fine-tune/")
    expect(page.locator(".wp-journey .wp-progress__text")).to_have_text("1 of 4 steps")
    expect(page.locator("[data-wp-continue]")).to_have_text("Continue: Write a prompt for your key deliverable")
    expect(page.locator("#step-the-difference")).to_have_class(re.compile(r"\bwp-is-off-path\b"))
    page.goto(site_url)
    expect(page.locator("[data-wp-journey=should-i-fine-tune] .wp-progress__text")).to_have_text("1 of 4 steps")

    # The whole journey, at the learner's word: the step they began at stays on their route.
    page.goto(site_url + "journeys/should-i-fine-tune/")
    page.get_by_role("button", name="Start from the first step").click()
    expect(page.locator(".wp-journey .wp-progress__text")).to_have_text("1 of 5 steps")
    expect(page.locator("[data-wp-continue]")).to_have_text("Continue: Prompting versus fine-tuning")
    expect(page.locator("[data-wp-continue]")).to_be_focused()
    expect(page.get_by_role("button", name="Start from the first step")).to_be_hidden()


def test_a_start_opened_in_a_new_tab_is_recorded_too(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    answer(page, "Yes, I can describe it")
    start = quiz(page).locator(".wp-quiz__result:visible").get_by_role("link", name="Start this journey")
    with page.context.expect_page() as opened:
        start.click(button="middle")
    opened.value.close()
    progress = json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS}')"))
    assert progress["starts"] == {"should-i-fine-tune": "detailed-prompt"}


def test_the_remembered_recommendation_begins_a_journey_not_yet_begun_where_it_placed_the_learner(
    page: Any, site_url: str
) -> None:
    """The learner answered, left without starting, and comes back by the home page's "Recommended for you"."""
    page.goto(site_url + "start/")
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    answer(page, "Yes, I can describe it")
    assert stored(page)["choices"] == {"can-you-write-the-rule": "detailed-prompt"}
    page.goto(site_url)
    recommended(page).get_by_role("link", name="Should I fine-tune?").click()
    expect(page.locator("article h1")).to_have_text("Should I fine-tune?")
    expect(page.locator("[data-wp-continue]")).to_have_text("Start at: Anatomy of a detailed prompt")
    expect(page.locator("[data-wp-choose=detailed-prompt]").first).to_have_attribute("aria-current", "true")

    # Begun from the first step since: following the recommendation again leaves the learner's own way alone.
    page.get_by_role("button", name="Start from the first step").click()
    page.goto(site_url + "concepts/prompting-vs-fine-tuning/")
    page.get_by_label("Mark this concept as done").check()
    page.goto(site_url)
    recommended(page).get_by_role("link", name="Should I fine-tune?").click()
    expect(page.locator("[data-wp-continue]")).to_have_text("Continue: Anatomy of a detailed prompt")
    expect(page.locator(".wp-journey .wp-progress__text")).to_have_text("1 of 5 steps")


def test_starting_a_journey_from_its_first_step_undoes_an_earlier_start_and_its_choices(
    page: Any, site_url: str
) -> None:
    page.goto(site_url)
    page.evaluate(
        f"""localStorage.setItem('{PROGRESS}', JSON.stringify({{version: 2, done: {{}}, tasks: {{}},
            choices: {{"customise-ai-without-training": {{"volume": "pays-off"}}}},
            starts: {{"customise-ai-without-training": "pays-off"}}}}))"""
    )
    page.goto(site_url + "start/")
    answer(page, "I use AI tools to get my own work done, such as emails, notes and reports")
    answer(page, "No, far fewer")
    quiz(page).locator(".wp-quiz__result:visible").get_by_role("link", name="Start this journey").click()
    expect(page.locator("article h1")).to_have_text("Customise AI without training it")
    progress = json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS}')"))
    assert (progress["starts"], progress["choices"]) == ({}, {"customise-ai-without-training": {}})


def test_the_recommendation_comes_with_its_reason_and_counts_the_questions(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    expect(quiz(page).locator("fieldset:visible legend")).to_have_text("Question 1 Which describes you best?")
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    expect(quiz(page).locator("fieldset:visible legend")).to_have_text(
        "Question 2 Can you write down, in plain words, what a good result looks like?"
    )
    answer(page, "No, I recognise it but cannot explain it")
    expect(quiz(page).locator("fieldset:visible .wp-quiz__count")).to_have_text("Question 3")
    answer(page, "Yes, 100 or more")
    expect(quiz(page).locator(".wp-quiz__result:visible .wp-quiz__reason")).to_have_text(
        "You have the raw material for a first fine-tune; curate it and test the result against a generic model."
    )
    assert stored(page) == {
        "version": 1,
        "journey": "first-fine-tune",
        "step": None,
        "choices": {},  # from the first step: no decision is settled
        "saved": stored(page)["saved"],
    }


def test_next_without_an_answer_says_so_and_stays(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    quiz(page).get_by_role("button", name="Next").click()
    expect(quiz(page).get_by_role("status")).to_have_text("Choose an answer to go on.")
    expect(quiz(page).locator("fieldset:visible legend")).to_contain_text("Question 1")
    expect(quiz(page).get_by_label("I am new to AI tools and want to understand the basics first")).to_be_focused()


def test_back_returns_to_the_last_question_with_its_answer_and_restart_clears_them(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    expect(quiz(page).get_by_role("button", name="Back")).to_be_hidden()
    expect(quiz(page).get_by_role("button", name="Restart")).to_be_hidden()
    answer(page, "I use AI tools to get my own work done, such as emails, notes and reports")
    answer(page, "No, far fewer")
    expect(quiz(page).locator(".wp-quiz__result:visible h2")).to_have_text(
        "Recommended for you: Customise AI without training it"
    )

    quiz(page).get_by_role("button", name="Back").click()
    expect(quiz(page).locator("fieldset:visible legend")).to_have_text(
        "Question 2 Do you run one task through an AI tool 10,000 or more times a month?"
    )
    expect(quiz(page).get_by_label("No, far fewer")).to_be_checked()
    expect(quiz(page).get_by_label("No, far fewer")).to_be_focused()
    quiz(page).get_by_role("button", name="Back").click()
    expect(quiz(page).locator("fieldset:visible legend")).to_contain_text("Question 1")
    expect(
        quiz(page).get_by_label("I use AI tools to get my own work done, such as emails, notes and reports")
    ).to_be_checked()
    expect(quiz(page).get_by_role("button", name="Back")).to_be_hidden()

    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    quiz(page).get_by_role("button", name="Restart").click()
    expect(quiz(page).locator("fieldset:visible legend")).to_contain_text("Question 1")
    expect(quiz(page).locator("input:checked")).to_have_count(0)
    expect(quiz(page).get_by_role("button", name="Restart")).to_be_hidden()


def test_keyboard_alone_answers_goes_back_and_follows_the_start_link(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    first = quiz(page).get_by_label("I am new to AI tools and want to understand the basics first")
    for _ in range(150):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(
        quiz(page).get_by_label("I sell my own work as a freelancer, such as writing, design or code")
    ).to_be_checked()
    page.keyboard.press("Tab")
    expect(quiz(page).get_by_role("button", name="Next")).to_be_focused()
    page.keyboard.press("Enter")

    # The new question takes the focus: Space picks its first answer.
    expect(quiz(page).get_by_label("Yes, I can describe it")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(quiz(page).get_by_role("button", name="Back")).to_be_focused()
    page.keyboard.press("Enter")
    expect(
        quiz(page).get_by_label("I sell my own work as a freelancer, such as writing, design or code")
    ).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.keyboard.press("Space")
    expect(quiz(page).get_by_label("Yes, I can describe it")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    heading = quiz(page).locator(".wp-quiz__result:visible h2")
    expect(heading).to_have_text("Recommended for you: Should I fine-tune?")
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    expect(quiz(page).get_by_role("link", name="Start this journey")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text("Anatomy of a detailed prompt")


# ---- Remembered, shown on the home page, cleared ----


def test_the_home_page_shows_the_recommendation_after_a_reload_until_it_is_cleared(page: Any, site_url: str) -> None:
    page.goto(site_url)
    expect(recommended(page)).to_have_text(
        "Not sure where to begin? Where do I start? asks a few questions and suggests a journey."
    )
    page.goto(site_url + "start/")
    answer(page, "I am new to AI tools and want to understand the basics first")
    expect(recommended(page)).to_have_text(
        "Recommended for you: Prompting and fine-tuning, the basics Clear recommendation"
    )

    page.goto(site_url)
    page.reload()
    expect(recommended(page)).to_have_text(
        "Recommended for you: Prompting and fine-tuning, the basics Clear recommendation"
    )
    recommended(page).get_by_role("link").click()
    expect(page.locator("article h1")).to_have_text("Prompting and fine-tuning, the basics")

    page.goto(site_url)
    page.get_by_role("button", name="Clear recommendation").click()
    expect(recommended(page)).to_contain_text("Not sure where to begin?")
    expect(page.locator("[data-wp-rec]")).to_be_focused()
    assert stored(page) is None
    page.reload()
    expect(recommended(page)).to_contain_text("Not sure where to begin?")


def test_the_start_page_shows_the_remembered_recommendation_and_clears_it_too(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    expect(recommended(page)).to_have_text(
        "Your recommendation will be kept in this browser, so the home page can show it."
    )
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    answer(page, "Yes, I can describe it")
    page.reload()
    expect(recommended(page)).to_have_text("Recommended for you: Should I fine-tune? Clear recommendation")
    expect(quiz(page).locator("fieldset:visible legend")).to_contain_text("Question 1")
    page.get_by_role("button", name="Clear recommendation").click()
    expect(recommended(page)).to_contain_text("Your recommendation will be kept")
    assert stored(page) is None


def test_the_slot_follows_instant_navigation_and_the_form_mounts_once(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Where do I start?").first.click()
    expect(page).to_have_url(site_url + "start/")
    assert page.evaluate("window.sameDocument") is True, "Material's instant navigation loaded the page"
    answer(page, "I use AI tools to get my own work done, such as emails, notes and reports")
    expect(quiz(page).locator("fieldset:visible .wp-quiz__count")).to_have_text("Question 2")
    answer(page, "Yes, or I expect to soon")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Prompting or fine-tuning?").first.click()
    expect(recommended(page)).to_have_text("Recommended for you: Customise AI without training it Clear recommendation")
    # Back on the start page by instant navigation: one Next is still one question, not two.
    page.get_by_role("link", name="Where do I start?").first.click()
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    expect(quiz(page).locator("fieldset:visible .wp-quiz__count")).to_have_text("Question 2")


# ---- "Continue" when the learner has started the journey ----


@pytest.mark.parametrize(
    ("progress", "shown"),
    [
        ({"done": {"concept:what-is-fine-tuning": True}}, True),
        ({"done": {}, "tasks": {"curate-your-best-work": ["pick-a-category"]}}, True),
        ({"done": {"concept:what-is-prompting": True}}, False),  # a concept of other journeys only
        ({"done": {"concept:what-is-fine-tuning": "yes"}}, False),
        ({"done": ["concept:what-is-fine-tuning"]}, False),
        ({"version": 3, "done": {"concept:what-is-fine-tuning": True}}, False),  # set aside by waypost.js
        ({"done": {"concept:what-is-fine-tuning": True}, "extra": 1}, False),  # not a progress file: set aside
        (None, False),
    ],
    ids=[
        "concept-done",
        "task-ticked",
        "other-journey",
        "not-true",
        "a-list",
        "newer-version",
        "unknown-field",
        "none",
    ],
)
def test_continue_shows_only_with_progress_in_the_recommended_journey(
    page: Any, site_url: str, progress: Any, shown: bool
) -> None:
    page.goto(site_url + "start/")
    if progress is not None:
        page.evaluate(f"localStorage.setItem('{PROGRESS}', {json.dumps(json.dumps({'version': 1, **progress}))})")
    answer(page, "I sell my own work as a freelancer, such as writing, design or code")
    answer(page, "No, I recognise it but cannot explain it")
    answer(page, "Yes, 100 or more")
    link = quiz(page).locator(".wp-quiz__result:visible").get_by_role("link", name="Continue where you left off")
    if shown:
        expect(link).to_be_visible()
        link.click()
        expect(page.locator("article h1")).to_have_text("Fine-tune a first model on your best work")
    else:
        expect(link).to_be_hidden()


# ---- Untrusted storage ----


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "null",
        "[]",
        json.dumps({"version": 2, "journey": "first-fine-tune"}),
        json.dumps({"version": 1, "journey": "no-such-journey"}),
        json.dumps({"version": 1, "journey": '"><img src=x onerror=alert(1)>'}),
        json.dumps({"version": 1, "journey": "constructor"}),
    ],
)
def test_a_stored_value_that_names_no_recommended_journey_shows_the_invitation(
    page: Any, site_url: str, value: str
) -> None:
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(value)})")
    page.reload()
    expect(recommended(page)).to_contain_text("Not sure where to begin?")
    expect(page.locator("img[src=x]")).to_have_count(0)


def test_malformed_progress_hides_continue_without_an_error(page: Any, site_url: str) -> None:
    page.goto(site_url + "start/")
    page.evaluate(f"localStorage.setItem('{PROGRESS}', '{{broken')")
    answer(page, "I am new to AI tools and want to understand the basics first")
    expect(quiz(page).get_by_role("link", name="Continue where you left off")).to_be_hidden()


def test_without_storage_the_recommendation_lasts_for_the_visit(browser: Any, site_url: str) -> None:
    context = local_context(browser, site_url)
    context.add_init_script(
        """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""
    )
    tab = watched(context.new_page())
    try:
        tab.goto(site_url + "start/")
        answer(tab, "I am new to AI tools and want to understand the basics first")
        expect(quiz(tab).locator(".wp-quiz__result:visible h2")).to_contain_text(
            "Prompting and fine-tuning, the basics"
        )
        expect(recommended(tab)).to_contain_text("Recommended for you: Prompting and fine-tuning, the basics")
        # Material's own inline scripts read localStorage unguarded and throw when it is blocked; nothing else may.
        assert [e for e in tab.errors if not e.startswith("page error: The operation is insecure.")] == []
    finally:
        context.close()


# ---- Accessibility and layout ----


def _axe(tab: Any) -> list[str]:
    tab.mouse.move(0, 0)  # no button caught mid-way through its hover transition
    tab.wait_for_timeout(400)
    return axe_violations(tab)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_start_page_has_no_accessibility_violations_at_any_stage(browser: Any, site_url: str, scheme: str) -> None:
    context = local_context(browser, site_url, color_scheme=scheme)
    tab = watched(context.new_page())
    try:
        tab.goto(site_url + "start/")
        expect(tab.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        assert _axe(tab) == []
        quiz(tab).get_by_role("button", name="Next").click()  # the "choose an answer" message
        assert _axe(tab) == []
        answer(tab, "I sell my own work as a freelancer, such as writing, design or code")
        assert _axe(tab) == []
        tab.evaluate(
            f"localStorage.setItem('{PROGRESS}', JSON.stringify({{version: 1, done: {{'concept:writing-a-detailed-prompt': true}}}}))"
        )
        answer(tab, "Yes, I can describe it")
        expect(quiz(tab).get_by_role("link", name="Continue where you left off")).to_be_visible()
        assert _axe(tab) == []
        tab.goto(site_url)
        expect(recommended(tab)).to_contain_text("Recommended for you")
        assert _axe(tab) == []
        assert tab.errors == []
    finally:
        context.close()


def test_without_javascript_the_start_page_has_no_accessibility_violations(page: Any, site_url: str) -> None:
    # axe itself needs JavaScript, so the page is served without its scripts instead: it stays `no-js`,
    # exactly as a browser with JavaScript off shows it.
    def without_scripts(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.S))

    page.route(site_url + "start/", without_scripts)
    page.goto(site_url + "start/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    expect(quiz(page)).to_be_hidden()
    assert _axe(page) == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["", "start/"])
def test_showing_the_remembered_recommendation_shifts_nothing(page: Any, site_url: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url)
    # The longest title of the recommended journeys: the slot has room for it before any script runs.
    page.evaluate(f"""localStorage.setItem('{KEY}', JSON.stringify({{version: 1, journey: "first-fine-tune"}}))""")
    page.goto(site_url + path)
    expect(recommended(page)).to_contain_text("Fine-tune a first model on your best work")
    assert page.evaluate(LAYOUT_SHIFT) == 0


# ---- Without JavaScript ----


def test_without_javascript_the_whole_tree_is_reachable_from_home_and_usable(browser: Any, site_url: str) -> None:
    context = local_context(browser, site_url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url)
        tab.locator("article").get_by_role("link", name="Where do I start?").first.click()
        expect(tab).to_have_url(site_url + "start/")
        expect(quiz(tab)).to_be_hidden()
        expect(tab.locator("[data-wp-rec]")).to_be_hidden()
        tree = tab.locator("ul.wp-tree")
        for question in PLACEMENT.questions:
            expect(tree.locator(f"#q-{question.id} > .wp-tree__ask")).to_have_text(question.text)
            expect(tree.locator(f"#q-{question.id} > .wp-tree__ask")).to_be_visible()
            for item in question.answers:
                expect(tree.locator(f"#q-{question.id} > ul > li").get_by_text(item.label, exact=True)).to_be_visible()
        reasons = [rec.reason for _, _, rec in PLACEMENT.recommendations()]
        expect(tree.locator(".wp-tree__reason")).to_have_text(reasons)

        # Follow the answers down the list: each answer links to the question it leads to.
        tree.get_by_role("link", name="I sell my own work as a freelancer, such as writing, design or code").click()
        expect(tab).to_have_url(site_url + "start/#q-write-the-rule")
        tree.get_by_role("link", name="No, I recognise it but cannot explain it").click()
        expect(tab).to_have_url(site_url + "start/#q-labelled-examples")
        tree.locator("#q-labelled-examples").get_by_role("link", name="Showing examples in the prompt").click()
        expect(tab.locator("article h1")).to_have_text("Showing examples in the prompt")
    finally:
        context.close()


@pytest.mark.parametrize(
    "call",
    [
        """startAt("should-i-fine-tune", "detailed-prompt", '{"a": "<img src=x onerror=alert(1)>"}')""",
        """startAt("should-i-fine-tune", "detailed-prompt", '{"__proto__": "x"}')""",
        """startAt("should-i-fine-tune", "detailed-prompt", "not json")""",
        """startAt("<b>", "detailed-prompt")""",
        """startAt("should-i-fine-tune", ["detailed-prompt"])""",
    ],
)
def test_a_start_that_is_not_the_sites_own_changes_nothing(page: Any, site_url: str, call: str) -> None:
    page.goto(site_url)
    page.evaluate(f"window.waypostProgress.{call}")
    assert page.evaluate(f"localStorage.getItem('{PROGRESS}')") is None
