// The comparison view: forces (a regional unit's members or a chosen set) against a pillar's
// questions, a grade matrix from compareForces. Each cell shows the grade's initials and label.

import { h, clear } from './dom.js';
import { grade, gradeBadge, gradeClass, gradeLegend, gradeSource } from './grades.js';
import { humanise } from './network.js';
import { passageList } from './passages.js';
import { format, go } from './route.js';
import { createSearch } from './search.js';

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

export function createCompareView(root, { loadChoices, compare, findForces, loadForces, status, describeError }) {
  const unitSelect = root.querySelector('#compare-unit');
  const pillarSelect = root.querySelector('#compare-pillar');
  const yearSelect = root.querySelector('#compare-year');
  const chosen = root.querySelector('#compare-chosen');
  const chips = root.querySelector('#compare-chips');
  const matrixSlot = root.querySelector('#matrix');
  const evidence = root.querySelector('#compare-evidence');
  const summary = root.querySelector('#compare-summary');
  root.querySelector('#compare-legend').append(gradeLegend(), basisLegend());
  root.querySelector('form').addEventListener('submit', (event) => event.preventDefault());

  let route = null;
  let matrix = null;
  let generation = 0;

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
    options(
      unitSelect,
      [...choices.units.map((unit) => [unit.id, `${unit.acronym ?? unit.name} — ${unit.name}`]), ['', 'Forces I choose']],
      route.rocu ?? '',
    );
    options(pillarSelect, choices.pillars.map((pillar) => [pillar, humanise(pillar)]), route.pillar);
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
              onclick: () => navigate({ forces: route.forces.filter((force) => force !== id) }),
            },
            '×',
          ),
        ),
      ),
    );
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
    if (!value) {
      return h(
        'td',
        { className: 'cell grade-none' },
        h('span', { 'aria-hidden': 'true' }, '–'),
        h('span', { className: 'visually-hidden' }, 'Not graded'),
      );
    }
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

  function caption(result) {
    const unit = route.rocu ? (unitSelect.selectedOptions[0]?.textContent.split(' — ')[0] ?? route.rocu) : 'Chosen forces';
    const when = result.year ? String(result.year) : 'each force’s newest report';
    return `${unit} · ${humanise(result.pillar)} · ${when}`;
  }

  function table(result) {
    if (!result.rows.length) return h('p', { className: 'muted' }, 'No forces to compare: add some with the box above.');
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
            h('td', { className: 'report-year' }, row.report ? String(row.report.year) : h('span', { className: 'muted' }, 'none')),
            result.questions.map((question, index) => cell(row, question, index)),
          ),
        ),
      ),
    );
  }

  return {
    async show(next) {
      route = next;
      const mine = (generation += 1);
      matrixSlot.setAttribute('aria-busy', 'true');
      clear(evidence, h('p', { className: 'muted' }, 'Choose a grade in the matrix to see the passages behind it.'));
      status.loading('Loading the grade matrix…');
      try {
        const [choices, result] = await Promise.all([
          loadChoices(),
          compare({ pillar: route.pillar, rocu: route.rocu, forces: route.forces, year: route.year }),
        ]);
        if (mine !== generation) return;
        matrix = result;
        fillChoices(choices);
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
      }
    },
  };
}
