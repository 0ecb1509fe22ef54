/**
 * CoDeepNEAT (Miikkulainen et al., "Evolving Deep Neural Networks", 2017): a population
 * of modules (small layer graphs) and a population of blueprints (graphs of slots, each
 * naming a module species) evolve together.
 *
 * Each generation every blueprint is assembled into `networksPerBlueprint` networks by
 * drawing, for each species it names, one module of that species (the same module for
 * every slot naming it). A network's fitness is credited to its blueprint and to each
 * module it used, as the mean over the networks each took part in. Both populations are
 * speciated, share offspring among species by mean fitness, keep each species' best, and
 * breed the rest by mutation and crossover within species. Both start minimal: modules of
 * one layer and blueprints of one or two slots.
 *
 * A seed network with module slots is a template (see template.ts). Every network is then
 * the template with a module in each slot. Blueprints name one species per template slot
 * and evolve only those choices, and modules evolve on the shape entering the first slot.
 */

import { DEFAULT_LIMITS, type Genome, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import { Rng } from './rng';
import type { Candidate, CandidateResult, CreditEntry, GenerationSummary, MemberBirth, SearchStrategy } from './strategy';
import type { SearchSettings, StrategyOptions } from './search';
import type { Module } from './assembly';
import {
  blueprintDistance,
  chainBlueprint,
  crossoverBlueprints,
  mutateBlueprint,
  namedSpecies,
  remapSpecies,
  slotsOf,
  type Blueprint,
  type MergeKind,
} from './blueprint';
import { canonicalHash } from './canonical';
import { mergeKinds } from './candidate-set';
import { layerGraphDistance } from './compatibility';
import { assignCredit, type Credit } from './credit';
import { crossoverLayerGraphs } from './crossover';
import { assembleKeepingFixed } from './fixed-assembly';
import { checkNoPendingBatch, checkResults, checkSeedGenome, populationSummary, type MemberFitness } from './generation';
import { InnovationCounter } from './innovation';
import { moduleCapacity, seedModule, speciesWeights, startingBlueprints, startingModules } from './initial-population';
import { mutateLayerGraph, type LayerGraphContext } from './mutation';
import { reproduce, speciesMeanFitness, type Breeder, type Offspring, type ScoredMember } from './reproduction';
import { Speciation, nearestAliveSpecies } from './species';
import { hasModuleSlots, moduleShapeContext, moduleSlotIds } from './template';
import { assembleTemplate } from './template-assembly';
import { mutateTemplateBlueprint, startingTemplateBlueprints } from './template-blueprint';

export interface ModuleMember extends Module {
  readonly species: number;
}

export interface BlueprintMember {
  readonly id: string;
  readonly blueprint: Blueprint;
  readonly species: number;
}

interface Network {
  readonly candidate: Candidate;
  readonly blueprintId: string;
  readonly moduleIds: readonly string[];
}

/** Module choices tried per network before a repeat of an earlier network this generation is accepted. */
const ASSEMBLY_ATTEMPTS = 3;
const MAX_TARGET_SPECIES = 8;

export class CoevolutionStrategy implements SearchStrategy {
  readonly name = 'coevolution' as const;

  private generation = 0;
  private pending: Network[] | null = null;
  private modules: ModuleMember[] = [];
  private blueprints: BlueprintMember[] = [];
  /** Mean credited fitness of each module species in the last generation evaluated. */
  private moduleSpeciesFitness = new Map<number, number | undefined>();
  /** The seed network's blueprint and module, set when the search starts from a user's network. */
  private seed: { readonly blueprintId: string; readonly module: ModuleMember } | null = null;
  /** The best network of the last generation, which the next one assembles again. */
  private champion: { readonly blueprintId: string; readonly moduleIds: readonly string[] } | null = null;
  /** Modules and blueprints new in the current generation, reported with its summary. */
  private births: MemberBirth[] = [];

  private readonly rng: Rng;
  private readonly limits: SizeLimits;
  private readonly nodeIds = new InnovationCounter('n');
  private readonly moduleIds = new InnovationCounter('m');
  private readonly blueprintIds = new InnovationCounter('b');
  private readonly moduleSpeciation: Speciation<Genome>;
  private readonly blueprintSpeciation: Speciation<Blueprint>;
  private readonly layerContext: LayerGraphContext;
  /** The seed network when it has module slots; every network fills its slots. */
  private readonly template: Genome | null;

  constructor(
    private readonly settings: SearchSettings,
    private readonly context: ShapeContext,
    options: StrategyOptions = {},
  ) {
    this.rng = new Rng(settings.seed);
    this.limits = options.limits ?? DEFAULT_LIMITS;
    const seed = options.seedGenome;
    this.template = seed && hasModuleSlots(seed) ? seed : null;
    if (this.template) checkSeedGenome(this.template, context, this.limits);
    this.layerContext = {
      candidateSet: settings.candidateSet,
      shape: this.template ? moduleShapeContext(this.template, context, this.limits) : context,
      limits: this.limits,
      maxLayers: settings.maxModuleLayers,
      innovations: this.nodeIds,
    };
    this.moduleSpeciation = new Speciation(layerGraphDistance, {
      targetCount: targetSpeciesCount(settings.modulePopulation),
      threshold: 1,
      step: 0.2,
      minThreshold: 0.2,
    });
    this.blueprintSpeciation = new Speciation(blueprintDistance, {
      targetCount: targetSpeciesCount(settings.population),
      threshold: 1,
      step: 0.2,
      minThreshold: 0.2,
    });
    this.initialise(this.template ? undefined : seed);
  }

  propose(): Candidate[] | null {
    checkNoPendingBatch(this.pending, this.generation);
    if (this.generation >= this.settings.generations) return null;
    this.pending = this.assembleGeneration();
    return this.pending.map((network) => network.candidate);
  }

  observe(results: readonly CandidateResult[]): GenerationSummary {
    const networks = this.pending;
    checkResults(networks?.map((network) => network.candidate) ?? null, results, this.generation);

    const credit = assignCredit(
      networks!.map((network, index) => ({
        blueprintId: network.blueprintId,
        moduleIds: network.moduleIds,
        fitness: results[index].fitness,
        failed: results[index].failed,
        params: results[index].params,
      })),
    );
    const summary = { ...this.summarise(results, credit), credit: creditEntries(this.modules, this.blueprints, credit), births: this.births };
    this.champion = bestNetwork(networks!, results);

    this.pending = null;
    this.generation += 1;
    if (this.generation < this.settings.generations) this.evolve(credit);
    return summary;
  }

  /** Modules and blueprints of the current generation, for inspection and tests. */
  get populations(): { readonly modules: readonly ModuleMember[]; readonly blueprints: readonly BlueprintMember[] } {
    return { modules: this.modules, blueprints: this.blueprints };
  }

  private initialise(seedGenome: Genome | undefined): void {
    const rng = this.rng.fork('initial');
    const start = { candidateSet: this.settings.candidateSet, shape: this.layerContext.shape, limits: this.limits, innovations: this.nodeIds };
    const seed = seedGenome ? [seedModule(seedGenome, start)] : [];
    const genomes = [...seed, ...startingModules(this.settings.modulePopulation - seed.length, rng, start)];
    const moduleSpecies = this.moduleSpeciation.assign(genomes).speciesOf;
    this.modules = genomes.map((genome, index) => ({ id: this.moduleIds.next(), genome, species: moduleSpecies[index] }));

    // The seed's blueprint comes first, and its module leads its species, so the seed
    // network is the first candidate of generation 0.
    const first = seedGenome ? [chainBlueprint([this.modules[0].species], this.nodeIds)] : [];
    const species = this.moduleSpeciation.current.map((record) => ({ id: record.id, weight: moduleCapacity(record.representative) }));
    const blueprints = this.template
      ? startingTemplateBlueprints(this.settings.population, moduleSlotIds(this.template), species, rng)
      : startingBlueprints(this.settings.population, first, species, this.settings.maxBlueprintSlots, rng, this.nodeIds);
    const blueprintSpecies = this.blueprintSpeciation.assign(blueprints).speciesOf;
    this.blueprints = blueprints.map((blueprint, index) => ({
      id: this.blueprintIds.next(),
      blueprint,
      species: blueprintSpecies[index],
    }));
    if (seedGenome) this.seed = { blueprintId: this.blueprints[0].id, module: this.modules[0] };
    const origin = (index: number) => (seedGenome && index === 0 ? 'seed' : 'initial');
    this.births = [
      ...this.modules.map((module, index) => birth(module.id, 'modules', module.species, [], origin(index))),
      ...this.blueprints.map((member, index) => birth(member.id, 'blueprints', member.species, [], origin(index))),
    ];
  }

  /** The seed module, exactly as the user built it, for the seed blueprint's first network of generation 0. */
  private seedModules(member: BlueprintMember, copy: number): ModuleMember[] | null {
    const isSeed = this.generation === 0 && copy === 0 && this.seed?.blueprintId === member.id;
    return isSeed ? [this.seed!.module] : null;
  }

  private assembleGeneration(): Network[] {
    const usage = new Map<string, number>();
    const seen = new Set<string>();
    const networks: Network[] = [];
    for (const member of this.blueprints) {
      for (let copy = 0; copy < this.settings.networksPerBlueprint; copy++) {
        const seedModules = this.seedModules(member, copy);
        const championModules = copy === 0 ? this.championModules(member) : null;
        let assembled;
        if (seedModules) assembled = this.assembleWith(member.blueprint, seedModules, true);
        else if (championModules) assembled = this.assembleWith(member.blueprint, championModules);
        else assembled = this.assembleDistinct(member.blueprint, usage, seen);
        const { genome, hash, chosen } = assembled;
        for (const module of chosen) usage.set(module.id, (usage.get(module.id) ?? 0) + 1);
        seen.add(hash);
        const moduleIds = chosen.map((module) => module.id);
        const candidate: Candidate = {
          id: `g${this.generation}-${networks.length}`,
          generation: this.generation,
          genome,
          hash,
          origin: { type: 'assembled', blueprintId: member.id, moduleIds },
          lineage: { parents: [member.id, ...moduleIds], operations: ['assemble'] },
        };
        networks.push({ candidate, blueprintId: member.id, moduleIds });
      }
    }
    return networks;
  }

  /**
   * Assembles a blueprint with the least-used module of each species it names (the elite
   * first, since it leads its species), moving to the next module per species when the
   * network repeats one already proposed this generation.
   */
  private assembleDistinct(blueprint: Blueprint, usage: ReadonlyMap<string, number>, seen: ReadonlySet<string>) {
    const rankings = namedSpecies(blueprint).map((id) =>
      this.modules
        .filter((module) => module.species === id)
        .map((module, index) => ({ module, index }))
        .sort((a, b) => (usage.get(a.module.id) ?? 0) - (usage.get(b.module.id) ?? 0) || a.index - b.index)
        .map(({ module }) => module),
    );

    let first: ReturnType<typeof this.assembleWith> | null = null;
    for (let attempt = 0; attempt < ASSEMBLY_ATTEMPTS; attempt++) {
      const option = this.assembleWith(blueprint, rankings.map((ranking) => ranking[attempt % ranking.length]));
      if (!seen.has(option.hash)) return option;
      first ??= option;
    }
    return first!;
  }

  /** Returns the champion's modules, in the order of the species its blueprint names, when all survive. */
  private championModules(member: BlueprintMember): ModuleMember[] | null {
    if (!this.champion || this.champion.blueprintId !== member.id) return null;
    const modules = this.champion.moduleIds.map((id) => this.modules.find((module) => module.id === id));
    const species = namedSpecies(member.blueprint);
    if (modules.some((module) => !module) || modules.length !== species.length) return null;
    return modules as ModuleMember[];
  }

  /**
   * Assembles with `chosen[i]` for the i-th species the blueprint names; a missing module
   * leaves its slots empty. `exact` keeps the seed network as the user built it.
   */
  private assembleWith(blueprint: Blueprint, chosen: readonly (ModuleMember | undefined)[], exact = false) {
    const bySpecies = new Map<number, ModuleMember>();
    namedSpecies(blueprint).forEach((id, index) => {
      if (chosen[index]) bySpecies.set(id, chosen[index]);
    });
    const { genome, placed } = this.assembleNetwork(blueprint, bySpecies, exact);
    return { genome, hash: canonicalHash(genome), chosen: [...placed] };
  }

  /** Builds a network from the template or the blueprint's graph; `placed` lists the modules it contains. */
  private assembleNetwork(blueprint: Blueprint, bySpecies: ReadonlyMap<number, ModuleMember>, exact: boolean) {
    if (!this.template) {
      const { genome, placed } = assembleKeepingFixed(blueprint, bySpecies, this.context, this.limits, exact);
      return { genome, placed: [...placed.values()] as ModuleMember[] };
    }
    const fills = new Map<string, ModuleMember>();
    for (const slot of slotsOf(blueprint)) {
      const module = bySpecies.get(slot.species);
      if (module) fills.set(slot.id, module);
    }
    const { genome, filled } = assembleTemplate(this.template, fills, this.context, this.limits);
    return { genome, placed: [...new Set(filled.map((slot) => fills.get(slot)!))] };
  }

  private evolve(credit: Credit): void {
    const rng = this.rng.fork('evolve', this.generation);
    this.births = [];
    this.evolveModules(credit, rng.fork('modules'));
    this.evolveBlueprints(credit, rng.fork('blueprints'));
  }

  private evolveModules(credit: Credit, rng: Rng): void {
    const breeder: Breeder<Genome> = {
      mutate: (parent, random) => mutateLayerGraph(parent, random, this.layerContext).genome,
      crossover: (fitter, other, random) => crossoverLayerGraphs(fitter, other, random, { shape: this.context, limits: this.limits }),
    };
    const scored = this.modules.map((module) => scoredMember(module.id, module.genome, module.species, credit.modules));
    const speciesIds = [...new Set(scored.map((member) => member.species))];
    this.moduleSpeciesFitness = new Map(speciesIds.map((id) => [id, speciesMeanFitness(scored.filter((member) => member.species === id))]));
    const keep = new Set(this.champion?.moduleIds ?? []);
    const offspring = reproduce(scored, this.settings.modulePopulation, breeder, rng, keep);
    const next = offspring.map((child) => ({ id: child.eliteId ?? this.moduleIds.next(), genome: child.value }));

    const assignment = this.moduleSpeciation.assign(next.map((module) => module.genome));
    this.modules = next.map((module, index) => ({ ...module, species: assignment.speciesOf[index] }));
    this.births.push(...offspringBirths(offspring, this.modules, 'modules'));

    // Slots naming a species that died out now name the nearest surviving one.
    const remap = nearestAliveSpecies(assignment.extinct, assignment.alive, layerGraphDistance);
    this.blueprints = this.blueprints.map((member) => ({ ...member, blueprint: remapSpecies(member.blueprint, remap) }));
  }

  private evolveBlueprints(credit: Credit, rng: Rng): void {
    const blueprintContext = {
      species: speciesWeights(
        new Map(this.moduleSpeciation.current.map((record) => [record.id, this.moduleSpeciesFitness.get(record.id)])),
        this.blueprints.map((member) => member.blueprint),
      ),
      merges: mergeKinds(this.settings.candidateSet) as MergeKind[],
      maxSlots: this.settings.maxBlueprintSlots,
      innovations: this.nodeIds,
    };
    const breeder: Breeder<Blueprint> = {
      mutate: (parent, random) =>
        this.template
          ? mutateTemplateBlueprint(parent, random, blueprintContext.species)
          : mutateBlueprint(parent, random, blueprintContext).blueprint,
      crossover: (fitter, other, random) => crossoverBlueprints(fitter, other, random),
    };
    const scored = this.blueprints.map((member) => scoredMember(member.id, member.blueprint, member.species, credit.blueprints));
    const keep = new Set(this.champion ? [this.champion.blueprintId] : []);
    const offspring = reproduce(scored, this.settings.population, breeder, rng, keep);
    const next = offspring.map((child) => ({ id: child.eliteId ?? this.blueprintIds.next(), blueprint: child.value }));

    const assignment = this.blueprintSpeciation.assign(next.map((member) => member.blueprint));
    this.blueprints = next.map((member, index) => ({ ...member, species: assignment.speciesOf[index] }));
    this.births.push(...offspringBirths(offspring, this.blueprints, 'blueprints'));
  }

  private summarise(results: readonly CandidateResult[], credit: Credit): GenerationSummary {
    const networkFitness: MemberFitness[] = results.map((result) => ({ species: 0, fitness: result.failed ? 0 : result.fitness }));
    const moduleFitness = this.modules.map((module) => ({ species: module.species, fitness: credit.modules.get(module.id)?.fitness }));
    const blueprintFitness = this.blueprints.map((member) => ({ species: member.species, fitness: credit.blueprints.get(member.id)?.fitness }));
    return {
      generation: this.generation,
      populations: [
        populationSummary('networks', networkFitness, false),
        populationSummary('modules', moduleFitness, true),
        populationSummary('blueprints', blueprintFitness, true),
      ],
    };
  }
}

function birth(id: string, population: MemberBirth['population'], species: number, parents: readonly string[], operation: string): MemberBirth {
  return { id, population, species, parents, operation };
}

/** Births of the bred offspring (elites are not new), matched by position to the members they became. */
function offspringBirths(
  offspring: readonly Offspring<unknown>[],
  members: readonly { readonly id: string; readonly species: number }[],
  population: MemberBirth['population'],
): MemberBirth[] {
  return offspring.flatMap((child, index) =>
    child.eliteId ? [] : [birth(members[index].id, population, members[index].species, child.parentIds ?? [], child.operation ?? 'mutation')],
  );
}

/** Lists the credit of every module and blueprint that took part in a network this generation. */
function creditEntries(modules: readonly ModuleMember[], blueprints: readonly BlueprintMember[], credit: Credit): CreditEntry[] {
  const entries: CreditEntry[] = [];
  for (const module of modules) {
    const credited = credit.modules.get(module.id);
    if (credited) entries.push({ id: module.id, population: 'modules', species: module.species, fitness: credited.fitness, networks: credited.networks });
  }
  for (const member of blueprints) {
    const credited = credit.blueprints.get(member.id);
    if (credited) entries.push({ id: member.id, population: 'blueprints', species: member.species, fitness: credited.fitness, networks: credited.networks });
  }
  return entries;
}

function scoredMember<T>(id: string, value: T, species: number, credit: Credit['modules']): ScoredMember<T> {
  const credited = credit.get(id);
  return { id, value, species, fitness: credited?.fitness, failed: credited?.failed ?? false, params: credited?.params };
}

/**
 * Species count a population of `size` aims for: one per four members, at most eight, so
 * that large populations still breed within species of useful size.
 */
function targetSpeciesCount(size: number): number {
  return Math.min(MAX_TARGET_SPECIES, Math.max(1, Math.round(size / 4)));
}

/**
 * Returns the network with the highest fitness that did not fail, the smaller one on a
 * tie, or null when all failed.
 */
function bestNetwork(networks: readonly Network[], results: readonly CandidateResult[]) {
  let best: Network | null = null;
  let bestResult: CandidateResult | null = null;
  for (let index = 0; index < networks.length; index++) {
    const result = results[index];
    if (result.failed) continue;
    const better =
      !bestResult ||
      result.fitness > bestResult.fitness ||
      (result.fitness === bestResult.fitness && result.params < bestResult.params);
    if (better) {
      best = networks[index];
      bestResult = result;
    }
  }
  return best && { blueprintId: best.blueprintId, moduleIds: best.moduleIds };
}
