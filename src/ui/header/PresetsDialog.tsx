/**
 * The Presets menu: ready-made experiments that each make one point visible. Running one
 * sets up a comparison of its variants (two candidate sets, or two targets) and shows it in
 * the Compare tab. Budget, epochs and seeds can be lowered first for a quicker look.
 */

import { useId, useState } from 'react';
import { parseSeeds, presetPlan } from '../../state/comparison-plan';
import { comparisonBlocker } from '../../state/comparison-slice';
import { comparisonWorkload } from '../../state/exhaustive-estimate';
import { logicalCores } from '../../workers/worker-count';
import { formatCount, formatEstimate } from '../format';
import { PRESETS, type Preset } from '../../state/presets';
import { DialogFrame } from '../controls/DialogFrame';
import { NumberField } from '../controls/NumberField';
import { CommandButton } from '../run/RunControls';
import { useApp } from '../store-context';
import './presets.css';

const BUDGET = { min: 1, max: 500, integer: true, label: 'Evaluation budget', unit: 'architectures per run' } as const;
const EPOCHS = { min: 1, max: 200, integer: true, label: 'Epochs', unit: 'per candidate' } as const;

function PresetCard({ preset, onRun }: { preset: Preset; onRun(): void }) {
  const first = preset.variants[0].config;
  const exhaustive = preset.variants.every((variant) => variant.config.search.strategy === 'exhaustive');
  const [budget, setBudget] = useState(first.search.maxEvaluations ?? 0);
  const [epochs, setEpochs] = useState(first.training.epochs);
  const [seedsText, setSeedsText] = useState(preset.seeds.join(', '));
  const blocker = useApp(comparisonBlocker);
  const { startComparison } = useApp((state) => state.comparisonActions);
  const seedsId = useId();
  const seeds = parseSeeds(seedsText);
  const plan = seeds.ok ? presetPlan(preset, { seeds: seeds.seeds, budget, epochs }) : null;
  const workload = plan ? comparisonWorkload(plan, logicalCores()) : null;

  const run = () => {
    if (!plan) return;
    onRun();
    void startComparison(plan);
  };

  return (
    <section className="preset" aria-label={preset.title}>
      <h3 className="preset__title">{preset.title}</h3>
      <p className="preset__summary">{preset.summary}</p>
      <p className="preset__variants">Variants: {preset.variants.map((variant) => variant.label).join(' · ')}</p>
      <div className="preset__settings">
        {!exhaustive && <NumberField range={BUDGET} value={budget} onCommit={setBudget} />}
        <NumberField range={EPOCHS} value={epochs} onCommit={setEpochs} />
        <div className="field">
          <label className="field__label" htmlFor={seedsId}>
            Seeds
          </label>
          <input id={seedsId} className="field__input preset__seeds" type="text" value={seedsText} aria-invalid={!seeds.ok || undefined} onChange={(event) => setSeedsText(event.target.value)} />
        </div>
      </div>
      {!seeds.ok && <p className="field__error">{seeds.error}</p>}
      {workload && (
        <p className="preset__workload" data-testid={`preset-workload-${preset.id}`}>
          Trains up to {formatCount(workload.networks)} networks in all
          {workload.estimatedMs !== null && <>, {formatEstimate(workload.estimatedMs)} on this machine (an estimate from the layer sizes)</>}.
        </p>
      )}
      <details className="preset__measured">
        <summary>What a full run measured</summary>
        <p>
          {/* The text quotes its command between backticks, drawn as code. */}
          {preset.measured.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}
        </p>
      </details>
      <CommandButton label={`Run ${preset.title}`} primary reason={blocker ?? (seeds.ok ? null : seeds.error)} onPress={run} />
    </section>
  );
}

export function PresetsDialog() {
  const [open, setOpen] = useState(false);
  return (
    <DialogFrame
      wide
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="button session-menu__button">
          Presets
        </button>
      }
      title="Presets"
      description="Experiments that each make one point visible. Running one compares its variants in the Compare tab, with the same search, budget and seeds."
    >
      <div className="presets">
        {PRESETS.map((preset) => (
          <PresetCard key={preset.id} preset={preset} onRun={() => setOpen(false)} />
        ))}
      </div>
    </DialogFrame>
  );
}
