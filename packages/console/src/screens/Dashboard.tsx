import { ManagerDashboardDocument } from '@rapport/client';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { href } from '../router.js';
import { useT } from '../util.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function Chart({ title, option }: { title: string; option: echarts.EChartsCoreOption }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={element} role="img" aria-label={title} style={{ height: 240 }} />
    </figure>
  );
}

const bar = (labels: string[], values: number[]): echarts.EChartsCoreOption => ({
  tooltip: {},
  grid: { left: 40, right: 10, top: 10, bottom: 40 },
  xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: values }],
});

export function Dashboard() {
  const t = useT();
  const range = useMemo(() => {
    const to = new Date();
    const from = new Date(to.getTime() - 7 * 86_400_000);
    return { from: from.toISOString(), to: to.toISOString() };
  }, []);
  const [{ data, error }] = useQuery({ query: ManagerDashboardDocument, variables: range });
  const options = useMemo(() => {
    if (!data) return null;
    const stats = data.customerStats;
    const reps = new Map<string, number>();
    for (const row of data.activityStats) reps.set(row.rep.name, (reps.get(row.rep.name) ?? 0) + row.calls + row.visits + row.tasksCompleted);
    return {
      tier: { tooltip: {}, series: [{ type: 'pie', radius: '65%', data: stats.byTier.map((b) => ({ name: b.tier, value: b.count })) }] },
      stage: bar(stats.byStage.map((b) => t(`stage_${b.stage}`)), stats.byStage.map((b) => b.count)),
      owner: bar(stats.byOwner.map((b) => b.owner?.name ?? t('pool')), stats.byOwner.map((b) => b.count)),
      region: bar(stats.byRegion.map((b) => b.province ?? '—'), stats.byRegion.map((b) => b.count)),
      workload: bar([...reps.keys()], [...reps.values()]),
    };
  }, [data]);
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  if (!data || !options) return <p>{t('loading')}</p>;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard')}</h1>
      <p data-testid="dashboard-total">{t('total', { n: data.customerStats.total })}</p>
      <div className="charts">
        <Chart title={t('byTier')} option={options.tier} />
        <Chart title={t('byStage')} option={options.stage} />
        <Chart title={t('byOwner')} option={options.owner} />
        <Chart title={t('byRegion')} option={options.region} />
        <Chart title={t('workload')} option={options.workload} />
      </div>
      <h2>
        {t('atRisk')} ({data.atRiskCustomers.totalCount})
      </h2>
      <ul>
        {data.atRiskCustomers.edges.map(({ node }) => (
          <li key={node.id}>
            <a href={href('customers', node.id)}>{node.name}</a> {node.tier} · {node.owner?.name ?? t('pool')} · {node.churnRisk?.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
