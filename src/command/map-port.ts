/** What the command core needs to draw an incident map (implemented by src/map, wired in main). */
import type { Incident } from '../domain/incident.js';

export interface MapPortRequest {
  readonly incidents: readonly Incident[];
  readonly from: Date;
  readonly to: Date;
  readonly title: string;
  readonly subtitle: string;
}

export interface MapPort {
  render(req: MapPortRequest): Promise<{ readonly png: Uint8Array; readonly drawn: number }>;
}
