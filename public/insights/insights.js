/* global window, document, location, history, fetch, URLSearchParams, navigator */
/*
 * The insights page's script: reads the filters, asks /insights/data for the report, and draws each table as a
 * chart (chart.js, served by this server) with the table itself under it, the unanswered groups with "Copy as
 * YAML", and a CSV link per table. Every text from the report goes in with textContent, never as HTML.
 */
(function () {
  'use strict';

  const Chart = window.Chart;
  // Okabe–Ito: told apart by people with any common colour-vision deficiency.
  const COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C6D00', '#000000'];
  const charts = new Map();
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const percent = (part, whole) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
  const shown = (value, suffix) => (value === null || value === undefined ? '–' : `${value}${suffix || ''}`);

  const PANELS = [
    {
      id: 'conversations',
      title: 'Conversations per day, by channel',
      table: 'conversations-per-day',
      build: conversations,
    },
    { id: 'answers', title: 'Answered, clarified, did you mean, unanswered', table: 'answers-per-day', build: answers },
    { id: 'top-questions', title: 'Top questions', table: 'top-questions', build: topQuestions },
    { id: 'helpfulness', title: '"Was this helpful?" per entry', table: 'helpfulness', build: helpfulness },
    { id: 'funnel', title: 'Walkthrough funnel', table: 'walkthrough-funnel', build: funnel },
    { id: 'handovers', title: 'Handovers per day', table: 'handovers-per-day', build: handovers },
  ];

  const form = document.getElementById('filters');
  const status = document.getElementById('status');

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function dataset(label, data, index, extra) {
    const color = COLORS[index % COLORS.length];
    return Object.assign({ label, data, backgroundColor: color, borderColor: color }, extra || {});
  }

  function days(rows) {
    return [...new Set(rows.map((row) => row.day))].sort();
  }

  function conversations(report) {
    const labels = days(report.conversationsPerDay);
    const channels = [...new Set(report.conversationsPerDay.map((row) => row.channel))].sort();
    const count = (day, channel) =>
      sum(report.conversationsPerDay.filter((r) => r.day === day && r.channel === channel).map((r) => r.count));
    const datasets = channels.map((channel, i) =>
      dataset(
        channel,
        labels.map((day) => count(day, channel)),
        i,
      ),
    );
    const rows = labels.map((day) => {
      const counts = channels.map((channel) => count(day, channel));
      return [day, ...counts, sum(counts)];
    });
    return {
      chart: { type: 'bar', data: { labels, datasets }, stacked: true },
      columns: ['Day', ...channels, 'Total'],
      rows,
    };
  }

  function answers(report) {
    const rows = report.answerKindsPerDay;
    const labels = rows.map((row) => row.day);
    const kinds = [
      ['Answered', 'answer'],
      ['Clarified', 'clarify'],
      ['Did you mean', 'didYouMean'],
      ['Unanswered', 'none'],
    ];
    const total = (row) => row.answer + row.clarify + row.didYouMean + row.none;
    const datasets = kinds.map(([label, key], i) =>
      dataset(
        label,
        rows.map((row) => percent(row[key], total(row)) || 0),
        i,
      ),
    );
    return {
      chart: { type: 'bar', data: { labels, datasets }, stacked: true, percent: true },
      columns: ['Day', ...kinds.map(([label]) => label), 'Unanswered %'],
      rows: rows.map((row) => [
        row.day,
        ...kinds.map(([, key]) => row[key]),
        shown(percent(row.none, total(row)), '%'),
      ]),
    };
  }

  function topQuestions(report) {
    const rows = report.topQuestions.slice(0, 15);
    const data = {
      labels: rows.map((row) => row.about),
      datasets: [
        dataset(
          'Times asked',
          rows.map((r) => r.count),
          0,
        ),
      ],
    };
    return {
      chart: { type: 'bar', data, horizontal: true },
      columns: ['Asked about', 'Times'],
      rows: report.topQuestions.map((row) => [row.about, row.count]),
    };
  }

  function helpfulness(report) {
    const rows = report.helpfulness;
    const rate = (row) => percent(row.helpful, row.helpful + row.notHelpful);
    const data = {
      labels: rows.map((row) => row.about),
      datasets: [
        dataset(
          'Helpful %',
          rows.map((r) => rate(r) || 0),
          2,
        ),
      ],
    };
    return {
      chart: { type: 'bar', data, horizontal: true, percent: true },
      columns: ['Entry', 'Helpful', 'Not helpful', 'Helpful %'],
      rows: rows.map((row) => [row.about, row.helpful, row.notHelpful, shown(rate(row), '%')]),
    };
  }

  function funnel(report) {
    const rows = report.walkthroughFunnel;
    const labels = rows.map((row) => `Step ${row.step}`);
    const datasets = [
      dataset(
        'Reached',
        rows.map((row) => row.reached),
        0,
      ),
      dataset(
        'Gave up here',
        rows.map((row) => row.abandoned),
        3,
      ),
    ];
    return {
      chart: { type: 'bar', data: { labels, datasets } },
      columns: ['Step', 'Reached', 'Gave up here', 'Gave up %'],
      rows: rows.map((row) => [row.step, row.reached, row.abandoned, shown(percent(row.abandoned, row.reached), '%')]),
      note: `Walkthroughs finished: ${report.walkthroughsFinished}.`,
    };
  }

  function handovers(report) {
    const rows = report.handoversPerDay;
    const labels = rows.map((row) => row.day);
    const kinds = ['offered', 'requested', 'accepted', 'abandoned', 'ended'];
    const datasets = kinds.map((kind, i) =>
      dataset(
        kind[0].toUpperCase() + kind.slice(1),
        rows.map((r) => r[kind]),
        i,
      ),
    );
    return {
      chart: { type: 'line', data: { labels, datasets } },
      columns: ['Day', 'Offered', 'Requested', 'Accepted', 'Abandoned', 'Ended'],
      rows: rows.map((row) => [row.day, ...kinds.map((kind) => row[kind])]),
    };
  }

  function chartConfig(spec) {
    const scale = spec.percent ? { max: 100, ticks: { callback: (v) => `${v}%` } } : {};
    const value = spec.horizontal ? 'x' : 'y';
    const category = spec.horizontal ? 'y' : 'x';
    return {
      type: spec.type,
      data: spec.data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        plugins: { legend: { position: 'bottom', display: spec.data.datasets.length > 1 } },
        scales: {
          [value]: Object.assign({ beginAtZero: true, stacked: Boolean(spec.stacked) }, scale),
          [category]: { stacked: Boolean(spec.stacked) },
        },
      },
    };
  }

  function buildPanels() {
    const holder = document.getElementById('panels');
    for (const panel of PANELS) {
      const section = element('section', {
        class: 'panel',
        id: `panel-${panel.id}`,
        'aria-labelledby': `h-${panel.id}`,
      });
      const head = element('div', { class: 'panel-head' });
      head.append(element('h2', { id: `h-${panel.id}` }, panel.title));
      head.append(csvLink(panel.table, panel.title));
      const box = element('div', { class: 'chart' });
      box.append(
        element('canvas', {
          id: `chart-${panel.id}`,
          role: 'img',
          'aria-label': `${panel.title}: chart; the table below has the numbers`,
        }),
      );
      const details = element('details', { class: 'table' });
      details.append(element('summary', {}, `Table: ${panel.title}`));
      details.append(
        element('div', {
          class: 'table-wrap',
          id: `table-${panel.id}`,
          tabindex: '0',
          role: 'region',
          'aria-label': `${panel.title}, table`,
        }),
      );
      section.append(head, box, element('p', { class: 'note', id: `note-${panel.id}`, hidden: '' }), details);
      holder.append(section);
    }
  }

  function csvLink(table, title) {
    const link = element(
      'a',
      { class: 'csv', 'data-table': table, href: `/insights/csv/${table}`, 'aria-label': `Download "${title}" as CSV` },
      'CSV',
    );
    link.setAttribute('download', '');
    return link;
  }

  function renderTable(holder, title, columns, rows) {
    const table = element('table');
    table.append(element('caption', {}, title));
    const head = element('tr');
    for (const column of columns) head.append(element('th', { scope: 'col' }, column));
    const thead = element('thead');
    thead.append(head);
    table.append(thead);
    const body = element('tbody');
    for (const row of rows) {
      const tr = element('tr');
      row.forEach((cell, i) => tr.append(element(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, cell)));
      body.append(tr);
    }
    if (rows.length === 0) {
      const empty = element('tr');
      empty.append(element('td', { colspan: String(columns.length) }, 'No data for this range.'));
      body.append(empty);
    }
    table.append(body);
    holder.replaceChildren(table);
  }

  function renderPanels(report) {
    for (const panel of PANELS) {
      const built = panel.build(report);
      charts.get(panel.id)?.destroy();
      const canvas = document.getElementById(`chart-${panel.id}`);
      if (Chart) charts.set(panel.id, new Chart(canvas, chartConfig(built.chart)));
      renderTable(document.getElementById(`table-${panel.id}`), panel.title, built.columns, built.rows);
      const note = document.getElementById(`note-${panel.id}`);
      note.hidden = !built.note;
      note.textContent = built.note || '';
    }
  }

  function duration(ms) {
    if (ms === null) return '–';
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }

  function renderTiles(report) {
    const kinds = report.answerKindsPerDay;
    const answered = sum(kinds.map((r) => r.answer + r.clarify + r.didYouMean + r.none));
    const unanswered = sum(kinds.map((r) => r.none));
    const helpful = sum(report.helpfulness.map((r) => r.helpful));
    const rated = helpful + sum(report.helpfulness.map((r) => r.notHelpful));
    const handed = report.handoversPerDay;
    const tiles = [
      ['Conversations', sum(report.conversationsPerDay.map((r) => r.count))],
      ['Unanswered', `${unanswered} (${shown(percent(unanswered, answered), '%')})`],
      ['Found helpful', shown(percent(helpful, rated), '%')],
      ['Walkthroughs finished', report.walkthroughsFinished],
      ['Handovers requested', sum(handed.map((r) => r.requested))],
      ['Handovers abandoned', sum(handed.map((r) => r.abandoned))],
      [
        'Time to accept (median / 90%)',
        `${duration(report.timeToAcceptMs.p50)} / ${duration(report.timeToAcceptMs.p90)}`,
      ],
      [
        'Agent rating',
        report.agentRating.average === null
          ? '–'
          : `${report.agentRating.average.toFixed(1)} (${report.agentRating.count})`,
      ],
    ];
    const list = document.getElementById('tiles');
    list.replaceChildren();
    for (const [label, value] of tiles) {
      const tile = element('div', { class: 'tile' });
      tile.append(element('dt', {}, label), element('dd', {}, value));
      list.append(tile);
    }
  }

  function renderUnanswered(report, skeletons) {
    const list = document.getElementById('unanswered-list');
    list.replaceChildren();
    report.unanswered.forEach((group, i) => list.append(groupItem(group, skeletons[i] || '')));
    if (report.unanswered.length === 0)
      list.append(element('li', { class: 'empty' }, 'Nothing went unanswered in this range.'));
  }

  function groupItem(group, yaml) {
    const item = element('li', { class: 'group' });
    const head = element('div', { class: 'group-head' });
    head.append(
      element('h3', {}, `“${group.key}”`),
      element('span', { class: 'count' }, `${group.count} ${group.count === 1 ? 'time' : 'times'}`),
    );
    const nearest = element('p', { class: 'nearest' });
    if (group.nearest) {
      nearest.append('Nearest entry: ', element('code', {}, group.nearest.id), ` – “${group.nearest.question}”`);
    } else nearest.textContent = 'No entry is near.';
    const examples = element('ul', { class: 'examples', 'aria-label': 'Examples' });
    for (const example of group.examples) examples.append(element('li', {}, example));
    const copy = element(
      'button',
      { type: 'button', class: 'copy', 'aria-label': `Copy as YAML: ${group.key}` },
      'Copy as YAML',
    );
    const details = element('details', { class: 'yaml' });
    const code = element('pre', { tabindex: '0' });
    code.append(element('code', {}, yaml));
    details.append(element('summary', {}, 'Show the YAML'), code);
    copy.addEventListener('click', () => copyYaml(yaml, group.key, details, code));
    const actions = element('div', { class: 'actions' });
    actions.append(copy);
    item.append(head, nearest, examples, actions, details);
    return item;
  }

  async function copyYaml(yaml, key, details, code) {
    try {
      await navigator.clipboard.writeText(yaml);
      say(`Copied the entry for “${key}” as YAML.`);
    } catch {
      // Why a fallback: the clipboard needs a secure context and permission; the text can still be selected.
      details.open = true;
      window.getSelection().selectAllChildren(code);
      say('The YAML is selected below: press Ctrl+C (or ⌘C) to copy it.');
    }
  }

  function say(text) {
    status.textContent = text;
  }

  function queryOf(filter) {
    const params = new URLSearchParams({ from: filter.from, to: filter.to });
    if (filter.channel) params.set('channel', filter.channel);
    return params.toString();
  }

  function renderFilters(report) {
    const { filter, channels } = report;
    document.getElementById('from').value = filter.from;
    document.getElementById('to').value = filter.to;
    const select = document.getElementById('channel');
    const options = [...new Set([...channels, ...(filter.channel ? [filter.channel] : [])])].sort();
    select.replaceChildren(
      element('option', { value: '' }, 'All channels'),
      ...options.map((c) => element('option', { value: c }, c)),
    );
    select.value = filter.channel || '';
    const query = queryOf(filter);
    for (const link of document.querySelectorAll('a.csv')) link.href = `/insights/csv/${link.dataset.table}?${query}`;
  }

  function renderWhere(where) {
    const note = document.getElementById('where');
    note.hidden = !where;
    note.textContent = where ? `Where the data is: ${where}` : '';
  }

  async function load(query) {
    document.body.dataset.state = 'loading';
    say('Loading…');
    let response;
    try {
      response = await fetch(`/insights/data${query ? `?${query}` : ''}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      return failed('The insights could not be reached; check the connection and try again.');
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) return failed('Your session has ended: reload the page to sign in again.');
    if (!response.ok) return failed(body.error || `The insights could not load (HTTP ${response.status}).`);
    render(body);
  }

  function render(data) {
    const { report } = data;
    renderWhere(data.where);
    renderFilters(report);
    renderTiles(report);
    renderPanels(report);
    renderUnanswered(report, data.skeletons || []);
    const channel = report.filter.channel ? `channel ${report.filter.channel}` : 'all channels';
    say(`Showing ${report.filter.from} to ${report.filter.to}, ${channel}.`);
    document.body.dataset.state = 'ready';
  }

  function failed(message) {
    say(message);
    document.body.dataset.state = 'error';
  }

  function fromForm() {
    const filter = { from: form.elements.from.value, to: form.elements.to.value, channel: form.elements.channel.value };
    return queryOf(filter);
  }

  function fromLocation() {
    const params = new URLSearchParams(location.search);
    const kept = new URLSearchParams();
    for (const name of ['from', 'to', 'channel']) if (params.get(name)) kept.set(name, params.get(name));
    return kept.toString();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = fromForm();
    history.replaceState(null, '', `${location.pathname}?${query}`);
    load(query);
  });

  if (Chart) {
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    Chart.defaults.color = '#1f2933';
  }
  buildPanels();
  load(fromLocation());
})();
