/**
 * Search templates and fixed layers: what a user's network requires of a search.
 *
 * - A network with module slots is a template. Every candidate a search builds from it is
 *   the template with each slot replaced by a module, or passed through when the slot gets
 *   none. The layers outside the slots are copied as built, and no mutation changes them.
 * - Repair of an assembled candidate may change or drop an unfixed template layer that a
 *   module made invalid (a window too large for the module's output, say), but never a fixed
 *   layer, the connections between fixed layers, or the output head's connection to a fixed
 *   layer. When only that would make the candidate valid, the module is dropped and its slot
 *   passes its input through; the template itself is valid with every slot passing through.
 * - In a network without slots, fixed layers stay as built in every network a search breeds
 *   from it: mutation never removes or changes them, nor inserts a layer between two of them.
 *
 * The input node and the output head are kept by every search, so they count as fixed only
 * where a connection to a fixed layer is concerned.
 */

import { analyzeGenome, type Genome, type LayerGene, type SizeLimits } from './genome';
import { MODULE_SLOT_KIND, type Shape, type ShapeContext } from './layers';
import { canonicalParams } from './canonical';
import { topologicalIds } from './graph';
import type { StrategyName } from './strategy';

export const isModuleSlot = (gene: LayerGene): boolean => gene.kind === MODULE_SLOT_KIND;

/** True for a layer the user froze; the flag is ignored on the input node, the output head and module slots. */
export function isFixedGene(gene: LayerGene): boolean {
  return gene.fixed === true && gene.kind !== 'input' && gene.kind !== 'output' && !isModuleSlot(gene);
}

/** Ids of the module slots, each after the slots that feed it. */
export function moduleSlotIds(genome: Genome): string[] {
  const order = topologicalIds(genome.nodes) ?? genome.nodes.map((gene) => gene.id);
  const slots = new Set(genome.nodes.filter(isModuleSlot).map((gene) => gene.id));
  return order.filter((id) => slots.has(id));
}

export const hasModuleSlots = (genome: Genome): boolean => genome.nodes.some(isModuleSlot);

export const hasFixedGenes = (genome: Genome): boolean => genome.nodes.some(isFixedGene);

const quoted = (ids: readonly string[]): string => {
  const names = ids.map((id) => `"${id}"`);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** Returns why a network with module slots cannot be trained alone, or null when it has none. */
export function slotTrainingProblem(genome: Genome): string | null {
  const slots = moduleSlotIds(genome);
  if (slots.length === 0) return null;
  return slots.length === 1
    ? `Module slot ${quoted(slots)} is filled only by a search; replace it with layers to train this network alone.`
    : `Module slots ${quoted(slots)} are filled only by a search; replace them with layers to train this network alone.`;
}

/** Returns why a strategy cannot search from this network, or null when it can. */
export function templateStrategyProblem(strategy: StrategyName, genome: Genome): string | null {
  if (strategy !== 'exhaustive' || !hasModuleSlots(genome)) return null;
  return 'The exhaustive strategy enumerates plain chains of layers and cannot fill module slots; choose coevolution, regularized or random, or replace the slots with layers.';
}

/**
 * Returns the shape entering each module slot of a valid template, where the module placed
 * there starts. Throws when the template is invalid, since its shapes are then unknown.
 */
export function slotInputShapes(template: Genome, context: ShapeContext, limits: SizeLimits): Map<string, Shape> {
  const analysis = analyzeGenome(template, context, limits);
  if (!analysis.valid) {
    throw new Error(`The search template is not valid for this task: ${analysis.issues.map((issue) => issue.message).join(' ')}`);
  }
  const byId = new Map(template.nodes.map((gene) => [gene.id, gene]));
  return new Map(moduleSlotIds(template).map((id) => [id, analysis.nodes.get(byId.get(id)!.inputs[0])!.shape]));
}

/**
 * Returns the shape context modules evolve in for a template: the input of its first slot, so that
 * mutations draw layers that fit where most modules land. Modules placed in a slot of
 * another input shape are repaired at assembly.
 */
export function moduleShapeContext(template: Genome, context: ShapeContext, limits: SizeLimits): ShapeContext {
  const [first] = slotInputShapes(template, context, limits).values();
  return first ? { inputShape: first, outputUnits: context.outputUnits } : context;
}

/**
 * True when no mutation may insert a layer on the connection `from` → `to`: both ends are
 * fixed, counting the input node and the output head as fixed beside a fixed layer.
 * `frozen` names further nodes to treat as fixed.
 */
export function isFrozenEdge(from: LayerGene, to: LayerGene, frozen?: ReadonlySet<string>): boolean {
  const fixed = (gene: LayerGene) => isFixedGene(gene) || (frozen?.has(gene.id) ?? false);
  const fromHeld = fixed(from) || from.kind === 'input';
  const toHeld = fixed(to) || to.kind === 'output';
  return fromHeld && toHeld && (fixed(from) || fixed(to));
}

/**
 * True when `after` keeps every fixed (or `frozen`) layer of `before` with its kind,
 * parameters and flag, and every connection on which `isFrozenEdge` forbids an insertion.
 */
export function keepsFixedGenes(before: Genome, after: Genome, frozen?: ReadonlySet<string>): boolean {
  const held = (gene: LayerGene) => isFixedGene(gene) || (frozen?.has(gene.id) ?? false);
  const beforeById = new Map(before.nodes.map((gene) => [gene.id, gene]));
  const afterById = new Map(after.nodes.map((gene) => [gene.id, gene]));
  for (const gene of before.nodes) {
    const counterpart = afterById.get(gene.id);
    if (held(gene)) {
      if (!counterpart || counterpart.kind !== gene.kind || isFixedGene(counterpart) !== isFixedGene(gene)) return false;
      if (canonicalParams(counterpart.params) !== canonicalParams(gene.params)) return false;
    }
    for (const source of gene.inputs) {
      const from = beforeById.get(source);
      if (from && isFrozenEdge(from, gene, frozen) && !counterpart?.inputs.includes(source)) return false;
    }
  }
  return true;
}
