/**
 * The bottom panel, with four tabs: the search (controls, fitness, best network,
 * leaderboard), the evolution inside it (species, credit, lineage), the training of the
 * editor's network alone, and comparisons of strategies. Starting a run shows its tab.
 */

import * as Tabs from '@radix-ui/react-tabs';
import { useState, type CSSProperties } from 'react';
import { TrainingView } from '../training/TrainingView';
import { useApp } from '../store-context';
import { CompareView } from '../compare/CompareView';
import { EvolutionView } from '../evolution/EvolutionView';
import { SearchView } from './SearchView';
import '../styles/run-panel-tabs.css';

type PanelTab = 'search' | 'evolution' | 'training' | 'compare';

/** Returns the shown tab, switching to a tab whenever its kind of run starts. */
function useShownTab(): [PanelTab, (tab: PanelTab) => void] {
  const searchRun = useApp((state) => state.run.runId);
  const trainingRun = useApp((state) => state.training.runId);
  const comparison = useApp((state) => state.comparison.id);
  const [tab, setTab] = useState<PanelTab>('search');
  const [seen, setSeen] = useState({ searchRun, trainingRun, comparison });

  // Adjusting state during render when a run id changes, instead of in an effect, shows the
  // new tab in the same frame.
  if (seen.searchRun !== searchRun || seen.trainingRun !== trainingRun || seen.comparison !== comparison) {
    setSeen({ searchRun, trainingRun, comparison });
    if (comparison !== seen.comparison && comparison !== null) setTab('compare');
    else if (trainingRun !== seen.trainingRun && trainingRun !== null) setTab('training');
    else if (searchRun !== seen.searchRun && searchRun !== null) setTab('search');
  }
  return [tab, setTab];
}

/**
 * Draws the panel `height` CSS pixels tall. Without a height the panel takes its content's
 * height, as it also does in the stacked narrow layout, whose style overrides the height.
 */
export function RunPanel({ height }: { height?: number }) {
  const [tab, setTab] = useShownTab();

  return (
    <Tabs.Root asChild value={tab} onValueChange={(value) => setTab(value as PanelTab)} orientation="vertical">
      <section className="run-panel run-panel--tabbed" style={height === undefined ? undefined : ({ '--run-panel-height': `${height}px` } as CSSProperties)} aria-label="Run">
        <Tabs.List className="run-panel__tabs" aria-label="Run panel">
          <Tabs.Trigger className="run-panel__tab" value="search">
            Search
          </Tabs.Trigger>
          <Tabs.Trigger className="run-panel__tab" value="evolution">
            Evolution
          </Tabs.Trigger>
          <Tabs.Trigger className="run-panel__tab" value="training">
            Training
          </Tabs.Trigger>
          <Tabs.Trigger className="run-panel__tab" value="compare">
            Compare
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content className="run-panel__content" value="search">
          <SearchView />
        </Tabs.Content>
        <Tabs.Content className="run-panel__content" value="evolution">
          <EvolutionView />
        </Tabs.Content>
        <Tabs.Content className="run-panel__content" value="training">
          <TrainingView />
        </Tabs.Content>
        <Tabs.Content className="run-panel__content" value="compare">
          <CompareView />
        </Tabs.Content>
      </section>
    </Tabs.Root>
  );
}
