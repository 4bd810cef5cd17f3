// The event source mappings of the local Lambda, rebuilt from the journal: every change commits
// the whole (small) record, so replay is a plain put/delete.

import type { Cloud } from '../../../cloud.js';
import type { Durable } from '../../../persistence/journal.js';
import type { MappingRecord } from './model.js';

export class MappingStore implements Durable {
  readonly name = 'lambda-esm';
  private readonly mappings = new Map<string, MappingRecord>();

  apply(type: string, data: unknown): void {
    switch (type) {
      case 'put': {
        const m = (data as { m: MappingRecord }).m;
        this.mappings.set(m.uuid, m);
        break;
      }
      case 'delete':
        this.mappings.delete((data as { uuid: string }).uuid);
        break;
    }
  }

  snapshot(): unknown {
    return { mappings: [...this.mappings.values()] };
  }

  restore(snapshot: unknown): void {
    this.mappings.clear();
    for (const m of (snapshot as { mappings?: MappingRecord[] }).mappings ?? []) this.mappings.set(m.uuid, m);
  }

  get(uuid: string): MappingRecord | undefined {
    return this.mappings.get(uuid);
  }

  /** Sorted by UUID, the order ListEventSourceMappings pages in. */
  all(): MappingRecord[] {
    return [...this.mappings.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
  }

  put(cloud: Cloud, m: MappingRecord): Promise<void> {
    return cloud.persistence.commit(this.name, 'put', { m });
  }

  delete(cloud: Cloud, uuid: string): Promise<void> {
    return cloud.persistence.commit(this.name, 'delete', { uuid });
  }
}
