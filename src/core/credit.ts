/**
 * Credit assignment in CoDeepNEAT: a network's fitness goes to its blueprint and to every
 * module it used, and each receives the mean over the networks it took part in.
 */

export interface NetworkCredit {
  readonly blueprintId: string;
  /** Modules the network used; a module in several slots of one network counts once. */
  readonly moduleIds: readonly string[];
  /** The network's fitness; failed networks count as 0. */
  readonly fitness: number;
  readonly failed: boolean;
  /** The network's parameter count, averaged like fitness to break ties toward smaller networks. */
  readonly params: number;
}

export interface CreditedFitness {
  readonly fitness: number;
  /** Mean parameter count of the networks the member took part in. */
  readonly params: number;
  /** Number of networks the member took part in. */
  readonly networks: number;
  /** True when every one of those networks failed. */
  readonly failed: boolean;
}

export interface Credit {
  readonly blueprints: ReadonlyMap<string, CreditedFitness>;
  /** Only modules used by at least one network appear; the rest stay unevaluated. */
  readonly modules: ReadonlyMap<string, CreditedFitness>;
}

/** Averages each network's fitness into its blueprint and its modules. */
export function assignCredit(networks: readonly NetworkCredit[]): Credit {
  const blueprints = new Accumulator();
  const modules = new Accumulator();
  for (const network of networks) {
    const fitness = network.failed ? 0 : network.fitness;
    blueprints.add(network.blueprintId, fitness, network.params, network.failed);
    for (const id of new Set(network.moduleIds)) modules.add(id, fitness, network.params, network.failed);
  }
  return { blueprints: blueprints.means(), modules: modules.means() };
}

class Accumulator {
  private readonly totals = new Map<string, { sum: number; params: number; count: number; failures: number }>();

  add(id: string, fitness: number, params: number, failed: boolean): void {
    const total = this.totals.get(id) ?? { sum: 0, params: 0, count: 0, failures: 0 };
    total.sum += fitness;
    total.params += params;
    total.count += 1;
    if (failed) total.failures += 1;
    this.totals.set(id, total);
  }

  means(): Map<string, CreditedFitness> {
    const means = new Map<string, CreditedFitness>();
    for (const [id, { sum, params, count, failures }] of this.totals) {
      means.set(id, { fitness: sum / count, params: params / count, networks: count, failed: failures === count });
    }
    return means;
  }
}
