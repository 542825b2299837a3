import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../command/subcommand-usage.js';
import { sitrepCommand } from './command-definition.js';

interface Opt {
  name: string;
  description: string;
  type: number;
  required?: boolean;
  choices?: unknown[];
  autocomplete?: boolean;
  options?: Opt[];
}

function walk(options: readonly Opt[], visit: (o: Opt) => void) {
  for (const o of options) {
    visit(o);
    walk(o.options ?? [], visit);
  }
}

describe('the /sitrep command definition', () => {
  const topics = [
    { id: 'militia-attacks', title: 'Militia attacks' },
    { id: 'us-strikes', title: 'US strikes' },
  ];
  const command = sitrepCommand(topics);
  const options = (command.options ?? []) as Opt[];

  it('has one subcommand per command-core subcommand', () => {
    expect(options.map((o) => o.name).sort()).toEqual(SUBCOMMANDS.map((s) => s.name).sort());
  });

  it('stays within Discord’s rules: names, descriptions, required first, 25 options and choices', () => {
    walk(options, (o) => {
      expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      expect(o.autocomplete && o.choices).toBeFalsy();
      const required = (o.options ?? []).map((c) => c.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    });
    expect(command.description.length).toBeLessThanOrEqual(100);
  });

  it('offers the loaded topics as choices, or autocomplete when there are more than 25', () => {
    const route = options.find((o) => o.name === 'route')?.options?.find((o) => o.name === 'topic');
    expect(route?.choices).toEqual([
      { name: 'Militia attacks (militia-attacks)', value: 'militia-attacks' },
      { name: 'US strikes (us-strikes)', value: 'us-strikes' },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `t${i}`, title: `T${i}` }));
    const big = (sitrepCommand(many).options ?? []) as Opt[];
    const topic = big.find((o) => o.name === 'route')?.options?.find((o) => o.name === 'topic');
    expect(topic).toMatchObject({ autocomplete: true });
    expect(topic?.choices).toBeUndefined();
  });
});
