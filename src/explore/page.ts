/**
 * The explorer page's entry (bundled by esbuild into explorer.html): controls → the engine → the result
 * panel. Every change re-evaluates the whole design with the library's own functions in the next animation
 * frame, times it, and redraws; a change the engine refuses shows the CLI's message beside its control and
 * leaves the last good result on screen.
 */
import type { ExplorerData } from "../load/explorer-data.js";
import { explorerControls, type ControlSpec } from "./controls.js";
import { parseSpecs, type ExplorerSpecs } from "./data.js";
import { evaluate, type GraphMemo } from "./evaluate.js";
import { detailsHtml, METRICS, showMetrics, verdictText } from "./render.js";
import { chosenTarget, cliCommand, initialState, stateFromHash, stateToHash, type ExplorerState } from "./state.js";
import { esc } from "./svg.js";
import { sliderPosition, sliderValue } from "./slider.js";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Page {
  readonly data: ExplorerData;
  readonly specs: ExplorerSpecs;
  /** Graphs already built, by model overrides: a unit or target slider reuses the model's graph. */
  readonly graphs: GraphMemo;
  state: Map<string, string>;
  controls: ControlSpec[];
  pending: boolean;
}

/** A menu entry as shown: a target file by its name (the whole path is its value and its tooltip). */
function optionText(c: ControlSpec, option: string): string {
  return c.name === "-t" ? option.replace(/^.*[\\/]/, "").replace(/\.(ya?ml|cfg)$/i, "") : option;
}

function controlHtml(c: ControlSpec, state: ExplorerState): string {
  const value = state.get(c.name) ?? c.value;
  const input =
    c.options !== undefined
      ? `<select name="${esc(c.name)}" title="${esc(value)}">${c.options.map((o) => `<option value="${esc(o)}"${o === value ? " selected" : ""}>${esc(optionText(c, o))}</option>`).join("")}</select>`
      : `<input type="text" name="${esc(c.name)}" value="${esc(value)}" title="${esc(value)}" placeholder="${esc(c.placeholder ?? "")}" autocomplete="off" spellcheck="false">`;
  const slider =
    c.slider === undefined
      ? ""
      : `<input type="range" class="slide" min="0" max="100" step="1" value="50" data-for="${esc(c.name)}" data-base="${esc(c.value)}" aria-label="${esc(c.name)} (slider)">`;
  return `<label class="control${c.options !== undefined ? " menu" : ""}${state.has(c.name) ? " changed" : ""}"><span class="key">${esc(c.label)}</span>${input}${slider}<span class="problem" data-for="${esc(c.name)}"></span></label>`;
}

function drawControls(page: Page): void {
  page.controls = explorerControls(page.data, page.specs, chosenTarget(page.data, page.state));
  const groups = [...new Set(page.controls.map((c) => c.group))];
  byId("controls").innerHTML = groups
    .map(
      (g) =>
        `<fieldset><legend>${esc(g)}</legend>${page.controls
          .filter((c) => c.group === g)
          .map((c) => controlHtml(c, page.state))
          .join("")}</fieldset>`,
    )
    .join("");
  for (const slide of document.querySelectorAll<HTMLInputElement>("input.slide")) {
    const c = page.controls.find((x) => x.name === slide.dataset.for)!;
    slide.value = String(sliderPosition(Number(c.value), Number(page.state.get(c.name) ?? c.value)));
  }
}

/** Which control a problem is about: `--set <key>` or a control-loop flag at its start; else the page's. */
function problemControl(problem: string, names: readonly string[]): string | undefined {
  const set = /--set ([\w.$]+)/.exec(problem);
  if (set !== null && names.includes(set[1]!)) return set[1];
  return names.find((n) => n.startsWith("-") && problem.startsWith(`${n} `));
}

function showProblems(page: Page, problems: readonly string[]): void {
  const names = page.controls.map((c) => c.name);
  const general: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(".problem")) el.textContent = "";
  for (const el of document.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const p of problems) {
    const name = problemControl(p, names);
    const el =
      name === undefined ? null : document.querySelector<HTMLElement>(`.problem[data-for="${CSS.escape(name)}"]`);
    if (el === null) general.push(p);
    else {
      el.textContent = el.textContent === "" ? p : `${el.textContent}\n${p}`;
      document.querySelector(`[name="${CSS.escape(name!)}"]`)?.setAttribute("aria-invalid", "true");
    }
  }
  byId("problems").textContent = general.join("\n");
  byId("results").classList.toggle("stale", problems.length > 0);
}

/** Evaluates and redraws; the times are on the page (and in data attributes, for the benchmark). */
function update(page: Page): void {
  page.pending = false;
  const t0 = performance.now();
  const evaluation = evaluate(page.data, page.specs, page.state, page.graphs);
  const t1 = performance.now();
  if (evaluation.ok) {
    showProblems(page, []);
    showMetrics(document, evaluation.outcome);
    byId("verdict").textContent = verdictText(evaluation.outcome);
    byId("details").innerHTML = detailsHtml(evaluation.outcome);
  } else showProblems(page, evaluation.problems);
  byId("cli").textContent = cliCommand(page.data, page.state);
  const t2 = performance.now();
  const timing = byId("timing");
  timing.dataset.evaluateMs = String(t1 - t0);
  timing.dataset.updateMs = String(t2 - t0);
  timing.dataset.count = String(Number(timing.dataset.count ?? "0") + 1);
  timing.textContent = `evaluated in ${(t1 - t0).toFixed(1)} ms, drawn in ${(t2 - t1).toFixed(1)} ms`;
  history.replaceState(null, "", `#${stateToHash(page.state)}`);
}

function schedule(page: Page): void {
  if (page.pending) return;
  page.pending = true;
  requestAnimationFrame(() => update(page));
}

/** A control's new text: given when it differs from the files' value, forgotten when it is back to it. */
function setValue(page: Page, name: string, value: string): void {
  const c = page.controls.find((x) => x.name === name);
  if (c !== undefined && value === c.value) page.state.delete(name);
  else page.state.set(name, value);
  document
    .querySelector(`[name="${CSS.escape(name)}"]`)
    ?.closest(".control")
    ?.classList.toggle("changed", page.state.has(name));
  if (name === "-t") drawControls(page);
  schedule(page);
}

function listen(page: Page): void {
  const controls = byId("controls");
  // A select fires "input" too, so one listener serves every control.
  controls.addEventListener("input", (event) => {
    const el = event.target as HTMLInputElement | HTMLSelectElement;
    if (el.classList.contains("slide")) {
      const c = page.controls.find((x) => x.name === el.dataset.for)!;
      const value = String(sliderValue(Number(c.value), Number(el.value), c.slider === "integer"));
      (document.querySelector(`[name="${CSS.escape(c.name)}"]`) as HTMLInputElement).value = value;
      setValue(page, c.name, value);
    } else if (el.name !== "") {
      const slide = document.querySelector<HTMLInputElement>(`input.slide[data-for="${CSS.escape(el.name)}"]`);
      if (slide !== null) slide.value = String(sliderPosition(Number(slide.dataset.base), Number(el.value)));
      setValue(page, el.name, el.value.trim());
    }
  });
  byId("copy").addEventListener("click", () => {
    const text = byId("cli").textContent ?? "";
    const done = () => (byId("copy").textContent = "Copied");
    // Where the clipboard API is missing or refused (some file:// pages), the old way.
    if (navigator.clipboard === undefined) copyBySelection(text, done);
    else navigator.clipboard.writeText(text).then(done, () => copyBySelection(text, done));
  });
  byId("reset").addEventListener("click", () => {
    page.state = new Map(initialState(page.data));
    drawControls(page);
    schedule(page);
  });
  window.addEventListener("hashchange", () => {
    const state = stateFromHash(location.hash);
    if (state === undefined || stateToHash(state) === stateToHash(page.state)) return;
    page.state = new Map(state);
    drawControls(page);
    schedule(page);
  });
}

/** Where the clipboard API is refused (some file:// pages), the old way: select the text and copy. */
function copyBySelection(text: string, done: () => void): void {
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  if (document.execCommand("copy")) done();
  area.remove();
}

function start(): void {
  const data = JSON.parse(byId("explorer-data").textContent!) as ExplorerData;
  const subject = data.system === undefined ? data.targets.map((t) => t.path).join(", ") : data.system.file.path;
  byId("subtitle").textContent = `${data.model.path} on ${subject} · accel-sizer ${data.toolVersion}`;
  byId("metrics").innerHTML = METRICS.map(
    (m) =>
      `<div class="metric"><span class="label">${m.label}</span><span class="value" data-metric="${m.metric}">–</span><span class="unit">${m.unit}</span></div>`,
  ).join("");
  let specs: ExplorerSpecs;
  try {
    specs = parseSpecs(data);
  } catch (error) {
    byId("problems").textContent = (error as Error).message;
    return;
  }
  const page: Page = {
    data,
    specs,
    graphs: new Map(),
    state: new Map(stateFromHash(location.hash) ?? initialState(data)),
    controls: [],
    pending: false,
  };
  drawControls(page);
  listen(page);
  update(page);
}

start();
