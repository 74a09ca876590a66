/**
 * A small model of one nftables table and its printing as `nft list table` does it (nftables'
 * `table_print`, `set_print`, `chain_print`): sets and maps first, then chains, each object
 * separated by a blank line, in the order they were created; set elements wrap as nft wraps
 * them (IPv4 sets four to a line, concatenations and commented elements one to a line).
 */

export interface NftElement {
  readonly key: string;
  readonly comment?: string;
  /** The verdict of a map element (`goto service-…`, `drop`). */
  readonly value?: string;
}

export interface NftSet {
  readonly kind: 'set' | 'map';
  readonly name: string;
  /** `ipv4_addr`, `ipv4_addr . inet_proto . inet_service : verdict`, … */
  readonly type: string;
  readonly flags?: string;
  readonly timeout?: string;
  readonly comment?: string;
  readonly elements: NftElement[];
}

export interface NftBaseChain {
  readonly type: 'filter' | 'nat';
  readonly hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  /** Already in nft's words (`dstnat - 10`, `filter`, `srcnat`). */
  readonly priority: string;
}

export interface NftChain {
  readonly name: string;
  readonly comment?: string;
  readonly base?: NftBaseChain;
  readonly rules: string[];
}

/** The continuation nft prints between wrapped elements: aligned under `elements = { `. */
const WRAP = ',\n\t\t\t     ';

function elementText(e: NftElement): string {
  const key = e.comment === undefined ? e.key : `${e.key} comment "${e.comment}"`;
  return e.value === undefined ? key : `${key} : ${e.value}`;
}

function printElements(set: NftSet): string {
  const oneEach = set.type.includes(' . ') || set.elements.some((e) => e.comment !== undefined);
  let out = '';
  set.elements.forEach((e, i) => {
    if (i > 0) out += oneEach || i % 4 === 0 ? WRAP : ', ';
    out += elementText(e);
  });
  return `{ ${out} }`;
}

function printSet(set: NftSet): string {
  const lines = [`\t${set.kind} ${set.name} {`, `\t\ttype ${set.type}`];
  if (set.flags !== undefined) lines.push(`\t\tflags ${set.flags}`);
  if (set.timeout !== undefined) lines.push(`\t\ttimeout ${set.timeout}`);
  if (set.comment !== undefined) lines.push(`\t\tcomment "${set.comment}"`);
  if (set.elements.length > 0) lines.push(`\t\telements = ${printElements(set)}`);
  lines.push('\t}');
  return lines.join('\n');
}

function printChain(chain: NftChain): string {
  const lines = [`\tchain ${chain.name} {`];
  if (chain.comment !== undefined) lines.push(`\t\tcomment "${chain.comment}"`);
  const b = chain.base;
  if (b) lines.push(`\t\ttype ${b.type} hook ${b.hook} priority ${b.priority}; policy accept;`);
  for (const r of chain.rules) lines.push(`\t\t${r}`);
  lines.push('\t}');
  return lines.join('\n');
}

/** One `table ip NAME` being filled in, in creation order. */
export class NftTable {
  private readonly sets = new Map<string, NftSet>();
  private readonly chains = new Map<string, NftChain>();

  constructor(
    readonly name: string,
    readonly comment: string,
  ) {}

  addSet(set: Omit<NftSet, 'elements'>): void {
    if (!this.sets.has(set.name)) this.sets.set(set.name, { ...set, elements: [] });
  }

  /** Adds an element unless its key is there already (sets and maps hold each key once). */
  addElement(setName: string, element: NftElement): void {
    const elements = this.sets.get(setName)?.elements;
    if (elements && !elements.some((e) => e.key === element.key)) elements.push(element);
  }

  addChain(name: string, extra: { comment?: string; base?: NftBaseChain } = {}): void {
    if (!this.chains.has(name)) this.chains.set(name, { name, ...extra, rules: [] });
  }

  addRule(chain: string, rule: string): void {
    this.addChain(chain);
    this.chains.get(chain)?.rules.push(rule);
  }

  render(): string {
    const objects = [
      ...[...this.sets.values()].map(printSet),
      ...[...this.chains.values()].map(printChain),
    ];
    return `table ip ${this.name} {\n\tcomment "${this.comment}"\n${objects.join('\n\n')}\n}\n`;
  }
}
