// PEEL grades and how they look. Colours are from the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies); every place that shows a grade also shows its initials and label,
// so no grade is told by colour alone. Text colours keep at least 4.5:1 contrast on each fill.

import { h } from './dom.js';

export const GRADES = {
  OUTSTANDING: { label: 'Outstanding', initials: 'O', fill: '#009E73', ink: '#000000', rank: 4 },
  GOOD: { label: 'Good', initials: 'G', fill: '#0072B2', ink: '#FFFFFF', rank: 3 },
  REQUIRES_IMPROVEMENT: { label: 'Requires improvement', initials: 'RI', fill: '#E69F00', ink: '#000000', rank: 2 },
  INADEQUATE: { label: 'Inadequate', initials: 'I', fill: '#D55E00', ink: '#000000', rank: 1 },
};

/** No grade in the graph (which is not to say the inspectorate gave none: see compare.js's ABSENCES). */
export const UNGRADED = { label: 'Not in the data', initials: '?', fill: '#FFFFFF', ink: '#444444', rank: 0 };

export function grade(value) {
  return GRADES[value] ?? UNGRADED;
}

export function gradeClass(value) {
  return value ? `grade-${value.toLowerCase().replaceAll('_', '-')}` : 'grade-none';
}

/** A badge: the grade's initials and its label, coloured. */
export function gradeBadge(value, label) {
  const badge = document.createElement('span');
  badge.className = `grade-badge ${gradeClass(value)}`;
  const initials = document.createElement('abbr');
  initials.className = 'grade-initials';
  initials.title = label ?? grade(value).label;
  initials.textContent = grade(value).initials;
  const text = document.createElement('span');
  text.className = 'grade-label';
  text.textContent = label ?? grade(value).label;
  badge.append(initials, ' ', text);
  return badge;
}

/** The grade legend shown beside the network and above the matrix (which explains its empty cells itself). */
export function gradeLegend({ withNone = true } = {}) {
  const list = document.createElement('ul');
  list.className = 'legend grade-legend';
  list.setAttribute('aria-label', 'Grade colours');
  for (const value of ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', ...(withNone ? [null] : [])]) {
    const item = document.createElement('li');
    item.append(gradeBadge(value));
    list.append(item);
  }
  return list;
}

const BASES = {
  STATED: 'stated on the page in so many words',
  SUMMARY: 'read from the inspectorate’s summary wording',
  CARRIED_OVER: 'carried over: a later page says the grade stood from the year before',
};

/** Where a grade came from: the report and its page, or a published table's row with its basis and page. */
export function gradeSource(judgment, reportTitle) {
  if (judgment.gradeSource === 'report') {
    const page = judgment.page ? `, page ${judgment.page}` : '';
    return h('p', { className: 'grade-source' }, 'Source: read from the report', h('cite', {}, ` ${reportTitle ?? ''}`), page);
  }
  return h(
    'p',
    { className: 'grade-source' },
    'Source: a published table',
    judgment.basis ? ` (${BASES[judgment.basis] ?? judgment.basis})` : '',
    judgment.sourceUrl ? [': ', h('a', { href: judgment.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, judgment.sourceUrl)] : '',
  );
}
