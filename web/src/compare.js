// The comparison view: forces (a regional unit's members or a chosen set) against a pillar's
// questions, a grade matrix from compareForces. Each cell shows the grade's initials and label.

import { h, clear } from './dom.js';
import { grade, gradeBadge, gradeClass, gradeLegend, gradeSource } from './grades.js';
import { humanise } from './network.js';
import { passageList } from './passages.js';
import { format, go } from './route.js';
import { createScrollCue } from './scroll-cue.js';
import { createSearch } from './search.js';
import { NotFound } from './status.js';

/** The question as the year compared worded it (its judgments say), else its shared wording. */
function askedTitle(result, index) {
  const question = result.questions[index];
  const asked = result.rows.map((row) => row.judgments[index]?.asked).find(Boolean);
  return asked ?? question.title;
}

function questionHeading(question, title) {
  const label = question.number === 0 ? 'Overall' : `Q${question.number}`;
  return h(
    'th',
    { scope: 'col', className: 'question-col', title: title ?? '' },
    h('span', { className: 'q-number' }, label),
    title ? h('span', { className: 'q-title' }, title) : null,
  );
}

/** The marker of a grade read from summary wording, with the legend line that explains it. */
function summaryMarker() {
  return h(
    'span',
    { className: 'basis-marker', title: 'Read from the inspectorate’s summary wording' },
    h('span', { 'aria-hidden': 'true' }, '≈'),
    h('span', { className: 'visually-hidden' }, ' (read from summary wording)'),
  );
}

function basisLegend() {
  return h('p', { className: 'basis-legend muted' }, h('span', { className: 'basis-marker', 'aria-hidden': 'true' }, '≈'), ' read from the inspectorate’s summary wording, not stated in so many words. Choose a grade to see its source.');
}

/**
 * Why a cell has no grade, told apart because a reader draws different conclusions from each: the question
 * was not asked that year, the inspectorate asked it without grading it, or a grade exists that the graph
 * does not hold (no report of the force loaded, or a table without that question's row).
 */
export const ABSENCES = {
  missing: {
    mark: '?',
    text: 'Not in the data',
    explain: 'Not in the data: the inspectorate graded it, but the graph holds no grade for it.',
  },
  ungraded: {
    mark: '–',
    text: 'Not graded',
    explain: 'Not graded: the inspectorate asked this question that year without grading it.',
  },
  'not-asked': {
    mark: '',
    text: 'Not asked',
    explain: 'Not asked: the question was not part of that year’s inspection.',
  },
};

function absence(row, question, year) {
  const asOf = row.report?.year ?? year;
  if (asOf != null && question.years && !question.years.includes(asOf)) return { kind: 'not-asked', year: asOf };
  if (asOf != null && (question.ungradedYears ?? []).includes(asOf)) return { kind: 'ungraded', year: asOf };
  return { kind: 'missing', year: asOf };
}

function absentCell({ kind, year }) {
  const { mark, text, explain } = ABSENCES[kind];
  const when = year != null && kind !== 'missing' ? ` in ${year}` : '';
  return h(
    'td',
    { className: `cell absent absent-${kind}`, dataset: { absent: kind }, title: explain },
    mark ? h('span', { className: 'absent-mark', 'aria-hidden': 'true' }, mark) : null,
    h('span', { className: 'absent-text' }, `${text}${when}`),
  );
}

function absenceLegend() {
  return h(
    'ul',
    { className: 'legend absence-legend', 'aria-label': 'Cells without a grade' },
    Object.entries(ABSENCES).map(([kind, { mark, explain }]) =>
      h(
        'li',
        {},
        h('span', { className: `absent-swatch absent-${kind}`, 'aria-hidden': 'true' }, mark),
        h('span', {}, explain),
      ),
    ),
  );
}

export function createCompareView(root, { loadChoices, compare, findForces, loadForces, status, describeError }) {
  const unitSelect = root.querySelector('#compare-unit');
  const pillarSelect = root.querySelector('#compare-pillar');
  const yearSelect = root.querySelector('#compare-year');
  const chosen = root.querySelector('#compare-chosen');
  const chips = root.querySelector('#compare-chips');
  const matrixSlot = root.querySelector('#matrix');
  const evidence = root.querySelector('#compare-evidence');
  const summary = root.querySelector('#compare-summary');
  root.querySelector('#compare-legend').append(gradeLegend({ withNone: false }), absenceLegend(), basisLegend());
  root.querySelector('form').addEventListener('submit', (event) => event.preventDefault());

  let route = null;
  let matrix = null;
  let generation = 0;
  let focusAfterRemoval = null;
  const scrollCue = createScrollCue(matrixSlot, root.querySelector('#matrix-cue'));

  function navigate(change) {
    go({ ...route, ...change, view: 'compare' });
  }

  unitSelect.addEventListener('change', () => {
    const rocu = unitSelect.value || null;
    const forces = rocu ? [] : (matrix?.rows.map((row) => row.force.id) ?? route.forces);
    navigate({ rocu, forces });
  });
  pillarSelect.addEventListener('change', () => navigate({ pillar: pillarSelect.value }));
  yearSelect.addEventListener('change', () => navigate({ year: yearSelect.value ? Number(yearSelect.value) : null }));

  createSearch(root.querySelector('#compare-add'), root.querySelector('#compare-add-options'), {
    find: findForces,
    describeError,
    onPick: (option) => {
      if (!route.forces.includes(option.id)) navigate({ rocu: null, forces: [...route.forces, option.id] });
    },
  });

  function fillChoices(choices) {
    const options = (select, values, selected) =>
      clear(select, values.map(([value, text]) => h('option', { value, selected: String(value) === String(selected ?? '') }, text)));
    const unknownUnit = route.rocu && !choices.units.some((unit) => unit.id === route.rocu);
    options(
      unitSelect,
      [
        ...(unknownUnit ? [[route.rocu, `Unknown: ${route.rocu}`]] : []),
        ...choices.units.map((unit) => [unit.id, `${unit.acronym ?? unit.name} — ${unit.name}`]),
        ['', 'Forces I choose'],
      ],
      route.rocu ?? '',
    );
    const unknownPillar = !choices.pillars.includes(route.pillar);
    options(
      pillarSelect,
      [...(unknownPillar ? [[route.pillar, `Unknown: ${route.pillar}`]] : []), ...choices.pillars.map((pillar) => [pillar, humanise(pillar)])],
      route.pillar,
    );
    for (const select of [unitSelect, pillarSelect]) {
      const unknown = select.querySelector('option');
      if (unknown?.textContent.startsWith('Unknown: ')) unknown.disabled = true;
    }
    const years = new Set(choices.years);
    if (route.year) years.add(route.year);
    options(
      yearSelect,
      [['', 'Each force’s newest report'], ...[...years].sort((a, b) => b - a).map((year) => [year, String(year)])],
      route.year ?? '',
    );
  }

  async function fillChips() {
    chosen.hidden = Boolean(route.rocu);
    if (route.rocu) return;
    const focusIndex = focusAfterRemoval;
    focusAfterRemoval = null;
    const names = new Map((await loadForces()).map((force) => [force.id, force.name]));
    clear(
      chips,
      route.forces.map((id) =>
        h(
          'li',
          { className: 'chip' },
          h('span', {}, names.get(id) ?? id),
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Remove ${names.get(id) ?? id}`,
              onclick: () => {
                focusAfterRemoval = route.forces.indexOf(id);
                navigate({ forces: route.forces.filter((force) => force !== id) });
              },
            },
            '×',
          ),
        ),
      ),
    );
    if (focusIndex !== null) {
      // The removed chip's button had the focus: give it to the chip now in its place, else to the box.
      const buttons = chips.querySelectorAll('button');
      (buttons[Math.min(focusIndex, buttons.length - 1)] ?? root.querySelector('#compare-add')).focus();
    }
  }

  function showJudgment(row, question, judgment) {
    clear(
      evidence,
      h('p', { className: 'eyebrow' }, 'Judgment'),
      h('h2', { id: 'compare-evidence-title', tabIndex: -1 }, `${row.force.name}, ${question.number === 0 ? 'overall' : `question ${question.number}`}`),
      h('p', { className: 'muted' }, h('cite', {}, row.report?.title ?? '')),
      judgment.asked ?? question.title ? h('p', { className: 'question' }, judgment.asked ?? question.title) : null,
      h('p', {}, 'Grade: ', gradeBadge(judgment.grade, judgment.gradeLabel ?? undefined)),
      gradeSource(judgment, row.report?.title),
      judgment.summary ? h('p', { className: 'summary' }, judgment.summary) : null,
      h('h3', {}, 'Evidence'),
      passageList(judgment.evidence, 'This grade comes from a published table: no report text of it is bundled.'),
    );
  }

  function cell(row, question, index) {
    const value = row.grades[index];
    const judgment = row.judgments[index];
    if (!value) return absentCell(absence(row, question, matrix.year));
    const label = judgment?.gradeLabel ?? grade(value).label;
    const summarised = judgment?.basis === 'SUMMARY';
    const content = [
      h('abbr', { className: 'grade-initials', title: label }, grade(value).initials),
      ' ',
      h('span', { className: 'grade-label' }, label),
      summarised ? summaryMarker() : null,
    ];
    const dataset = { grade: value, source: judgment?.gradeSource ?? '', basis: judgment?.basis ?? '' };
    return h(
      'td',
      { className: `cell ${gradeClass(value)}`, dataset },
      judgment
        ? h(
            'button',
            {
              type: 'button',
              className: 'cell-button',
              'aria-label': `${row.force.name}, ${question.number === 0 ? 'overall' : `question ${question.number}`}: ${label}${summarised ? ', read from summary wording' : ''}. Show the source and evidence`,
              onclick: (event) => {
                for (const other of matrixSlot.querySelectorAll('.cell-button[aria-current]')) other.removeAttribute('aria-current');
                event.currentTarget.setAttribute('aria-current', 'true');
                showJudgment(row, question, judgment);
                evidence.querySelector('h2').focus();
              },
            },
            content,
          )
        : content,
    );
  }

  function unitName() {
    return unitSelect.selectedOptions[0]?.textContent.split(' — ')[0] ?? route.rocu;
  }

  function caption(result) {
    const unit = route.rocu ? unitName() : 'Chosen forces';
    const when = result.year ? String(result.year) : 'each force’s newest report';
    return `${unit} · ${humanise(result.pillar)} · ${when}`;
  }

  function table(result) {
    if (!result.rows.length) {
      return h(
        'p',
        { className: 'muted empty-matrix' },
        route.rocu
          ? `${unitName()} has no member forces in the graph.`
          : 'No forces chosen yet: add one with the “Add a force” box above.',
      );
    }
    return h(
      'table',
      { className: 'matrix' },
      h('caption', {}, caption(result)),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Force'), h('th', { scope: 'col' }, 'Report'), result.questions.map((question, index) => questionHeading(question, askedTitle(result, index))))),
      h(
        'tbody',
        {},
        result.rows.map((row) =>
          h(
            'tr',
            { dataset: { force: row.force.id } },
            h('th', { scope: 'row' }, h('a', { href: format({ view: 'force', id: row.force.id }) }, row.force.name)),
            h(
              'td',
              { className: 'report-year' },
              row.report ? String(row.report.year) : h('span', { className: 'muted' }, 'None in the data'),
            ),
            result.questions.map((question, index) => cell(row, question, index)),
          ),
        ),
      ),
    );
  }

  /** What in the URL names nothing the graph knows, as a sentence; null when all of it is known. */
  function unknownChoice(choices) {
    if (!choices.pillars.includes(route.pillar)) {
      return `There is no pillar “${route.pillar}”: choose ${choices.pillars.join(', ')} in the Pillar list.`;
    }
    if (route.rocu && !choices.units.some((unit) => unit.id === route.rocu)) {
      return `There is no regional unit “${route.rocu}” with member forces: choose one in the Forces list, or “Forces I choose”.`;
    }
    return null;
  }

  return {
    async show(next) {
      route = next;
      const mine = (generation += 1);
      matrixSlot.setAttribute('aria-busy', 'true');
      clear(evidence, h('p', { className: 'muted' }, 'Choose a grade in the matrix to see the passages behind it.'));
      status.loading('Loading the grade matrix…');
      try {
        const choices = await loadChoices();
        if (mine !== generation) return;
        matrix = null;
        fillChoices(choices);
        const unknown = unknownChoice(choices);
        if (unknown) {
          await fillChips();
          summary.textContent = '\u00a0';
          clear(matrixSlot, h('p', { className: 'muted empty-matrix' }, 'No matrix to show.'));
          status.failed(new NotFound(unknown));
          return;
        }
        const result = await compare({ pillar: route.pillar, rocu: route.rocu, forces: route.forces, year: route.year });
        if (mine !== generation) return;
        matrix = result;
        await fillChips();
        const unit = choices.units.find((candidate) => candidate.id === route.rocu);
        summary.textContent = route.rocu
          ? `The grades of the member forces of ${unit ? `${unit.name} (${unit.acronym ?? unit.id})` : route.rocu}, question by question. Choose a grade for its evidence.`
          : 'The grades of the forces you choose, question by question. Choose a grade for its evidence.';
        clear(matrixSlot, table(result));
        status.done(`Grade matrix: ${caption(result)}.`);
      } catch (error) {
        if (mine !== generation) return;
        clear(matrixSlot);
        status.failed(error, () => this.show(route));
      } finally {
        if (mine === generation) matrixSlot.removeAttribute('aria-busy');
        scrollCue.update();
      }
    },
  };
}
