// Runs work over a dependency graph with bounded concurrency: an item starts once every item it
// depends on has finished. After a failure nothing new starts; running items finish first.
import { FaasError } from '../errors.js';

export interface GraphNode {
  key: string;
  dependsOn: readonly string[];
}

export async function runGraph<T extends GraphNode>(
  nodes: readonly T[],
  concurrency: number,
  work: (node: T) => Promise<void>,
): Promise<void> {
  const known = new Set(nodes.map((n) => n.key));
  const pending = new Map(nodes.map((n) => [n.key, n]));
  const done = new Set<string>();
  let running = 0;
  let failure: { error: unknown } | undefined;

  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (failure) {
        if (running === 0) reject(failure.error);
        return;
      }
      if (pending.size === 0 && running === 0) {
        resolve();
        return;
      }
      // Map order is declaration order, so runs are deterministic for a given graph.
      for (const [key, node] of pending) {
        if (running >= concurrency) break;
        // A dependency outside this run (not declared here) does not hold anything up.
        if (!node.dependsOn.every((d) => done.has(d) || !known.has(d))) continue;
        pending.delete(key);
        running++;
        work(node)
          .then(
            () => done.add(key),
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            running--;
            pump();
          });
      }
      if (running === 0 && pending.size > 0 && !failure) {
        reject(
          new FaasError(
            'DependencyCycle',
            `Resources depend on each other: ${[...pending.keys()].join(', ')}`,
          ),
        );
      }
    };
    pump();
  });
}

/** The same nodes with every edge reversed: for teardown, dependents go first. */
export function reversed<T extends GraphNode>(nodes: readonly T[]): Array<T & { dependsOn: string[] }> {
  return nodes.map((node) => ({
    ...node,
    dependsOn: nodes.filter((other) => other.dependsOn.includes(node.key)).map((other) => other.key),
  }));
}
