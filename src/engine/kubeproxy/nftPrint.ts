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

/** Who wrote a set element, chain or rule: a Service (`ns/name`), or null for the plumbing. */
type Owner = string | null;

/** One `table ip NAME` being filled in, in creation order. */
export class NftTable {
  private readonly sets = new Map<string, NftSet>();
  private readonly chains = new Map<string, NftChain>();
  /** Owners, kept beside the printed objects so printing stays as it was. */
  private readonly owners = new WeakMap<object, Owner>();
  private readonly ruleOwners = new Map<string, Owner[]>();
  /**
   * The Service whose objects are being added: what is created meanwhile is tagged with it, so
   * `render(service)` can print one Service's share of the table.
   */
  owner: Owner = null;

  constructor(
    readonly name: string,
    readonly comment: string,
  ) {}

  addSet(set: Omit<NftSet, 'elements'>): void {
    if (this.sets.has(set.name)) return;
    const created: NftSet = { ...set, elements: [] };
    this.sets.set(set.name, created);
    this.owners.set(created, this.owner);
  }

  /** Adds an element unless its key is there already (sets and maps hold each key once). */
  addElement(setName: string, element: NftElement): void {
    const elements = this.sets.get(setName)?.elements;
    if (elements && !elements.some((e) => e.key === element.key)) {
      elements.push(element);
      this.owners.set(element, this.owner);
    }
  }

  addChain(name: string, extra: { comment?: string; base?: NftBaseChain } = {}): void {
    if (this.chains.has(name)) return;
    const created: NftChain = { name, ...extra, rules: [] };
    this.chains.set(name, created);
    this.owners.set(created, this.owner);
    this.ruleOwners.set(name, []);
  }

  addRule(chain: string, rule: string): void {
    this.addChain(chain);
    this.chains.get(chain)?.rules.push(rule);
    this.ruleOwners.get(chain)?.push(this.owner);
  }

  /**
   * The table as `nft list table` prints it. With `service`, only what kube-proxy wrote for
   * that Service, printed the same way: its sets and chains, and its elements of the shared
   * sets and maps (`service-ips`, `service-nodeports`, …); null when it has nothing here.
   */
  render(): string;
  render(service: string): string | null;
  render(service?: string): string | null {
    const isShown = (o: object): boolean => service === undefined || this.owners.get(o) === service;
    const sets: NftSet[] = [];
    for (const set of this.sets.values()) {
      const elements = set.elements.filter(isShown);
      if (isShown(set) || elements.length > 0) sets.push({ ...set, elements });
    }
    const chains: NftChain[] = [];
    for (const chain of this.chains.values()) {
      const owners = this.ruleOwners.get(chain.name) ?? [];
      const rules = chain.rules.filter((_, i) => service === undefined || owners[i] === service);
      if (isShown(chain) || rules.length > 0) chains.push({ ...chain, rules });
    }
    if (service !== undefined && sets.length === 0 && chains.length === 0) return null;
    const objects = [...sets.map(printSet), ...chains.map(printChain)];
    return `table ip ${this.name} {\n\tcomment "${this.comment}"\n${objects.join('\n\n')}\n}\n`;
  }
}
