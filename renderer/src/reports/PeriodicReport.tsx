import { useEffect, useMemo, useState } from 'react';
import type { DayRange, PeriodicReport as Report } from '../../../shared/contract/index.js';
import { formatDate } from '../../../shared/format/vn-time.js';
import { groupName, handoverOnTime, moneyTable, PERIOD_COLUMNS, PERIOD_SECTIONS, returnOnTime, sectionTable } from '../../../shared/reports/period-columns.js';
import { useT, type LabelKey } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { Chart, SERIES_COLOURS } from './Chart.js';
import { monthOf } from './month.js';
import { RangeForm, readRange, useFileSaver, type RangeText, type ReportProblem } from './RangeForm.js';

/** A table of words with its header row; numbers right-aligned. */
function WordsTable({ label, header, rows }: { label: string; header: string[]; rows: string[][] }) {
  return (
    <div className="register-scroll">
      <table className="grid figures" aria-label={label}>
        <thead>
          <tr>
            {header.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A chart and the table of the same figures, side by side. */
function ChartWithTable({ title, chart, table }: { title: string; chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <figure className="chart-pair">
      <figcaption>{title}</figcaption>
      <div className="chart-pair-body">
        {chart}
        {table}
      </div>
    </figure>
  );
}

const QUICK: { key: LabelKey; months: number }[] = [
  { key: 'thisMonth', months: 1 },
  { key: 'thisQuarter', months: 3 },
  { key: 'thisYear', months: 12 },
];

/** The month, quarter or year `today` falls in, as the clerk types a range. */
function quickRange(today: string, months: number): RangeText {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = Math.floor((m - 1) / months) * months + 1;
  const last = first + months - 1;
  return { from: monthOf(`${y}-${String(first).padStart(2, '0')}-01`).from, to: monthOf(`${y}-${String(last).padStart(2, '0')}-01`).to };
}

/**
 * The periodic report for a supervisor: any range (a month, a quarter, a year), what was received
 * and returned through the post by agency, level, procedure, post office and time, on time and
 * late, and the money by kind; three charts each beside its table; saved as XLSX or PDF.
 */
export function PeriodicReport({ today }: { today: string }) {
  const t = useT();
  const i = t.lang === 'vi' ? 0 : 1;
  const [text, setText] = useState(() => monthOf(today));
  const [range, setRange] = useState<DayRange>(() => readRange(monthOf(today)) as DayRange);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<ReportProblem>();
  const { fileState, save } = useFileSaver(setProblem);

  useEffect(() => {
    api.reports
      .periodic(range)
      .then((r) => {
        setReport(r);
        setProblem(undefined);
      })
      .catch((e) => setProblem({ text: t.msg(errorData(e)), field: errorData(e).field }));
  }, [range, t]);

  const show = (typed = text) => {
    const read = readRange(typed);
    if ('field' in read) return setProblem({ text: t('badDate'), field: read.field });
    setRange(read);
  };

  const charts = useMemo(() => {
    if (!report) return null;
    const agencies = report.byAgency;
    const series = (label: string, values: number[], colour: number) => ({ label, data: values, backgroundColor: SERIES_COLOURS[colour], borderColor: SERIES_COLOURS[colour] });
    const header = (key: string) => PERIOD_COLUMNS.find((c) => c.key === key)!.header[i];
    return {
      byAgency: {
        labels: agencies.map((g) => g.name),
        datasets: [series(header('received'), agencies.map((g) => g.received), 0), series(header('handedOver'), agencies.map((g) => g.handedOver), 1), series(header('returned'), agencies.map((g) => g.returned), 2)],
      },
      overTime: {
        labels: report.overTime.map((g) => groupName('overTime', g, t.lang)),
        datasets: [series(header('received'), report.overTime.map((g) => g.received), 0), series(header('returned'), report.overTime.map((g) => g.returned), 2)],
      },
      onTime: {
        labels: [t('handoverStep'), t('returnStep')],
        datasets: [
          series(t('onTime'), [report.total.handedOver - report.total.handedOverLate, report.total.returned - report.total.returnedLate - report.total.returnedUndated], 2),
          series(t('late'), [report.total.handedOverLate, report.total.returnedLate], 3),
        ],
      },
    };
  }, [report, i, t]);

  const tot = report?.total;
  const quiet = tot && Object.values(tot).every((n) => n === 0) && report.money.fees.length === 0;
  return (
    <section>
      <h2>{t('periodicReport')}</h2>
      <RangeForm
        label={t('periodicReport')}
        text={text}
        onText={setText}
        onShow={() => show()}
        onSave={(format) => save(() => api.reports.periodicFile({ ...range, format }))}
        canSave={!!report}
        problem={problem}
        extra={QUICK.map((q) => (
          <button
            key={q.key}
            type="button"
            className="secondary"
            onClick={() => {
              const typed = quickRange(today, q.months);
              setText(typed);
              show(typed);
            }}
          >
            {t(q.key)}
          </button>
        ))}
      />
      {problem && !problem.field && <div className="alert error" role="alert">{problem.text}</div>}
      {fileState && <div className="alert info" role="status">{fileState}</div>}
      {report && (
        <p className="muted">
          {formatDate(report.from)} – {formatDate(report.to)} · {t('periodicNote')}
        </p>
      )}
      {quiet && <p className="muted">{t('nothingInRange')}</p>}
      {report && charts && tot && !quiet && (
        <>
          <ChartWithTable
            title={t('chartByAgency')}
            chart={<Chart type="bar" data={charts.byAgency} label={t('chartByAgency')} />}
            table={<WordsTable label={t('chartByAgency')} header={[PERIOD_SECTIONS[0]!.nameHeader[i], ...charts.byAgency.datasets.map((d) => d.label)]} rows={report.byAgency.map((g) => [g.name, String(g.received), String(g.handedOver), String(g.returned)])} />}
          />
          <ChartWithTable
            title={t('chartOverTime')}
            chart={<Chart type="line" data={charts.overTime} label={t('chartOverTime')} />}
            table={<WordsTable label={t('chartOverTime')} header={[PERIOD_SECTIONS[4]!.nameHeader[i], ...charts.overTime.datasets.map((d) => d.label)]} rows={report.overTime.filter((g) => g.received + g.returned > 0).map((g) => [groupName('overTime', g, t.lang), String(g.received), String(g.returned)])} />}
          />
          <ChartWithTable
            title={t('chartOnTime')}
            chart={<Chart type="bar" stacked data={charts.onTime} label={t('chartOnTime')} />}
            table={
              <WordsTable
                label={t('chartOnTime')}
                header={['', t('onTime'), t('late'), t('noAppointment'), t('onTimeShare')]}
                rows={[
                  [t('handoverStep'), String(tot.handedOver - tot.handedOverLate), String(tot.handedOverLate), '–', handoverOnTime(tot)],
                  [t('returnStep'), String(tot.returned - tot.returnedLate - tot.returnedUndated), String(tot.returnedLate), String(tot.returnedUndated), returnOnTime(tot)],
                ]}
              />
            }
          />
          <h3>{t('moneyByKind')}</h3>
          <WordsTable label={t('moneyByKind')} {...moneyTable(report, t.lang)} />
          {PERIOD_SECTIONS.map((section) => (
            <details key={section.key} open={section.key === 'byAgency'}>
              <summary>{section.title[i]}</summary>
              <WordsTable label={section.title[i]} {...sectionTable(report, section, t.lang)} />
            </details>
          ))}
        </>
      )}
    </section>
  );
}
