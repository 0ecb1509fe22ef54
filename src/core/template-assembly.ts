/**
 * Template assembly: turns a search template and a module for each of its slots into a
 * network, and repairs the network without touching what the template fixes (the rules
 * are in template.ts).
 */

import { DEFAULT_LIMITS, analyzeGenome, type Genome, type LayerGene, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import { canonicalParams } from './canonical';
import { sortTopologically } from './graph';
import { repairGenome } from './repair';
import { substituteModule, type Module } from './assembly';
import { isFixedGene, isModuleSlot, moduleSlotIds } from './template';

export interface TemplateAssembly {
  readonly genome: Genome;
  /** Slots whose module the network contains, in template order; the other slots pass their input through. */
  readonly filled: readonly string[];
}

/**
 * Returns the id prefix of the module layers placed in a slot: "<slot id>:", or
 * "<slot id>:<n>:" when a template id already starts with that, so ids never collide.
 */
export function slotPrefix(template: Genome, slotId: string): string {
  for (let n = 1; ; n++) {
    const prefix = n === 1 ? `${slotId}:` : `${slotId}:${n}:`;
    if (!template.nodes.some((gene) => gene.id.startsWith(prefix))) return prefix;
  }
}

/**
 * Replaces every slot of `template` by the module `fills` gives it, and every other slot by
 * a pass-through. Where passing through would feed one layer the same tensor twice (a slot
 * beside a skip connection into an add), the slot becomes a linear activation instead, the
 * minimal module that keeps the template's wiring.
 */
export function fillTemplate(template: Genome, fills: ReadonlyMap<string, Module>): Genome {
  const identities = new Set<string>();
  for (;;) {
    const { genome, repeated } = substituteSlots(template, fills, identities);
    const missing = repeated.filter((id) => !identities.has(id));
    if (missing.length === 0) return genome;
    for (const id of missing) identities.add(id);
  }
}

/** Runs one substitution pass. `repeated` lists the bypassed slots that left a layer with a repeated input. */
function substituteSlots(template: Genome, fills: ReadonlyMap<string, Module>, identities: ReadonlySet<string>) {
  const nodes: LayerGene[] = [];
  const exitOf = new Map<string, string>();
  const passing = new Set<string>();
  const repeated: string[] = [];

  for (const gene of sortTopologically(template.nodes)) {
    const inputs = gene.inputs.map((id) => exitOf.get(id) ?? id);
    if (!isModuleSlot(gene)) {
      gene.inputs.forEach((source, index) => {
        if (passing.has(source) && inputs.indexOf(inputs[index]) !== inputs.lastIndexOf(inputs[index])) repeated.push(source);
      });
      nodes.push({ ...gene, inputs });
      continue;
    }

    const module = fills.get(gene.id);
    if (module) {
      exitOf.set(gene.id, substituteModule(module.genome, slotPrefix(template, gene.id), inputs[0], nodes));
    } else if (identities.has(gene.id)) {
      nodes.push({ id: gene.id, kind: 'activation', params: { activation: 'linear' }, inputs });
      exitOf.set(gene.id, gene.id);
    } else {
      exitOf.set(gene.id, inputs[0]);
      passing.add(gene.id);
    }
  }
  return { genome: { nodes }, repeated };
}

/**
 * True when `network` keeps what the template fixes: each fixed layer with its kind,
 * parameters and flag, the input node and the output head, and for each of them inputs that
 * represent the template's. Only itself represents a fixed layer or the input node. A slot
 * is represented by its module's layers or its identity layer. An unfixed layer is
 * represented by itself or, when repair dropped it, by whatever represents its inputs.
 */
export function keepsTemplate(network: Genome, template: Genome): boolean {
  const templateById = new Map(template.nodes.map((gene) => [gene.id, gene]));
  const networkById = new Map(network.nodes.map((gene) => [gene.id, gene]));
  const prefixes = new Map(moduleSlotIds(template).map((id) => [id, slotPrefix(template, id)]));

  const represents = (templateId: string, networkId: string): boolean => {
    const gene = templateById.get(templateId);
    if (!gene) return false;
    if (networkId === templateId) return true;
    if (gene.kind === 'input' || isFixedGene(gene)) return false;
    if (isModuleSlot(gene) && networkId.startsWith(prefixes.get(gene.id)!)) return true;
    return gene.inputs.some((source) => represents(source, networkId));
  };

  for (const gene of template.nodes) {
    if (!isFixedGene(gene) && gene.kind !== 'input' && gene.kind !== 'output') continue;
    const counterpart = networkById.get(gene.id);
    if (!counterpart || counterpart.kind !== gene.kind || isFixedGene(counterpart) !== isFixedGene(gene)) return false;
    if (canonicalParams(counterpart.params) !== canonicalParams(gene.params)) return false;
    if (counterpart.inputs.length !== gene.inputs.length) return false;
    if (gene.inputs.some((source, index) => !represents(source, counterpart.inputs[index]))) return false;
  }
  return true;
}

/** Lists the fills to try in order: all modules, then all but one (each in turn), then none. */
function fallbackFills(fills: ReadonlyMap<string, Module>): Map<string, Module>[] {
  const all = new Map(fills);
  const allButOne = [...fills.keys()].map((skipped) => new Map([...fills].filter(([slot]) => slot !== skipped)));
  return fills.size === 0 ? [all] : [all, ...(fills.size > 1 ? allButOne : []), new Map()];
}

/**
 * Builds the network for a template with `fills[slot]` in each slot, repaired for the
 * context and limits. A module whose placement would need repair to break what the template
 * fixes, or whose layers repair would all drop, is left out and its slot passes its input
 * through. Throws when even the template with every slot passing through is invalid.
 */
export function assembleTemplate(
  template: Genome,
  fills: ReadonlyMap<string, Module>,
  context: ShapeContext,
  limits: SizeLimits = DEFAULT_LIMITS,
): TemplateAssembly {
  for (const attempt of fallbackFills(fills)) {
    const genome = repairGenome(fillTemplate(template, attempt), context, limits);
    const prefixes = [...attempt.keys()].map((slot) => slotPrefix(template, slot));
    const modulesKept = prefixes.every((prefix) => genome.nodes.some((gene) => gene.id.startsWith(prefix)));
    if (modulesKept && keepsTemplate(genome, template) && analyzeGenome(genome, context, limits).valid) {
      const order = moduleSlotIds(template);
      return { genome, filled: order.filter((slot) => attempt.has(slot)) };
    }
  }
  const issues = analyzeGenome(template, context, limits).issues.map((issue) => issue.message);
  throw new Error(`The search template is not valid with its slots passing through: ${issues.join(' ')} Fix it in the editor.`);
}
